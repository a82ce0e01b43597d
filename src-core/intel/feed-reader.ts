// Reads one feed of any format: detects the format from the name and content, runs its reader, then applies
// the checks every format shares (private or reserved space, host bits, empty feeds).
import { readList } from './list-reader';
import { readCsv } from './csv-reader';
import { readStix, isStixText } from './stix-reader';
import { readMisp, isMispText } from './misp-reader';
import { formatCidr } from './ip';
import { classifySpecial } from './special-ranges';
import { feedLimits, type FeedEntry, type FeedFormat, type FeedIssue, type FeedReadResult } from './feed-types';
import { appendAll } from '../util/append';

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
  /** Entries that can match (equals entries.length unless the entries were not kept). */
  usable: number;
}

export interface ReadFeedOptions {
  /** False for a check: entries are looked at one by one and not kept, so a 100 MB list does not become
   *  millions of objects (entries is then empty). Default true (the simulator loads them). */
  keepEntries?: boolean;
}

export function readFeed(path: string, text: string, format: FeedFormat | 'auto' = 'auto', options: ReadFeedOptions = {}): CheckedFeed {
  const issues: FeedIssue[] = [];
  if (text.length > feedLimits.maxChars) {
    return { format: 'list', entries: [], skipped: 0, dropped: 0, usable: 0,
      issues: [{ code: 'MA314', severity: 'error', start: 0, end: 0, message: `Feed of ${text.length} characters is larger than the ${feedLimits.maxChars} limit; not read.` }] };
  }
  const keep = options.keepEntries !== false;
  const kept: FeedEntry[] = [];
  const notes: FeedIssue[] = [];
  let seen = 0;
  let usable = 0;
  let dropped = 0;
  let specialNotes = 0;
  // The checks every format shares, on one entry at a time (readers call this as they go, or per returned entry).
  const visit = (e: FeedEntry): void => {
    seen++;
    if (e.kind === 'cidr') {
      const overlap = classifySpecial(e.cidr);
      if (overlap) {
        const special = overlap.name;
        const never = overlap.within;
        if (specialNotes++ < 200) {
          notes.push({ code: 'MA311', severity: 'warning', start: e.start, end: e.end,
            message: never
              ? `${formatCidr(e.cidr)} is in ${special} space: it would flag local peers, and matching only applies to global unicast addresses. Dropped.`
              : `${formatCidr(e.cidr)} covers ${special} space: it would flag every local peer; only its global unicast part is matched.` });
        }
        if (never) { dropped++; return; }
      }
      if (e.cidr.hostBitsSet) {
        notes.push({ code: 'MA315', severity: 'information', start: e.start, end: e.end, message: `Host bits set: loaded as ${formatCidr(e.cidr)}.`, replacement: formatCidr(e.cidr) });
      }
    }
    usable++;
    if (keep) kept.push(e);
  };
  const fmt = format === 'auto' ? detectFeedFormat(path, text) : format;
  let read: FeedReadResult;
  if (fmt === 'csv') read = readCsv(text, visit);
  else if (fmt === 'list') read = readList(text, visit);
  else {
    read = fmt === 'stix' ? readStix(text) : readMisp(text);
    for (const e of read.entries) visit(e);
  }
  appendAll(appendAll(issues, read.issues), notes);
  if (specialNotes > 200) issues.push({ code: 'MA311', severity: 'warning', start: 0, end: 0, message: `${specialNotes - 200} more entries in private or reserved space.` });
  if (usable === 0 && !issues.some((i) => i.code === 'MA312' || i.code === 'MA314')) {
    issues.push({ code: 'MA312', severity: 'warning', start: 0, end: 0,
      message: seen > 0 ? 'Feed has no indicator that can match a global unicast address.' : 'Feed has no IP, CIDR or domain indicators.' });
  }
  return { ...read, entries: kept, issues, dropped, usable };
}
