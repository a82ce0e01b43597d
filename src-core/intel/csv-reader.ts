// CSV feeds with an IP column found by header name (abuse.ch style: `#` comment header and trailer, quoted
// values). A domain/hostname column is read too when present.
import { parseCidr } from './ip';
import { BadLineNotes, isDomainName, type FeedEntry, type FeedIssue, type FeedReadResult } from './feed-types';
import { shortValue } from '../findings/text-safety';

/** Header names of an address column, most specific first. */
export const IP_COLUMNS = ['dst_ip', 'ip', 'ip_address', 'ipaddress', 'ip_addr', 'ipv4', 'ipv6', 'address', 'dstip', 'src_ip', 'indicator', 'ioc'];
export const DOMAIN_COLUMNS = ['domain', 'hostname', 'host', 'fqdn', 'domain_name'];
const LABEL_COLUMNS = ['malware', 'threat', 'description', 'tags', 'comment'];

interface Cell { text: string; start: number; end: number }

/** Splits one CSV line (RFC 4180 quoting, `,` or `;` or tab as chosen by the header). */
function splitLine(text: string, start: number, end: number, sep: number): Cell[] {
  const cells: Cell[] = [];
  let i = start;
  for (;;) {
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text.charCodeAt(i) === 34) {
      let out = '';
      const cs = i + 1;
      i++;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) { out += '"'; i += 2; continue; }
          break;
        }
        out += text[i];
        i++;
      }
      cells.push({ text: out, start: cs, end: i });
      i++;
      while (i < end && text.charCodeAt(i) !== sep) i++;
    } else {
      const cs = i;
      while (i < end && text.charCodeAt(i) !== sep) i++;
      cells.push({ text: text.slice(cs, i).trim(), start: cs, end: i });
    }
    if (i >= end) break;
    i++;
  }
  return cells;
}

/** `sink`, when given, receives each entry instead of the returned list (a check of a large feed keeps none). */
export function readCsv(text: string, sink?: (e: FeedEntry) => void): FeedReadResult {
  const entries: FeedEntry[] = [];
  const add = sink ?? ((e: FeedEntry) => { entries.push(e); });
  const issues: FeedIssue[] = [];
  const bad = new BadLineNotes(issues);
  let header: string[] | undefined;
  let ipCol = -1;
  let domainCol = -1;
  let labelCol = -1;
  let sep = 44;
  let lineNo = 0;
  for (let pos = 0; pos < text.length; ) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const lineEnd = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    lineNo++;
    const raw = text.slice(pos, lineEnd).trim();
    const start = pos;
    pos = eol + 1;
    if (raw === '' || raw.startsWith('#')) continue;
    if (!header) {
      sep = [44, 59, 9].map((c) => ({ c, n: raw.split(String.fromCharCode(c)).length })).sort((a, b) => b.n - a.n)[0].c;
      header = splitLine(text, start, lineEnd, sep).map((c) => c.text.toLowerCase().replace(/^\ufeff/, ''));
      ipCol = firstColumn(header, IP_COLUMNS);
      domainCol = firstColumn(header, DOMAIN_COLUMNS);
      labelCol = firstColumn(header, LABEL_COLUMNS);
      if (ipCol < 0 && domainCol < 0) {
        issues.push({ code: 'MA314', severity: 'error', start, end: lineEnd,
          message: `Line ${lineNo}: no IP column in the CSV header (${header.join(', ')}); expected one of ${IP_COLUMNS.join(', ')}.` });
        return { format: 'csv', entries, issues, skipped: 0 };
      }
      continue;
    }
    const cells = splitLine(text, start, lineEnd, sep);
    const label = labelCol >= 0 ? cells[labelCol]?.text || undefined : undefined;
    let any = false;
    if (ipCol >= 0 && cells[ipCol] && cells[ipCol].text !== '') {
      const cell = cells[ipCol];
      const cidr = parseCidr(cell.text);
      if (cidr) { add({ kind: 'cidr', cidr, line: lineNo, start: cell.start, end: cell.end, label }); any = true; }
      else bad.add({ code: 'MA310', severity: 'warning', start: cell.start, end: cell.end, message: `Line ${lineNo}: "${shortValue(cell.text)}" in column ${shortValue(header[ipCol])} is not an IP address or CIDR.` });
    }
    if (domainCol >= 0 && cells[domainCol] && cells[domainCol].text !== '') {
      const cell = cells[domainCol];
      if (isDomainName(cell.text)) { add({ kind: 'domain', domain: cell.text.toLowerCase(), line: lineNo, start: cell.start, end: cell.end, label }); any = true; }
      else bad.add({ code: 'MA310', severity: 'warning', start: cell.start, end: cell.end, message: `Line ${lineNo}: "${shortValue(cell.text)}" in column ${shortValue(header[domainCol])} is not a domain name.` });
    }
    if (!any && cells.length < header.length) {
      bad.add({ code: 'MA310', severity: 'warning', start, end: lineEnd, message: `Line ${lineNo}: ${cells.length} columns where the header has ${header.length}.` });
    }
  }
  bad.finish();
  return { format: 'csv', entries, issues, skipped: 0 };
}

function firstColumn(header: string[], names: string[]): number {
  for (const n of names) {
    const i = header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}
