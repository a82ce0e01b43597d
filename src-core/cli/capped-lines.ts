// Lists of problems a command prints on standard error, cut to the first few: a header with 100,000 unclosed
// #if must not print 100,000 lines (the JSON report keeps the full count).

/** Lines of one kind printed before the rest are counted. */
export const MAX_LISTED_LINES = 20;

/** The first `max` lines, then one line counting the rest (`more(n)`); each line ends with a newline. */
export function cappedLines(lines: readonly string[], more: (rest: number) => string, max = MAX_LISTED_LINES): string {
  const shown = lines.slice(0, max).map((l) => `${l}\n`);
  if (lines.length > max) shown.push(`${more(lines.length - max)}\n`);
  return shown.join('');
}
