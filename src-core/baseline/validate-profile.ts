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
import { placeInWorkspace, type WorkspaceBounds } from '../util/workspace-bounds';
import type { InputFileKind } from '../util/input-limits';
import { shortValue } from '../findings/text-safety';
import { resolveContentLimits } from '../project-config/content-limits';
import type { JsonLimits } from './json-limits';

export function validateProfile(doc: SourceDocument, ctx: CheckContext): Diagnostic[] {
  // Profiles are small and every check below reads the tree, so they take the tree path.
  const limits = resolveContentLimits(ctx.settings.limits);
  const src = readJson(doc, 'MA300', { fastPath: false, limits });
  const out: Diagnostic[] = [...src.syntax];
  const root = src.tree();
  if (!root) return out;
  appendAll(out, schemaDiagnostics(doc, src, 'profile.schema.json', 'MA301'));
  if (root.type !== 'object') return out;
  const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  /** Reports a named file that is outside the workspace, missing or unreadable; true when it may be read. */
  const checkFile = (n: Node | undefined, what: string, kind?: InputFileKind): boolean => {
    if (!n || n.type !== 'string' || n.value === '') return false;
    const named = n.value as string;
    const abs = resolveProfilePath(doc.path, named);
    const ws = ctx.workspace;
    if (ws) {
      const place = placeInWorkspace(abs, ws.roots);
      if (!place.inside) {
        out.push({ code: 'MA307', severity: 'warning', file: doc.path, range: span(n), message: outsideMessage(what, named, abs, place.through, ws) });
        // The editor does not even look whether it exists: nothing outside the workspace is touched.
        if (ws.reader === 'editor') return false;
      }
    }
    const refused = ctx.files.refusal ? ctx.files.refusal(abs, kind) : ctx.files.exists(abs) ? undefined : 'not found';
    if (refused) {
      out.push({ code: 'MA302', severity: 'error', file: doc.path, range: span(n),
        message: refused === 'not found' ? `${what} "${shortValue(named)}" not found (looked for ${shortValue(abs, 300)}).` : `${what} "${shortValue(named)}" cannot be read: ${refused}.` });
      return false;
    }
    // In an untrusted workspace the editor looked (stat) but opens nothing a profile names.
    return !ws || ws.reader === 'cli' || ws.trusted;
  };
  checkFile(child(root, 'agentConfig'), 'Agent configuration', 'configuration');
  checkFile(child(root, 'nxUser'), 'nx_user.h', 'configuration');
  const baselineNode = child(root, 'baseline');
  const baselineReadable = checkFile(baselineNode, 'Baseline', 'json');
  for (const f of child(root, 'feeds')?.children ?? []) checkFile(f.type === 'object' ? child(f, 'path') : f, 'Feed', 'feed');

  const groups = baselineReadable ? baselineGroups(doc, baselineNode, ctx, limits) : undefined;
  const hub = child(root, 'hub');
  for (const rule of [...(child(hub, 'ipFilterRules')?.children ?? []), ...(child(child(hub, 'networkRuleSets'), 'ipRules')?.children ?? [])]) {
    const mask = child(rule, 'ipMask');
    if (mask?.type === 'string' && parseCidr(mask.value as string)?.version !== 4) {
      out.push({ code: 'MA304', severity: 'error', file: doc.path, range: span(mask), message: `ipMask "${shortValue(String(mask.value))}" is not an IPv4 address or CIDR range (IoT Hub IP filters take IPv4 only).` });
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
      if (first) out.push({ code: 'MA306', severity: 'error', file: doc.path, range: span(idNode), message: `Device id "${shortValue(id)}" is given twice; device ids are unique in an IoT hub.`,
        related: [{ file: doc.path, range: span(first), message: 'first given here' }] });
      else ids.set(id, idNode);
    }
    // No kind: a capture may be a pcap, a conn.log or an event script, whose limits differ; its reader applies them.
    checkFile(child(dev, 'capture'), 'Capture');
    const sg = child(dev, 'securityGroup');
    if (groups && sg?.type === 'string' && !groups.some((g) => g.toLowerCase() === String(sg.value).toLowerCase())) {
      const guess = didYouMean(String(sg.value), groups);
      out.push({ code: 'MA303', severity: 'warning', file: doc.path, range: span(sg),
        message: `Security group "${shortValue(String(sg.value))}" is not defined in the baseline (${groupList(groups)}): no custom alert rule applies to device "${shortValue(id)}".${guess ? ` Did you mean "${shortValue(guess)}"?` : ''}`,
        fixes: guess ? [{ title: `Change to "${guess}"`, preferred: true, edits: [{ range: span(sg), newText: JSON.stringify(guess) }] }] : undefined });
    }
    for (const a of child(dev, 'addresses')?.children ?? []) {
      if (a.type !== 'string') continue;
      const addr = parseAddress(a.value as string);
      if (!addr) {
        out.push({ code: 'MA304', severity: 'error', file: doc.path, range: span(a),
          message: parseCidr(a.value as string) ? `"${shortValue(a.value as string)}" is a range; a device address is one IPv4 or IPv6 address.` : `"${shortValue(a.value as string)}" is not an IPv4 or IPv6 address.` });
        continue;
      }
      const canon = addr.version === 4 ? formatIPv4(addr.value) : formatIPv6(addr.value);
      const prev = addresses.get(canon);
      if (prev && prev.device !== id) {
        out.push({ code: 'MA305', severity: 'warning', file: doc.path, range: span(a), message: `Address ${canon} is also device "${shortValue(prev.device)}"'s: its traffic cannot be given to one device.`,
          related: [{ file: doc.path, range: span(prev.node), message: `address of "${shortValue(prev.device)}"` }] });
      } else if (!prev) addresses.set(canon, { node: a, device: id });
    }
  }
  return out;
}

