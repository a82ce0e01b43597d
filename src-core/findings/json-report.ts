// The JSON report: the items with both 1-based (line/column) and zero-based LSP positions, plus a summary.
import { countSeverities, displayPath, sortItems, type Report } from './report';

export const JSON_REPORT_VERSION = 1;

export function formatJson(report: Report): string {
  const out = {
    version: JSON_REPORT_VERSION,
    tool: { name: report.toolName, version: report.toolVersion },
    summary: { filesChecked: report.filesChecked, ...countSeverities(report.items), notReadable: report.notices.length },
    diagnostics: sortItems(report.items).map((i) => ({
      file: i.file ? displayPath(i.file, report.cwd) : undefined,
      line: i.range ? i.range.start.line + 1 : undefined,
      column: i.range ? i.range.start.character + 1 : undefined,
      endLine: i.range ? i.range.end.line + 1 : undefined,
      endColumn: i.range ? i.range.end.character + 1 : undefined,
      severity: i.severity,
      code: i.code,
      message: i.message,
      range: i.range,
      fixes: i.fixes?.map((f) => ({ title: f.title, preferred: f.preferred ?? false, edits: f.edits })),
      related: i.related?.map((r) => ({ file: displayPath(r.file, report.cwd), range: r.range, message: r.message })),
    })),
    notReadable: report.notices.map((n) => ({ file: displayPath(n.file, report.cwd), message: n.message })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
