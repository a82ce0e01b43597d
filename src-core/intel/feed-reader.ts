// Reads one feed of any format: detects the format from the name and content, runs its reader, then applies
// the checks every format shares (private or reserved space, host bits, empty feeds).
import { readList } from './list-reader';
import { readCsv } from './csv-reader';
import { readStix, isStixText } from './stix-reader';
import { readMisp, isMispText } from './misp-reader';
import { formatCidr } from './ip';
import { classifySpecial } from './special-ranges';
import { feedLimits, type FeedFormat, type FeedIssue, type FeedReadResult } from './feed-types';

export function detectFeedFormat(path: string, text: string): FeedFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  const head = text.slice(0, 64 * 1024);
  if (/^\s*[[{]/.test(head)) {
    if (isStixText(head)) return 'stix';
    if (isMispText(head)) return 'misp';
  }
  return 'list';
}

export interface CheckedFeed extends FeedReadResult {
  /** Entries dropped because they can never match (wholly in private or reserved space). */
  dropped: number;
}

export function readFeed(path: string, text: string, format: FeedFormat | 'auto' = 'auto'): CheckedFeed {
  const issues: FeedIssue[] = [];
  if (text.length > feedLimits.maxChars) {
    return { format: 'list', entries: [], skipped: 0, dropped: 0,
      issues: [{ code: 'MA314', severity: 'error', start: 0, end: 0, message: `Feed of ${text.length} characters is larger than the ${feedLimits.maxChars} limit; not read.` }] };
  }
  const fmt = format === 'auto' ? detectFeedFormat(path, text) : format;
  const read = fmt === 'csv' ? readCsv(text) : fmt === 'stix' ? readStix(text) : fmt === 'misp' ? readMisp(text) : readList(text);
  issues.push(...read.issues);
  const kept = [];
  let dropped = 0;
  let specialNotes = 0;
  for (const e of read.entries) {
    if (e.kind === 'cidr') {
      const overlap = classifySpecial(e.cidr);
      if (overlap) {
        const special = overlap.name;
        const never = overlap.within;
        if (specialNotes++ < 200) {
          issues.push({ code: 'MA311', severity: 'warning', start: e.start, end: e.end,
            message: never
              ? `${formatCidr(e.cidr)} is in ${special} space: it would flag local peers, and matching only applies to global unicast addresses. Dropped.`
              : `${formatCidr(e.cidr)} covers ${special} space: it would flag every local peer; only its global unicast part is matched.` });
        }
        if (never) { dropped++; continue; }
      }
      if (e.cidr.hostBitsSet) {
        issues.push({ code: 'MA315', severity: 'information', start: e.start, end: e.end, message: `Host bits set: loaded as ${formatCidr(e.cidr)}.`, replacement: formatCidr(e.cidr) });
      }
    }
    kept.push(e);
  }
  if (specialNotes > 200) issues.push({ code: 'MA311', severity: 'warning', start: 0, end: 0, message: `${specialNotes - 200} more entries in private or reserved space.` });
  if (kept.length === 0 && !issues.some((i) => i.code === 'MA312' || i.code === 'MA314')) {
    issues.push({ code: 'MA312', severity: 'warning', start: 0, end: 0,
      message: read.entries.length > 0 ? 'Feed has no indicator that can match a global unicast address.' : 'Feed has no IP, CIDR or domain indicators.' });
  }
  return { ...read, entries: kept, issues, dropped };
}
