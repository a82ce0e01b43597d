// What every report format (text, JSON, SARIF) is written from: located items, the files looked at, and
// the inputs that could not be read. Check diagnostics fit as they are; simulator findings map onto it.
import * as path from 'node:path';
import type { Fix, Range, RelatedLocation, Severity } from '../language/types';

export interface ReportItem {
  code: string;
  severity: Severity;
  message: string;
  /** Absolute path; absent for findings that belong to no file. */
  file?: string;
  range?: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
}

export interface ReportNotice {
  /** Absolute path of the input the notice is about. */
  file: string;
  message: string;
}

export interface Report {
  toolName: string;
  toolVersion: string;
  /** Paths in reports are written relative to this folder. */
  cwd: string;
  items: ReportItem[];
  filesChecked: number;
  /** Inputs that could not be read or checked. */
  notices: ReportNotice[];
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

export function countSeverities(items: readonly ReportItem[]): SeverityCounts {
  const c: SeverityCounts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const i of items) c[i.severity]++;
  return c;
}

/** A path as reports show it: relative to cwd with `/`, or absolute when it lies outside cwd. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** Stable order: by file, then position, then code. */
export function sortItems(items: readonly ReportItem[]): ReportItem[] {
  return [...items].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
      (a.range?.start.character ?? 0) - (b.range?.start.character ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

export function summaryLine(report: Report): string {
  const c = countSeverities(report.items);
  const n = report.items.length;
  const parts = [`${c.error} error${c.error === 1 ? '' : 's'}`, `${c.warning} warning${c.warning === 1 ? '' : 's'}`];
  // Named as the lines above the summary name them (`information MA116 ...`, `hint MA112 ...`).
  if (c.information > 0) parts.push(`${c.information} information`);
  if (c.hint > 0) parts.push(`${c.hint} hint${c.hint === 1 ? '' : 's'}`);
  const unread = report.notices.length ? `, ${report.notices.length} input${report.notices.length === 1 ? '' : 's'} not read` : '';
  return `${n} problem${n === 1 ? '' : 's'} (${parts.join(', ')}) in ${report.filesChecked} file${report.filesChecked === 1 ? '' : 's'}${unread}`;
}
