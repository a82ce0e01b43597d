// Where the user last typed in each open document, read from the incremental changes as TextDocuments applies
// them, so diagnostics on a name still being typed are held back (src-core/language/typing-hold.ts) until the
// user types somewhere else or saves.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position } from '../src-core/language/types';
import { holdWhileTyping } from '../src-core/language/typing-hold';

export class TypingSpots {
  private readonly spots = new Map<string, Position>();

  /** The TextDocuments configuration: TextDocument's own, noting where each batch of changes leaves the cursor. */
  readonly documentConfig = {
    create: TextDocument.create,
    update: (doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument => {
      this.note(doc.uri, changes);
      return TextDocument.update(doc, changes, version);
    },
  };

  /** The cursor after the last change: the end of its inserted text. A whole-document change (no range) is no typing. */
  private note(uri: string, changes: TextDocumentContentChangeEvent[]): void {
    const last = changes[changes.length - 1];
    if (!last || !('range' in last) || !last.range) {
      this.spots.delete(uri);
      return;
    }
    const lines = last.text.split(/\r\n|\r|\n/);
    const start = last.range.start;
    this.spots.set(uri, lines.length === 1
      ? { line: start.line, character: start.character + lines[0].length }
      : { line: start.line + lines.length - 1, character: lines[lines.length - 1].length });
  }

  /** `diagnostics` without the ones on the name being typed in `uri`. */
  hold(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    return holdWhileTyping(diagnostics, this.spots.get(uri));
  }

  /** A save (or a close) ends the typing: whatever was held shows. True when a spot was dropped. */
  forget(uri: string): boolean {
    return this.spots.delete(uri);
  }
}
