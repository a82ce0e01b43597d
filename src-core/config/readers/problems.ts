// MA100: the one diagnostic the readers emit themselves, for input that cannot be read as written.
import type { SourceDocument } from '../../language/document';
import type { Diagnostic, Severity } from '../../language/types';

export const READ_PROBLEM_CODE = 'MA100';

export function readProblem(doc: SourceDocument, start: number, end: number, message: string, severity: Severity = 'error'): Diagnostic {
  const range = doc.rangeOf(start, Math.max(end, start));
  // Messages name the place, so a CLI log line is useful without the range.
  const where = `${baseName(doc.path)}:${range.start.line + 1}:${range.start.character + 1}`;
  return { code: READ_PROBLEM_CODE, severity, message: `${where}: ${message}`, range, file: doc.path };
}

function baseName(p: string): string {
  const k = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return k >= 0 ? p.slice(k + 1) : p;
}
