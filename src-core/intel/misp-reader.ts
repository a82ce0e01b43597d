// MISP event JSON: network attributes (ip-src, ip-dst, their |port forms, domain, hostname, domain|ip,
// hostname|port) of the event and its objects. An event with no network attribute is a note, not a failure.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseFeedJson } from './feed-json';
import { parseCidr } from './ip';
import { feedLimits, isDomainName, lineOfOffset, type FeedEntry, type FeedIssue, type FeedReadResult } from './feed-types';
import { shortValue } from '../findings/text-safety';

export function isMispText(prefix: string): boolean {
  return /"Event"\s*:\s*\{/.test(prefix) || (/"Attribute"\s*:\s*\[/.test(prefix) && /"category"\s*:/.test(prefix));
}

type Part = 'ip' | 'domain';
/** What each attribute type holds, part by part around `|`. */
const NETWORK_TYPES: Record<string, Part[]> = {
  'ip-src': ['ip'], 'ip-dst': ['ip'], 'ip-src|port': ['ip'], 'ip-dst|port': ['ip'],
  domain: ['domain'], hostname: ['domain'], 'domain|ip': ['domain', 'ip'], 'hostname|port': ['domain'],
};

export function readMisp(text: string): FeedReadResult {
  const entries: FeedEntry[] = [];
  const issues: FeedIssue[] = [];
  const result: FeedReadResult = { format: 'misp', entries, issues, skipped: 0 };
  if (text.length > feedLimits.maxJsonChars) {
    issues.push({ code: 'MA314', severity: 'error', start: 0, end: 0, message: `MISP file of ${text.length} characters is larger than the ${feedLimits.maxJsonChars} limit; not read.` });
    return result;
  }
  const root = parseFeedJson(text, 'MISP event', issues);
  if (!root) return result;
  const events = eventsOf(root);
  const lines = { lastOffset: 0, lastLine: 1 };
  let attributes = 0;
  let notForIds = 0;
  for (const ev of events) {
    const lists = [findNodeAtLocation(ev, ['Attribute'])];
    for (const o of findNodeAtLocation(ev, ['Object'])?.children ?? []) lists.push(findNodeAtLocation(o, ['Attribute']));
    for (const list of lists) {
      for (const attr of list?.children ?? []) {
        if (++attributes > feedLimits.maxObjects) break;
        const type = str(attr, 'type');
        const valueNode = findNodeAtLocation(attr, ['value']);
        const parts = type ? NETWORK_TYPES[type] : undefined;
        if (!parts || !valueNode || valueNode.type !== 'string') { result.skipped++; continue; }
        if (findNodeAtLocation(attr, ['to_ids'])?.value === false) { result.skipped++; notForIds++; continue; }
        const value = valueNode.value as string;
        const line = lineOfOffset(text, valueNode.offset, lines);
        const label = str(attr, 'comment') || str(ev, 'info');
        const pos = { start: valueNode.offset, end: valueNode.offset + valueNode.length };
        // The port form splits at the last '|' so IPv6 colons stay whole.
        const pieces = type!.endsWith('|port') ? [value.slice(0, Math.max(0, value.lastIndexOf('|')) || value.length)] : value.split('|');
        parts.forEach((kind, i) => {
          const piece = (pieces[i] ?? '').trim();
          if (kind === 'ip') {
            const cidr = parseCidr(piece);
            if (cidr) entries.push({ kind: 'cidr', cidr, line, ...pos, label });
            else issues.push({ code: 'MA310', severity: 'warning', ...pos, message: `${type} attribute "${shortValue(String(value))}" does not hold an IP address; skipped.` });
          } else if (isDomainName(piece)) entries.push({ kind: 'domain', domain: piece.toLowerCase(), line, ...pos, label });
          else issues.push({ code: 'MA310', severity: 'warning', ...pos, message: `${type} attribute "${shortValue(String(value))}" does not hold a domain name; skipped.` });
        });
      }
    }
  }
  if (events.length === 0) {
    issues.push({ code: 'MA314', severity: 'error', start: root.offset, end: root.offset + 1, message: 'No MISP event found (expected {"Event": {...}}, {"response": [...]}, or an array of events).' });
  } else if (entries.length === 0) {
    issues.push({ code: 'MA312', severity: 'information', start: root.offset, end: root.offset + 1,
      message: `MISP event has no network indicators (${attributes} attribute${attributes === 1 ? '' : 's'}, none of ip-src, ip-dst, domain or hostname${notForIds ? `; ${notForIds} marked to_ids false` : ''}): nothing to match.` });
  }
  if (notForIds > 0 && entries.length > 0) {
    issues.push({ code: 'MA313', severity: 'information', start: root.offset, end: root.offset + 1, message: `${notForIds} network attribute(s) marked "to_ids": false were skipped (MISP marks them as not for detection).` });
  }
  return result;
}

function eventsOf(root: Node): Node[] {
  if (root.type === 'array') return (root.children ?? []).flatMap(eventsOf);
  if (root.type !== 'object') return [];
  const ev = findNodeAtLocation(root, ['Event']);
  if (ev && ev.type === 'object') return [ev];
  const resp = findNodeAtLocation(root, ['response']);
  if (resp && resp.type === 'array') return (resp.children ?? []).flatMap(eventsOf);
  if (findNodeAtLocation(root, ['Attribute'])) return [root];
  return [];
}

function str(node: Node, key: string): string | undefined {
  const n = findNodeAtLocation(node, [key]);
  return n && n.type === 'string' ? (n.value as string) : undefined;
}
