// The contract between the fuzz worker and its targets: a target reads one input with one of the product's
// readers and returns the problems it saw (empty when the outcome was clear), plus anything a property
// wants to compare.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TargetInput {
  /** File name the input is written under (it picks the reader or its format, as on disk). */
  name: string;
  bytes: Uint8Array;
}

export interface TargetOutcome {
  problems: string[];
  /** A summary some properties compare (kept small: it crosses threads). */
  detail?: unknown;
}

/** Where a target writes its input when the reader takes a path. */
export class Scratch {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  write(name: string, bytes: Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, bytes);
    return path;
  }
  pathOf(name: string): string {
    return join(this.dir, name);
  }
}

export type Target = (input: TargetInput, scratch: Scratch) => TargetOutcome;
