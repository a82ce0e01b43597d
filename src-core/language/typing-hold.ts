// Nothing is reported on the name being typed: a diagnostic marked `partialName` (the flagged text is the start
// of a name the checker knows, as `#define ASC_` or a half-typed rule type are) is held back while the place
// the user last typed at lies on it. The editor's server lets it through once the user types elsewhere or saves.
import type { Diagnostic, Position } from './types';

/** Whether `at` lies on the diagnostic's range (its ends included: the cursor sits after the last letter typed). */
function on(d: Diagnostic, at: Position): boolean {
  const { start, end } = d.range;
  const afterStart = at.line > start.line || (at.line === start.line && at.character >= start.character);
  const beforeEnd = at.line < end.line || (at.line === end.line && at.character <= end.character);
  return afterStart && beforeEnd;
}

/** The diagnostics without those on the name being typed at `typingAt` (none held when it is undefined). */
export function holdWhileTyping(diagnostics: Diagnostic[], typingAt: Position | undefined): Diagnostic[] {
  if (!typingAt || !diagnostics.some((d) => d.partialName)) return diagnostics;
  return diagnostics.filter((d) => !(d.partialName && on(d, typingAt)));
}
