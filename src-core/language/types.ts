// Editor-neutral shapes shared by every checker, the CLI and the language server.
// Positions are zero-based, and `character` counts UTF-16 code units, exactly as LSP does,
// so the server passes them through without conversion.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One text replacement; a fix is a list of them applied together. */
export interface TextEdit {
  range: Range;
  newText: string;
  /** The same edit as a snippet (`${1:placeholder}`), for editors that can leave the cursor on the part to
   *  write; `newText` stays complete, valid text for the others. */
  snippet?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor should offer first (LSP `isPreferred`). */
  preferred?: boolean;
}

export interface RelatedLocation {
  /** Absolute path of the file, or the same document's path. */
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** Stable rule code: MA1xx configuration, MA2xx baseline, MA3xx profile and feeds, MA4xx detections. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Absolute path of the file the diagnostic belongs to. */
  file: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Marks diagnostics for code that has no effect (rendered faded), LSP DiagnosticTag.Unnecessary. */
  unnecessary?: boolean;
  /** The flagged text is the start of a name the checker knows (what completion would finish): an editor
   *  holds the diagnostic back while the user is still typing there (see typing-hold.ts). */
  partialName?: boolean;
  /** On an MA004 note from a checker: how many problems it counted past the cap without building them. */
  omitted?: number;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range?: Range;
}

export type CompletionKind = 'option' | 'value' | 'property' | 'snippet' | 'keyword' | 'enum';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `range` (or the word at the cursor when absent). May hold ${1:placeholder} when `snippet`. */
  insertText?: string;
  snippet?: boolean;
  range?: Range;
  sortText?: string;
  filterText?: string;
}

export type SymbolKind = 'option' | 'group' | 'rule' | 'device' | 'feed' | 'section' | 'macro';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

/** A code lens line: a short title shown above `range` (for example "fired 12 times"). */
export interface CodeLensInfo {
  range: Range;
  title: string;
}

export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}
