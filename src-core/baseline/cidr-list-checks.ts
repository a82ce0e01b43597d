// Checks of a ConnectionToIpNotAllowed value list: CIDR syntax, host bits, ranges inside other ranges,
// and allowlists that allow everything. Reads the plain list; places come from the source when reporting.
import type { Diagnostic } from '../language/types';
import { cidrContains, formatCidr, mask4, parseCidr, type Cidr } from '../intel/ip';
import { spanAt, type JsonPath, type JsonSource } from './json-value';
import { shortValue } from '../findings/text-safety';
import { cidrValueHelp } from './cidr-value-help';

export function checkCidrList(src: JsonSource, path: JsonPath, values: unknown[], allowlist: boolean, out: Diagnostic[]): void {
  // Lists are long (thousands of ranges in a large baseline) and nearly always clean: prove that cheaply first.
  if (!isQuietIPv4List(values, allowlist)) checkCidrListFully(src, path, values, allowlist, out);
}

/** Every finding of the list, the slow way: each value parsed to a Cidr, ranges sorted and compared. */
export function checkCidrListFully(src: JsonSource, path: JsonPath, values: unknown[], allowlist: boolean, out: Diagnostic[]): void {
  const file = src.doc.path;
  const span = (i: number) => spanAt(src, [...path, i]);
  const parsed: { cidr: Cidr; index: number }[] = [];
  for (let index = 0; index < values.length; index++) {
    const text = values[index];
    if (typeof text !== 'string') continue;
    const cidr = parseCidr(text);
    if (!cidr) {
      const help = cidrValueHelp(text);
      out.push({ code: 'MA205', severity: 'error', file, range: span(index), message: help.message,
        ...(help.replacement !== undefined ? { fixes: [{ title: `Write ${help.replacement}`, preferred: true, edits: [{ range: span(index), newText: JSON.stringify(help.replacement) }] }] } : {}) });
      continue;
    }
    if (cidr.hostBitsSet) {
      const fixed = formatCidr(cidr);
      out.push({ code: 'MA206', severity: 'warning', file, range: span(index),
        message: `"${shortValue(text)}" has host bits set past /${cidr.prefix}: it means ${fixed}.`,
        fixes: [{ title: `Write the network address ${fixed}`, preferred: true, edits: [{ range: span(index), newText: JSON.stringify(fixed) }] }] });
    }
    if (allowlist && cidr.prefix === 0) {
      out.push({ code: 'MA208', severity: 'warning', file, range: span(index),
        message: `"${shortValue(text)}" allows every ${cidr.version === 4 ? 'IPv4' : 'IPv6'} address: the rule cannot fire for ${cidr.version === 4 ? 'IPv4' : 'IPv6'} connections.` });
    }
    parsed.push({ cidr, index });
  }
  // Sorted by (version, network, prefix), a range is contained in the nearest earlier range that still contains it.
  const sorted = [...parsed].sort((a, b) => a.cidr.version - b.cidr.version
    || (a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : a.cidr.prefix - b.cidr.prefix));
  const stack: { cidr: Cidr; index: number }[] = [];
  for (const e of sorted) {
    while (stack.length && !cidrContains(stack[stack.length - 1].cidr, e.cidr)) stack.pop();
    const outer = stack[stack.length - 1];
    if (outer) {
      const same = outer.cidr.prefix === e.cidr.prefix;
      // A repeat is reported on its later copy (later in the list is later in the text); a contained range on
      // itself, whatever the order.
      const [at, other] = same && outer.index > e.index ? [outer, e] : [e, outer];
      out.push({ code: 'MA207', severity: 'information', file, range: span(at.index),
        message: same
          ? `${formatCidr(e.cidr)} is listed twice.`
          : `${formatCidr(e.cidr)} lies inside ${formatCidr(outer.cidr)} of the same list: it adds nothing.`,
        related: [{ file, range: span(other.index), message: same ? 'also listed here' : 'the wider range' }] });
      if (same) continue;
    }
    stack.push(e);
  }
}

/** Reused between lists: a large baseline has thousands of them. */
let scratch = new Float64Array(256);

/** True only when the full check would report nothing: every string is a plainly written IPv4 CIDR (or bare
 *  address) without host bits, no /0 in an allowlist, and no range inside or equal to another. Anything else
 *  (IPv6, spaces, a leading zero in the prefix, any finding) answers false and the full check decides. */
export function isQuietIPv4List(values: unknown[], allowlist: boolean): boolean {
  if (scratch.length < values.length) scratch = new Float64Array(values.length * 2);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'string') continue;
    const key = plainIPv4Key(v);
    if (key < 0 || (allowlist && key === 0)) return false; // key 0: 0.0.0.0/0
    scratch[n++] = key;
  }
  if (n < 2) return true;
  const sorted = scratch.subarray(0, n).sort();
  // Sorted by (network, prefix), a range inside another is inside its predecessor, so neighbours suffice.
  // Keys reach 2^38, where `%` is a slow floating-point modulo: split them with an exact division by 64.
  let prevNet = Math.floor(sorted[0] / 64);
  let prevPrefix = sorted[0] - prevNet * 64;
  for (let i = 1; i < n; i++) {
    const net = Math.floor(sorted[i] / 64);
    const prefix = sorted[i] - net * 64;
    if (prevPrefix <= prefix && ((net & mask4(prevPrefix)) >>> 0) === prevNet) return false;
    prevNet = net;
    prevPrefix = prefix;
  }
  return true;
}

const isDigit = (c: number) => c >= 0 && c <= 9;

/** `network * 64 + prefix` of a plainly written IPv4 CIDR without host bits, else -1. Accepts a subset of
 *  parseCidr (no leading zeros anywhere, no spaces) and agrees with it there. Reads each octet in one go:
 *  this runs for every value of every list. */
export function plainIPv4Key(s: string): number {
  const len = s.length;
  let i = 0;
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 46) return -1;
      i++;
    }
    let c = s.charCodeAt(i) - 48; // NaN past the end: not a digit
    if (!isDigit(c)) return -1;
    let octet = c;
    i++;
    if (octet !== 0) {
      c = s.charCodeAt(i) - 48;
      if (isDigit(c)) {
        octet = octet * 10 + c;
        i++;
        c = s.charCodeAt(i) - 48;
        if (isDigit(c)) {
          octet = octet * 10 + c;
          i++;
          if (octet > 255) return -1;
        }
      }
    }
    value = value * 256 + octet;
  }
  let prefix = 32;
  if (i < len) {
    if (s.charCodeAt(i) !== 47) return -1;
    const c = s.charCodeAt(i + 1) - 48;
    if (!isDigit(c)) return -1;
    prefix = c;
    if (i + 2 < len) {
      const d = s.charCodeAt(i + 2) - 48;
      if (prefix === 0 || i + 3 !== len || !isDigit(d)) return -1;
      prefix = prefix * 10 + d;
      if (prefix > 32) return -1;
    } else if (i + 2 !== len) return -1;
  }
  if (((value & mask4(prefix)) >>> 0) !== value) return -1;
  return value * 64 + prefix;
}
