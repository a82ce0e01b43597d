// A text document as the checkers see it: its path, its text, and offset <-> position conversion.
import type { Position, Range } from './types';

export class SourceDocument {
  /** Offsets where lines start, packed (4 bytes a line: a 100 MB feed has millions of lines). */
  private lineStarts: Uint32Array | undefined;

  constructor(
    /** Absolute path (the server converts file URIs to paths before calling src-core). */
    readonly path: string,
    readonly text: string,
    /** Editor version, when the document comes from an editor. */
    readonly version?: number,
  ) {}

  private starts(): Uint32Array {
    if (!this.lineStarts) {
      const t = this.text;
      if (t.indexOf('\r') < 0) {
        // The common case, and fast on large files: indexOf finds line feeds without a loop per character.
        let count = 1;
        for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) count++;
        const starts = new Uint32Array(count);
        let n = 1;
        for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) starts[n++] = i + 1;
        this.lineStarts = starts;
        return starts;
      }
      // Two passes (count, then fill) so the array is allocated once at its final size.
      let count = 1;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) count++;
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          count++;
        }
      }
      const starts = new Uint32Array(count);
      let n = 1;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts[n++] = i + 1;
        else if (c === 13) {
          if (t.charCodeAt(i + 1) === 10) i++;
          starts[n++] = i + 1;
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1] : this.text.length;
    return Math.max(lineStart, Math.min(lineStart + position.character, nextStart));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The text of one line, without its line break. */
  lineText(line: number): string {
    const starts = this.starts();
    if (line < 0 || line >= starts.length) return '';
    const end = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return this.text.slice(starts[line], end).replace(/\r?\n$|\r$/, '');
  }
}
