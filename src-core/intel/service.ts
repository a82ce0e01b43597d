// The DocumentService for threat-intelligence feeds: *.netset and *.ipset lists, and STIX or MISP JSON
// recognised by content. (CSV and plain lists a profile names are read by the simulator, not served here.)
import { findNodeAtOffset, parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import type { DocumentService } from '../language/service';
import type { SourceDocument } from '../language/document';
import type { Diagnostic, DocumentSymbol, Hover, Position } from '../language/types';
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

function feedHover(doc: SourceDocument, position: Position): Hover | undefined {
  const offset = doc.offsetAt(position);
  if (isFeedList(doc.path) || detectFeedFormat(doc.path, doc.text) === 'list') {
    const line = doc.lineText(position.line);
    const value = line.replace(/[#;].*$/, '').trim();
    const md = value ? describeValue(value) : undefined;
    if (!md) return undefined;
    const start = line.indexOf(value);
    return { contents: md, range: { start: { line: position.line, character: start }, end: { line: position.line, character: start + value.length } } };
  }
  const root = parseTree(doc.text, [], { allowTrailingComma: true });
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
  const root = parseTree(doc.text, [], { allowTrailingComma: true });
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

export const feedService: DocumentService = {
  id: 'threat-feed',
  title: 'Threat-intelligence feed',
  recognizes(path, text) {
    if (isFeedList(path)) return true;
    if (!/\.jsonc?$/i.test(path)) return false;
    const head = text.slice(0, 64 * 1024);
    return /^\s*[[{]/.test(head) && (isStixText(head) || isMispText(head));
  },
  validate(doc): Diagnostic[] {
    const result = readFeed(doc.path, doc.text);
    return result.issues.map((i) => ({
      code: i.code, severity: i.severity, message: i.message, file: doc.path, range: doc.rangeOf(i.start, i.end),
      fixes: i.replacement !== undefined ? [{ title: `Write ${i.replacement}`, preferred: true, edits: [{ range: doc.rangeOf(i.start, i.end), newText: i.replacement }] }] : undefined,
    }));
  },
  hover(doc, position) {
    return feedHover(doc, position);
  },
  symbols(doc) {
    return isFeedList(doc.path) ? [] : feedSymbols(doc);
  },
};
