// Maps between LSP URIs and the absolute paths src-core works with, and reads files open buffers first.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAccess } from '../src-core/language/service';

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // Fall through: a malformed file URI is still given a stable pseudo path.
    }
  }
  // Untitled and virtual documents keep a path-like name so services can still recognise them by file name.
  const colon = uri.indexOf(':');
  return '/' + decodeURIComponent(colon >= 0 ? uri.slice(colon + 1) : uri).replace(/^\/+/, '');
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Open buffers by path, kept in step with didOpen / didClose so lookups need no URI normalising. */
export class BufferIndex implements FileAccess {
  private readonly byPath = new Map<string, string>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  opened(uri: string): void {
    this.byPath.set(path.resolve(uriToPath(uri)), uri);
  }

  closed(uri: string): void {
    this.byPath.delete(path.resolve(uriToPath(uri)));
  }

  uriFor(p: string): string {
    return this.byPath.get(path.resolve(p)) ?? pathToUri(p);
  }

  isOpen(p: string): boolean {
    return this.byPath.has(path.resolve(p));
  }

  readText(p: string): string | undefined {
    const uri = this.byPath.get(path.resolve(p));
    const doc = uri ? this.documents.get(uri) : undefined;
    if (doc) return doc.getText();
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  }

  exists(p: string): boolean {
    if (this.byPath.has(path.resolve(p))) return true;
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  }
}
