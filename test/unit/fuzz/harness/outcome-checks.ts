// What "a clear outcome" means, as checks that collect problems instead of throwing: diagnostics and feed
// issues that stay inside their document and say something, errors that name their file and place, and
// outputs that grow at most linearly with the input.
import type { SourceDocument } from '../../../../src-core/language/document';
import type { Diagnostic } from '../../../../src-core/language/types';

/** Problems found in one outcome; a target returns them (empty: the outcome was clear). */
export class Problems {
  readonly list: string[] = [];
  add(message: string): void {
    // One bad field usually repeats over thousands of entries: the first few say it all.
    if (this.list.length < 8) this.list.push(message);
    else if (this.list.length === 8) this.list.push('(more problems left out)');
  }
  check(ok: boolean, message: () => string): void {
    if (!ok) this.add(message());
  }
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function isPlace(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

/** Every diagnostic has a code, a severity, a message, and a range inside the document it is about. */
export function checkDiagnostics(p: Problems, doc: SourceDocument, diagnostics: readonly Diagnostic[], what: string): void {
  for (const d of diagnostics) {
    const label = `${what}: ${d.code} "${String(d.message).slice(0, 120)}"`;
    p.check(typeof d.code === 'string' && /^MA\d{3}$/.test(d.code), () => `${label}: code is not MAnnn`);
    p.check(SEVERITIES.has(d.severity), () => `${label}: severity ${String(d.severity)}`);
    p.check(typeof d.message === 'string' && d.message.trim().length > 0, () => `${label}: empty message`);
    p.check(!d.message.includes("[object Object]"), () => `${label}: the message shows an object, not its text`);
    if (d.file && d.file !== doc.path) continue;
    const r = d.range;
    const ok = r && isPlace(r.start.line) && isPlace(r.start.character) && isPlace(r.end.line) && isPlace(r.end.character);
    p.check(Boolean(ok), () => `${label}: range is not made of whole non-negative numbers (${JSON.stringify(r)})`);
    if (!ok) continue;
    p.check(r.end.line < doc.lineCount && r.start.line <= r.end.line, () => `${label}: range lines ${r.start.line}..${r.end.line} outside the ${doc.lineCount}-line document`);
    p.check(r.start.line < r.end.line || r.start.character <= r.end.character, () => `${label}: range ends before it starts`);
    p.check(r.end.character <= doc.lineText(r.end.line).length + 1, () => `${label}: range end character ${r.end.character} past the end of line ${r.end.line}`);
  }
}

/** Offsets into a text (feed issues, entries) lie within it and are in order. */
export function checkSpan(p: Problems, label: string, start: number, end: number, length: number): void {
  p.check(isPlace(start) && isPlace(end) && start <= end && end <= length, () => `${label}: span ${start}..${end} outside the ${length}-character text`);
}

/** An error that ends a binary read names the file and the byte where it stopped, and that byte is in the file. */
export function checkByteError(p: Problems, label: string, error: { message: string; offset: number } | undefined, file: string, size: number): void {
  if (!error) return;
  p.check(error.message.includes(file), () => `${label}: error does not name the file: ${error.message}`);
  p.check(isPlace(error.offset) && error.offset <= size, () => `${label}: error offset ${error.offset} outside the ${size}-byte file`);
  // An empty file has no byte to name.
  if (size > 0) p.check(error.message.includes(`byte ${error.offset}`), () => `${label}: error does not name its byte (${error.offset}): ${error.message}`);
}

/** Output that grows faster than the input is an amplification a hostile file can use. */
export function checkLinear(p: Problems, what: string, amount: number, inputBytes: number, perByte: number, constant: number): void {
  const limit = perByte * inputBytes + constant;
  p.check(amount <= limit, () => `${what}: ${amount} from a ${inputBytes}-byte input (more than ${perByte} per byte + ${constant})`);
}