/** Groups named in MA303's message at most (a baseline may define thousands). */
const GROUPS_LISTED = 10;

/** The baseline's groups as MA303 lists them: the first few, quoted (each shortened), and how many more. */
function groupList(groups: readonly string[]): string {
  if (!groups.length) return 'no groups';
  const shown = groups.slice(0, GROUPS_LISTED).map((g) => `"${shortValue(g)}"`).join(', ');
  return groups.length > GROUPS_LISTED ? `${shown} and ${groups.length - GROUPS_LISTED} more` : shown;
}

/** Group names the profile's baseline defines; undefined when it cannot be read or names groups by ARM expressions. */
function baselineGroups(doc: SourceDocument, node: Node | undefined, ctx: CheckContext, limits: JsonLimits): string[] | undefined {
  if (!node || node.type !== 'string' || node.value === '') return undefined;
  const abs = resolveProfilePath(doc.path, node.value as string);
  let text: string | undefined;
  try { text = ctx.files.readText(abs, 'json'); } catch { return undefined; }
  if (text === undefined) return undefined;
  const parsed = parseJson(new SourceDocument(abs, text), 'MA200', limits);
  const groups = groupsOf(parsed.root);
  if (groups.some((g) => g.nameIsExpression)) return undefined;
  return groups.map((g) => g.name);
}

/** MA307's message: where the path leads, and who reads it (the editor does not; the CLI does, and warns). */
function outsideMessage(what: string, named: string, abs: string, through: string | undefined, ws: WorkspaceBounds): string {
  const where = through ? `leads outside the workspace through a symbolic link (to ${shortValue(through, 300)})` : `is outside the workspace (${shortValue(abs, 300)})`;
  const who = ws.reader === 'editor'
    ? 'the editor does not read it (microagent simulate does, with a warning)'
    : `microagent reads it, but the editor will not; the workspace is ${ws.roots.map((r) => shortValue(r, 300)).join(', ')}`;
  return `${what} "${shortValue(named)}" ${where}: ${who}.`;
}
