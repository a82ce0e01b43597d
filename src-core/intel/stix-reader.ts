// STIX 2.1 bundles: indicators whose patterns compare ipv4-addr, ipv6-addr, domain-name or
// network-traffic dst_ref/src_ref values; other indicators are counted and skipped with a note.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseFeedJson } from './feed-json';
import { parseCidr } from './ip';
import { feedLimits, isDomainName, lineOfOffset, type FeedEntry, type FeedIssue, type FeedReadResult } from './feed-types';
import { readPattern, type Comparison } from './stix-pattern';
import { shortValue } from '../findings/text-safety';

const ADDRESS_PATHS = new Set(['ipv4-addr:value', 'ipv6-addr:value', 'network-traffic:dst_ref.value', 'network-traffic:src_ref.value']);
const DOMAIN_PATHS = new Set(['domain-name:value']);
/** Comparisons that only narrow an address comparison's object type and do not change what it matches. */
const NEUTRAL_PATHS = new Set(['network-traffic:dst_ref.type', 'network-traffic:src_ref.type']);
const MAX_NOTES = 100;

export function isStixText(prefix: string): boolean {
  return /"type"\s*:\s*"bundle"/.test(prefix) || (/"type"\s*:\s*"indicator"/.test(prefix) && /"pattern"\s*:/.test(prefix));
}

export function readStix(text: string): FeedReadResult {
  const entries: FeedEntry[] = [];
  const issues: FeedIssue[] = [];
  const result: FeedReadResult = { format: 'stix', entries, issues, skipped: 0 };
  if (text.length > feedLimits.maxJsonChars) {
    issues.push({ code: 'MA314', severity: 'error', start: 0, end: 0, message: `STIX bundle of ${text.length} characters is larger than the ${feedLimits.maxJsonChars} limit; not read.` });
    return result;
  }
  const root = parseFeedJson(text, 'STIX bundle', issues);
  if (!root) return result;
  const objects = root.type === 'array' ? root.children ?? [] : findNodeAtLocation(root, ['objects'])?.children ?? (root.type === 'object' ? [root] : []);
  const lines = { lastOffset: 0, lastLine: 1 };
  let notes = 0;
  const note = (issue: FeedIssue) => { if (notes++ < MAX_NOTES) issues.push(issue); };
  let seen = 0;
  for (const obj of objects) {
    if (++seen > feedLimits.maxObjects) {
      issues.push({ code: 'MA314', severity: 'error', start: obj.offset, end: obj.offset + 1, message: `More than ${feedLimits.maxObjects} STIX objects; the rest is ignored.` });
      break;
    }
    if (obj.type !== 'object' || stringAt(obj, 'type') !== 'indicator') continue;
    const patternNode = findNodeAtLocation(obj, ['pattern']);
    const name = stringAt(obj, 'name');
    const patternType = stringAt(obj, 'pattern_type') ?? 'stix';
    if (!patternNode || patternNode.type !== 'string') {
      result.skipped++;
      note({ code: 'MA313', severity: 'information', start: obj.offset, end: obj.offset + 1, message: 'Indicator without a pattern: skipped.' });
      continue;
    }
    const pattern = patternNode.value as string;
    const line = lineOfOffset(text, patternNode.offset, lines);
    const span = { start: patternNode.offset, end: patternNode.offset + patternNode.length };
    if (patternType !== 'stix') {
      result.skipped++;
      note({ code: 'MA313', severity: 'information', ...span, message: `Indicator with a ${patternType} pattern: only STIX patterns are read; skipped.` });
      continue;
    }
    if (pattern.length > feedLimits.maxPatternChars) {
      result.skipped++;
      issues.push({ code: 'MA314', severity: 'error', ...span, message: `Pattern of ${pattern.length} characters is longer than the ${feedLimits.maxPatternChars} limit; indicator skipped.` });
      continue;
    }
    // Offsets inside the pattern map onto the file only when JSON wrote the string without escapes.
    const exact = text.slice(patternNode.offset, patternNode.offset + patternNode.length) === JSON.stringify(pattern);
    const at = (start: number, end: number) => (exact ? { start: patternNode.offset + 1 + start, end: patternNode.offset + 1 + end } : span);
    const read = readPattern(pattern, feedLimits.maxComparisons);
    if (read.error) issues.push({ code: 'MA310', severity: 'warning', ...at(read.error.offset, read.error.offset + 1), message: `STIX pattern: ${read.error.message}.` });
    const used = read.comparisons.filter((c) => ADDRESS_PATHS.has(c.path) || DOMAIN_PATHS.has(c.path));
    let taken = 0;
    for (const c of used) taken += takeComparison(c, line, name, entries, issues, at, note);
    const others = read.comparisons.filter((c) => !ADDRESS_PATHS.has(c.path) && !DOMAIN_PATHS.has(c.path) && !NEUTRAL_PATHS.has(c.path));
    if (taken === 0) {
      result.skipped++;
      const kinds = [...new Set(read.comparisons.map((c) => c.path))].join(', ') || 'no comparison';
      note({ code: 'MA313', severity: 'information', ...span, message: `Indicator${name ? ` "${shortValue(name)}"` : ''} is not about addresses or domains (${kinds}): skipped.` });
    } else if (read.hasAnd && others.length > 0) {
      note({ code: 'MA313', severity: 'information', ...span,
        message: `Pattern also requires ${[...new Set(others.map((c) => c.path))].join(', ')}: the simulator matches on the address or domain alone.` });
    }
  }
  return result;
}

function takeComparison(c: Comparison, line: number, label: string | undefined, entries: FeedEntry[], issues: FeedIssue[],
  at: (s: number, e: number) => { start: number; end: number }, note: (i: FeedIssue) => void): number {
  const supported = !c.negated && (c.op === '=' || c.op === 'IN' || (c.op === 'ISSUBSET' && ADDRESS_PATHS.has(c.path)));
  if (!supported) {
    note({ code: 'MA313', severity: 'information', ...at(c.start, c.start + c.path.length), message: `Comparison "${c.path} ${c.negated ? 'NOT ' : ''}${c.op}" cannot be turned into indicators: skipped.` });
    return 0;
  }
  let n = 0;
  for (const v of c.values) {
    const pos = at(v.start, v.end);
    if (DOMAIN_PATHS.has(c.path)) {
      if (isDomainName(v.text)) { entries.push({ kind: 'domain', domain: v.text.toLowerCase(), line, ...pos, label }); n++; }
      else issues.push({ code: 'MA310', severity: 'warning', ...pos, message: `"${shortValue(v.text)}" is not a domain name; skipped.` });
      continue;
    }
    const cidr = parseCidr(v.text);
    const wrongVersion = cidr && ((c.path === 'ipv4-addr:value' && cidr.version !== 4) || (c.path === 'ipv6-addr:value' && cidr.version !== 6));
    if (cidr && !wrongVersion) { entries.push({ kind: 'cidr', cidr, line, ...pos, label }); n++; }
    else issues.push({ code: 'MA310', severity: 'warning', ...pos, message: `"${shortValue(v.text)}" is not ${c.path.startsWith('ipv6') ? 'an IPv6' : c.path.startsWith('ipv4') ? 'an IPv4' : 'an IP'} address or CIDR; skipped.` });
  }
  return n;
}

function stringAt(node: Node, key: string): string | undefined {
  const n = findNodeAtLocation(node, [key]);
  return n && n.type === 'string' ? (n.value as string) : undefined;
}
