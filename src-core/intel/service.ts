// The DocumentService for threat-intelligence feeds: *.netset and *.ipset lists, and STIX or MISP JSON
// recognised by content; feedServiceFor(format) checks a file a simulation profile names as a feed (any name).
import { findNodeAtOffset, findNodeAtLocation, type Node } from 'jsonc-parser';
import { parseFeedJson } from './feed-json';
import type { DocumentService } from '../language/service';
import type { SourceDocument } from '../language/document';
import type { Diagnostic, DocumentSymbol, Hover, Position } from '../language/types';
import type { FeedFormat } from './feed-types';
import { readFeed, detectFeedFormat } from './feed-reader';
import { isStixText } from './stix-reader';
import { isMispText } from './misp-reader';
import { formatCidr, parseCidr } from './ip';
import { classifySpecial } from './special-ranges';
import { isDomainName } from './feed-types';

function isFeedList(path: string): boolean {
  return /\.(netset|ipset)$/i.test(path);
}

function describeValue(text: string): string | undefined {
  const c = parseCidr(text);
  if (c) {
    const special = classifySpecial(c);
    const size = c.version === 4 ? `${2 ** (32 - c.prefix)} IPv4 address${c.prefix === 32 ? '' : 'es'}` : `a /${c.prefix} IPv6 prefix`;
    return `**${formatCidr(c)}**: ${size}. ${special ? `Overlaps ${special.name} space: ${special.within ? 'never matched (matching applies to global unicast remote addresses only)' : 'only its global unicast part is matched'}.` : 'Matched against remote addresses of every flow.'}`;
  }
  if (isDomainName(text)) return `**${text.toLowerCase()}**: matched against DNS names seen in captures, and their subdomains.`;
  return undefined;
}

/** The CSV cell under the cursor (quotes and spaces dropped). */
function csvCellAt(line: string, character: number): { value: string; start: number } | undefined {
  const sep = [',', ';', '\t'].map((c) => ({ c, n: line.split(c).length })).sort((a, b) => b.n - a.n)[0].c;
  let start = 0;
  for (const cell of line.split(sep)) {
    const end = start + cell.length;
    if (character >= start && character <= end) {
      const value = cell.trim().replace(/^"|"$/g, '').trim();
      return value ? { value, start: start + cell.indexOf(value) } : undefined;
    }
    start = end + 1;
  }
  return undefined;
}

function feedHover(doc: SourceDocument, position: Position, format: FeedFormat | 'auto' = 'auto'): Hover | undefined {
  const offset = doc.offsetAt(position);
  const fmt = format === 'auto' ? (isFeedList(doc.path) ? 'list' : detectFeedFormat(doc.path, doc.text)) : format;
  if (fmt === 'csv') {
    const cell = csvCellAt(doc.lineText(position.line), position.character);
    const md = cell ? describeValue(cell.value) : undefined;
    if (!cell || !md) return undefined;
    return { contents: md, range: { start: { line: position.line, character: cell.start }, end: { line: position.line, character: cell.start + cell.value.length } } };
  }
  if (fmt === 'list') {
    const line = doc.lineText(position.line);
    const value = line.replace(/[#;].*$/, '').trim();
    const md = value ? describeValue(value) : undefined;
    if (!md) return undefined;
    const start = line.indexOf(value);
    return { contents: md, range: { start: { line: position.line, character: start }, end: { line: position.line, character: start + value.length } } };
  }
  const root = parseFeedJson(doc.text, 'feed');
  const node = root && findNodeAtOffset(root, offset);
  if (!node || node.type !== 'string') return undefined;
  const range = doc.rangeOf(node.offset, node.offset + node.length);
  const value = String(node.value);
  const quoted = /'([^']*)'/g;
  // Inside a STIX pattern: the quoted value under the cursor.
  for (const m of value.matchAll(quoted)) {
    const s = node.offset + 1 + (m.index ?? 0);
    if (offset >= s && offset <= s + m[0].length) { const md = describeValue(m[1]); if (md) return { contents: md, range }; }
  }
  const md = describeValue(value.split('|')[0]);
  return md ? { contents: md, range } : undefined;
}

function feedSymbols(doc: SourceDocument): DocumentSymbol[] {
  const root = parseFeedJson(doc.text, 'feed');
  if (!root) return [];
  const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  const out: DocumentSymbol[] = [];
  const objects = findNodeAtLocation(root, ['objects'])?.children ?? [];
  for (const o of objects) {
    if (out.length >= 1000) break;
    if (findNodeAtLocation(o, ['type'])?.value !== 'indicator') continue;
    const name = findNodeAtLocation(o, ['name']);
    const pattern = findNodeAtLocation(o, ['pattern']);
    out.push({ name: String(name?.value ?? findNodeAtLocation(o, ['id'])?.value ?? 'indicator'), kind: 'feed', detail: String(pattern?.value ?? '').slice(0, 80), range: span(o), selectionRange: span(name ?? o) });
  }
  const ev = findNodeAtLocation(root, ['Event']);
  if (ev) {
    const info = findNodeAtLocation(ev, ['info']);
    out.push({ name: String(info?.value ?? 'MISP event'), kind: 'feed', detail: `${findNodeAtLocation(ev, ['Attribute'])?.children?.length ?? 0} attributes`, range: span(ev), selectionRange: span(info ?? ev) });
  }
  return out;
}

/** A feed check for one format ('auto': from the name and content, as the simulator does). */
function makeFeedService(format: FeedFormat | 'auto', recognizes: DocumentService['recognizes']): DocumentService {
  return {
    id: 'threat-feed',
    title: 'Threat-intelligence feed',
    recognizes,
    validate(doc): Diagnostic[] {
      // A check keeps no entries: a 100 MB list is looked at line by line, not turned into objects.
      const result = readFeed(doc.path, doc.text, format, { keepEntries: false });
      return result.issues.map((i) => ({
        code: i.code, severity: i.severity, message: i.message, file: doc.path, range: doc.rangeOf(i.start, i.end),
        fixes: i.replacement !== undefined ? [{ title: `Write ${i.replacement}`, preferred: true, edits: [{ range: doc.rangeOf(i.start, i.end), newText: i.replacement }] }] : undefined,
      }));
    },
    hover(doc, position) {
      return feedHover(doc, position, format);
    },
    symbols(doc) {
      const fmt = format === 'auto' ? detectFeedFormat(doc.path, doc.text) : format;
      return isFeedList(doc.path) || fmt === 'list' || fmt === 'csv' ? [] : feedSymbols(doc);
    },
  };
}

export const feedService: DocumentService = makeFeedService('auto', (path, text) => {
  if (isFeedList(path)) return true;
  if (!/\.jsonc?$/i.test(path)) return false;
  const head = text.slice(0, 64 * 1024);
  return /^\s*[[{]/.test(head) && (isStixText(head) || isMispText(head));
});

const byFormat = new Map<FeedFormat | 'auto', DocumentService>();

/** The feed check for a file a simulation profile names as a feed, in the format the profile gives. It is never
 *  asked to recognise files (the profile said what the file is). */
export function feedServiceFor(format: FeedFormat | 'auto'): DocumentService {
  let s = byFormat.get(format);
  if (!s) {
    s = makeFeedService(format, () => false);
    byFormat.set(format, s);
  }
  return s;
}
