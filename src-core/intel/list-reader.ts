// Plain lists and FireHOL netsets/ipsets: one IP, CIDR or domain a line; `#` and `;` start comments, also
// after the value (the comment becomes the indicator's label).
import { parseCidr } from './ip';
import { BadLineNotes, isDomainName, type FeedEntry, type FeedReadResult } from './feed-types';
import { shortValue } from '../findings/text-safety';

/** `sink`, when given, receives each entry instead of the returned list (a check of a large feed keeps none). */
export function readList(text: string, sink?: (e: FeedEntry) => void): FeedReadResult {
  const entries: FeedEntry[] = [];
  const add = sink ?? ((e: FeedEntry) => { entries.push(e); });
  const issues: FeedReadResult['issues'] = [];
  const bad = new BadLineNotes(issues);
  let lineNo = 0;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    lineNo++;
    readLine(text, pos, eol, lineNo, add, bad);
    pos = eol + 1;
  }
  bad.finish();
  return { format: 'list', entries, issues, skipped: 0 };
}

export function readLine(text: string, start: number, end: number, line: number, add: (e: FeedEntry) => void, bad: BadLineNotes): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  if (s === e) return;
  const c0 = text.charCodeAt(s);
  if (c0 === 35 || c0 === 59) return; // '#' or ';' comment line
  let commentAt = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 || c === 59) { commentAt = i; break; }
  }
  const valueEnd0 = commentAt < 0 ? e : commentAt;
  let ve = s;
  while (ve < valueEnd0 && !isSpace(text.charCodeAt(ve))) ve++;
  let rest = ve;
  while (rest < valueEnd0 && isSpace(text.charCodeAt(rest))) rest++;
  const value = text.slice(s, ve);
  const label = commentAt >= 0 ? text.slice(commentAt + 1, e).trim() || undefined : undefined;
  if (rest < valueEnd0) {
    bad.add({ code: 'MA310', severity: 'warning', start: s, end: valueEnd0,
      message: `Line ${line}: expected one IP, CIDR or domain, found "${shortValue(text.slice(s, valueEnd0).trim())}". Put comments after # or ;.` });
    return;
  }
  const cidr = parseCidr(value);
  if (cidr) { add({ kind: 'cidr', cidr, line, start: s, end: ve, label }); return; }
  if (isDomainName(value)) { add({ kind: 'domain', domain: value.toLowerCase(), line, start: s, end: ve, label }); return; }
  bad.add({ code: 'MA310', severity: 'warning', start: s, end: ve, message: `Line ${line}: "${shortValue(value)}" is not an IP address, CIDR or domain name.` });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 0xfeff;
}
