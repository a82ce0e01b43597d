// Maps between LSP URIs and the absolute paths src-core works with, and reads files open buffers first.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAccess } from '../src-core/language/service';
import { inputFileRefusal, inputKindOfPath, readInputText, type InputFileKind, type InputLimits } from '../src-core/util/input-file';
import { defaultInputLimits } from '../src-core/util/input-limits';

/** How the editor's user raises a size limit: the config file the CLI reads too, so both refuse the same files. */
export const SERVER_RAISE_HINT = (kind: InputFileKind): string => `raise it with "maxFileSize": { "${kind}": "SIZE" } in .microagent/config.json`;

export const serverDefaultLimits: InputLimits = { ...defaultInputLimits, howToRaise: SERVER_RAISE_HINT };

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

  /** An open buffer's text, else the file's (a regular file within the size limit for its kind). */
  readText(p: string, kind?: InputFileKind, limits: InputLimits = serverDefaultLimits): string | undefined {
    const uri = this.byPath.get(path.resolve(p));
    const doc = uri ? this.documents.get(uri) : undefined;
    if (doc) return doc.getText();
    try {
      return readInputText(p, kind ?? inputKindOfPath(p), limits);
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

  refusal(p: string, kind?: InputFileKind, limits: InputLimits = serverDefaultLimits): string | undefined {
    if (this.byPath.has(path.resolve(p))) return undefined;
    return inputFileRefusal(p, kind, limits)?.problem;
  }

  /** The same access with other size limits (a project's `maxFileSize`). */
  withLimits(limits: InputLimits): FileAccess {
    return {
      readText: (p, kind) => this.readText(p, kind, limits),
      exists: (p) => this.exists(p),
      refusal: (p, kind) => this.refusal(p, kind, limits),
    };
  }
}
