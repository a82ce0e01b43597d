// FileAccess straight from disk, for the CLI (the server puts open editor buffers in front of it).
import * as fs from 'node:fs';
import type { FileAccess } from '../language/service';

export const diskFiles: FileAccess = {
  readText(p: string): string | undefined {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists(p: string): boolean {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  },
};
