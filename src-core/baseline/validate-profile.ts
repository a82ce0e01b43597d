// Validates a simulation profile: syntax, schema, then references: files that exist, security groups the
// baseline defines, addresses that parse, addresses and device ids given twice.
import type { Node } from 'jsonc-parser';
import { SourceDocument } from '../language/document';
import type { CheckContext } from '../language/service';
import type { Diagnostic } from '../language/types';
import { child, parseJson } from './json-document';
import { schemaDiagnostics } from './schema-check';
import { readJson } from './json-value';
import { resolveProfilePath } from './profile-model';
import { groupsOf } from './baseline-model';
import { didYouMean } from './did-you-mean';
import { formatIPv4, formatIPv6, parseAddress, parseCidr } from '../intel/ip';
import { appendAll } from '../util/append';

export function validateProfile(doc: SourceDocument, ctx: CheckContext): Diagnostic[] {
  // Profiles are small and every check below reads the tree, so they take the tree path.
  const src = readJson(doc, 'MA300', { fastPath: false });
  const out: Diagnostic[] = [...src.syntax];
  const root = src.tree();
  if (!root) return out;
  appendAll(out, schemaDiagnostics(doc, src, 'profile.schema.json', 'MA301'));
  if (root.type !== 'object') return out;
  const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  const checkFile = (n: Node | undefined, what: string) => {
    if (!n || n.type !== 'string' || n.value === '') return;
    const abs = resolveProfilePath(doc.path, n.value as string);
    if (!ctx.files.exists(abs)) out.push({ code: 'MA302', severity: 'error', file: doc.path, range: span(n), message: `${what} "${n.value}" not found (looked for ${abs}).` });
  };
  checkFile(child(root, 'agentConfig'), 'Agent configuration');
  checkFile(child(root, 'nxUser'), 'nx_user.h');
  const baselineNode = child(root, 'baseline');
  checkFile(baselineNode, 'Baseline');
  for (const f of child(root, 'feeds')?.children ?? []) checkFile(f.type === 'object' ? child(f, 'path') : f, 'Feed');

  const groups = baselineGroups(doc, baselineNode, ctx);
  const hub = child(root, 'hub');
  for (const rule of [...(child(hub, 'ipFilterRules')?.children ?? []), ...(child(child(hub, 'networkRuleSets'), 'ipRules')?.children ?? [])]) {
    const mask = child(rule, 'ipMask');
    if (mask?.type === 'string' && parseCidr(mask.value as string)?.version !== 4) {
      out.push({ code: 'MA304', severity: 'error', file: doc.path, range: span(mask), message: `ipMask "${mask.value}" is not an IPv4 address or CIDR range (IoT Hub IP filters take IPv4 only).` });
    }
  }

  const ids = new Map<string, Node>();
  const addresses = new Map<string, { node: Node; device: string }>();
  for (const dev of child(root, 'devices')?.children ?? []) {
    if (dev.type !== 'object') continue;
    const idNode = child(dev, 'id');
    const id = typeof idNode?.value === 'string' ? idNode.value : '?';
    if (idNode && typeof idNode.value === 'string') {
      const first = ids.get(id);
      if (first) out.push({ code: 'MA306', severity: 'error', file: doc.path, range: span(idNode), message: `Device id "${id}" is given twice; device ids are unique in an IoT hub.`,
        related: [{ file: doc.path, range: span(first), message: 'first given here' }] });
      else ids.set(id, idNode);
    }
    checkFile(child(dev, 'capture'), 'Capture');
    const sg = child(dev, 'securityGroup');
    if (groups && sg?.type === 'string' && !groups.some((g) => g.toLowerCase() === String(sg.value).toLowerCase())) {
      const guess = didYouMean(String(sg.value), groups);
      out.push({ code: 'MA303', severity: 'warning', file: doc.path, range: span(sg),
        message: `Security group "${sg.value}" is not defined in the baseline (${groups.length ? groups.map((g) => `"${g}"`).join(', ') : 'no groups'}): no custom alert rule applies to device "${id}".${guess ? ` Did you mean "${guess}"?` : ''}`,
        fixes: guess ? [{ title: `Change to "${guess}"`, preferred: true, edits: [{ range: span(sg), newText: JSON.stringify(guess) }] }] : undefined });
    }
    for (const a of child(dev, 'addresses')?.children ?? []) {
      if (a.type !== 'string') continue;
      const addr = parseAddress(a.value as string);
      if (!addr) {
        out.push({ code: 'MA304', severity: 'error', file: doc.path, range: span(a),
          message: parseCidr(a.value as string) ? `"${a.value}" is a range; a device address is one IPv4 or IPv6 address.` : `"${a.value}" is not an IPv4 or IPv6 address.` });
        continue;
      }
      const canon = addr.version === 4 ? formatIPv4(addr.value) : formatIPv6(addr.value);
      const prev = addresses.get(canon);
      if (prev && prev.device !== id) {
        out.push({ code: 'MA305', severity: 'warning', file: doc.path, range: span(a), message: `Address ${canon} is also device "${prev.device}"'s: its traffic cannot be given to one device.`,
          related: [{ file: doc.path, range: span(prev.node), message: `address of "${prev.device}"` }] });
      } else if (!prev) addresses.set(canon, { node: a, device: id });
    }
  }
  return out;
}

/** Group names the profile's baseline defines; undefined when it cannot be read or names groups by ARM expressions. */
function baselineGroups(doc: SourceDocument, node: Node | undefined, ctx: CheckContext): string[] | undefined {
  if (!node || node.type !== 'string' || node.value === '') return undefined;
  const abs = resolveProfilePath(doc.path, node.value as string);
  let text: string | undefined;
  try { text = ctx.files.readText(abs); } catch { return undefined; }
  if (text === undefined) return undefined;
  const parsed = parseJson(new SourceDocument(abs, text), 'MA200');
  const groups = groupsOf(parsed.root);
  if (groups.some((g) => g.nameIsExpression)) return undefined;
  return groups.map((g) => g.name);
}
