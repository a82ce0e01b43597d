// The contract between a file kind's checker (in src-core) and its callers (the server, the CLI):
// one DocumentService per kind of file the product reads.
import type { SourceDocument } from './document';
import type { ProjectSettings } from './settings';
import type { CompletionItem, Diagnostic, DocumentSymbol, Hover, Position } from './types';
import type { InputFileKind } from '../util/input-limits';
import type { WorkspaceBounds } from '../util/workspace-bounds';

/** How a checker reads other files (nx_user.h beside a header, files a profile names). The server
 *  answers from open editor buffers first, then disk; the CLI from disk. */
export interface FileAccess {
  /** The file's text; undefined when it is absent or refused (not a regular file, over its size limit). `kind`
   *  picks the size limit; without it, the file's name does. */
  readText(path: string, kind?: InputFileKind): string | undefined;
  exists(path: string): boolean;
  /** Why the file would not be read (missing, a folder or device, over its size limit), found without opening
   *  it; undefined when it would be. Absent: only `exists` is known. */
  refusal?(path: string, kind?: InputFileKind): string | undefined;
}

export interface CheckContext {
  settings: ProjectSettings;
  files: FileAccess;
  /** Folder that relative settings paths (nxUserPath) are resolved against. */
  workspaceRoot?: string;
  /** Where the files a profile names may be read from, and by whom (absent: anywhere, no report). */
  workspace?: WorkspaceBounds;
}

export interface DocumentService {
  /** Stable id of the file kind, e.g. 'asc-config-header'. */
  readonly id: string;
  /** Human name of the file kind, for messages and the README. */
  readonly title: string;
  /** Whether this service handles the file. `text` may be a prefix of the file (the first 64 KiB). */
  recognizes(path: string, text: string): boolean;
  validate(doc: SourceDocument, ctx: CheckContext): Diagnostic[];
  /** The same check, pausing (yield) every few milliseconds of work, for a kind whose files can be large enough
   *  to hold the language server (a 50 MB header): it gives way to other requests between the pauses, and stops
   *  when the document changes. Returns what `validate` returns. */
  validateSteps?(doc: SourceDocument, ctx: CheckContext): Generator<void, Diagnostic[], void>;
  hover?(doc: SourceDocument, position: Position, ctx: CheckContext): Hover | undefined;
  complete?(doc: SourceDocument, position: Position, ctx: CheckContext): CompletionItem[];
  symbols?(doc: SourceDocument, ctx: CheckContext): DocumentSymbol[];
}
