// The contract between a file kind's checker (in src-core) and its callers (the server, the CLI):
// one DocumentService per kind of file the product reads.
import type { SourceDocument } from './document';
import type { ProjectSettings } from './settings';
import type { CompletionItem, Diagnostic, DocumentSymbol, Hover, Position } from './types';

/** How a checker reads other files (nx_user.h beside a header, files a profile names). The server
 *  answers from open editor buffers first, then disk; the CLI from disk. */
export interface FileAccess {
  readText(path: string): string | undefined;
  exists(path: string): boolean;
}

export interface CheckContext {
  settings: ProjectSettings;
  files: FileAccess;
  /** Folder that relative settings paths (nxUserPath) are resolved against. */
  workspaceRoot?: string;
}

export interface DocumentService {
  /** Stable id of the file kind, e.g. 'asc-config-header'. */
  readonly id: string;
  /** Human name of the file kind, for messages and the README. */
  readonly title: string;
  /** Whether this service handles the file. `text` may be a prefix of the file (the first 64 KiB). */
  recognizes(path: string, text: string): boolean;
  validate(doc: SourceDocument, ctx: CheckContext): Diagnostic[];
  hover?(doc: SourceDocument, position: Position, ctx: CheckContext): Hover | undefined;
  complete?(doc: SourceDocument, position: Position, ctx: CheckContext): CompletionItem[];
  symbols?(doc: SourceDocument, ctx: CheckContext): DocumentSymbol[];
}
