// The text report: one `file:line:col: severity code message` line per item, 1-based, paths relative to cwd.
import { displayPath, sortItems, type Report } from './report';
import { escapeControls } from './text-safety';

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const i of sortItems(report.items)) {
    const where = i.file
      ? `${displayPath(i.file, report.cwd)}:${(i.range?.start.line ?? 0) + 1}:${(i.range?.start.character ?? 0) + 1}: `
      : '';
    // One item, one line: a message that spans lines would break tools that parse this format; control
    // characters from inputs are escaped here too, for a report written to a file (-o) and shown later.
    lines.push(escapeControls(`${where}${i.severity} ${i.code} ${i.message.replace(/\r?\n/g, ' ')}`));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
