// Checks of a ConnectionToIpNotAllowed value list: CIDR syntax, host bits, ranges inside other ranges,
// and allowlists that allow everything.
import type { Node } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import { cidrContains, formatCidr, parseCidr, type Cidr } from '../intel/ip';

export function checkCidrList(doc: SourceDocument, values: Node, allowlist: boolean, out: Diagnostic[]): void {
  const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  const parsed: { cidr: Cidr; node: Node }[] = [];
  for (const item of values.children ?? []) {
    if (item.type !== 'string') continue;
    const text = item.value as string;
    const cidr = parseCidr(text);
    if (!cidr) {
      out.push({ code: 'MA205', severity: 'error', file: doc.path, range: span(item),
        message: `"${text}" is not an IPv4 or IPv6 range in CIDR notation (e.g. "192.168.0.0/16" or "2001:db8::/32").` });
      continue;
    }
    if (cidr.hostBitsSet) {
      const fixed = formatCidr(cidr);
      out.push({ code: 'MA206', severity: 'warning', file: doc.path, range: span(item),
        message: `"${text}" has host bits set past /${cidr.prefix}: it means ${fixed}.`,
        fixes: [{ title: `Write the network address ${fixed}`, preferred: true, edits: [{ range: span(item), newText: JSON.stringify(fixed) }] }] });
    }
    if (allowlist && cidr.prefix === 0) {
      out.push({ code: 'MA208', severity: 'warning', file: doc.path, range: span(item),
        message: `"${text}" allows every ${cidr.version === 4 ? 'IPv4' : 'IPv6'} address: the rule cannot fire for ${cidr.version === 4 ? 'IPv4' : 'IPv6'} connections.` });
    }
    parsed.push({ cidr, node: item });
  }
  // Sorted by (version, network, prefix), a range is contained in the nearest earlier range that still contains it.
  const sorted = [...parsed].sort((a, b) => a.cidr.version - b.cidr.version
    || (a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : a.cidr.prefix - b.cidr.prefix));
  const stack: { cidr: Cidr; node: Node }[] = [];
  for (const e of sorted) {
    while (stack.length && !cidrContains(stack[stack.length - 1].cidr, e.cidr)) stack.pop();
    const outer = stack[stack.length - 1];
    if (outer) {
      const same = outer.cidr.prefix === e.cidr.prefix;
      // A repeat is reported on its later copy; a contained range on itself, whatever the order.
      const [at, other] = same && outer.node.offset > e.node.offset ? [outer, e] : [e, outer];
      out.push({ code: 'MA207', severity: 'information', file: doc.path, range: span(at.node),
        message: same
          ? `${formatCidr(e.cidr)} is listed twice.`
          : `${formatCidr(e.cidr)} lies inside ${formatCidr(outer.cidr)} of the same list: it adds nothing.`,
        related: [{ file: doc.path, range: span(other.node), message: same ? 'also listed here' : 'the wider range' }] });
      if (same) continue;
    }
    stack.push(e);
  }
}
