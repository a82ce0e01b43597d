// The one diagnostic a file gets when checking it failed inside the tool (MA000): visible where the user looks,
// on the file's first line, instead of a silently empty Problems panel.
import type { Diagnostic } from '../src-core/language/types';
import { safeLine } from '../src-core/findings/text-safety';

export const INTERNAL_ERROR_CODE = 'MA000';

/** `failure` is CheckOutcome.failure (it may start with the file's path, which the diagnostic does not repeat). */
export function internalErrorDiagnostic(file: string, text: string, failure: string): Diagnostic {
  const why = failure.startsWith(`${file}: `) ? failure.slice(file.length + 2) : failure;
  const firstLine = /^[^\r\n]*/.exec(text)?.[0].length ?? 0;
  return {
    code: INTERNAL_ERROR_CODE,
    severity: 'error',
    message: `internal error while checking this file: ${safeLine(why, 300)}; other files are still checked (the stack is in the language server's log)`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: Math.min(firstLine, 200) } },
    file,
  };
}
