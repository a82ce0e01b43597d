// The one IPv6 text parser and formatter, and the IPv4 formatter, that the traffic code (words, bytes) and the
// threat-intelligence code (bigints) both build on, so an address means the same thing everywhere.

/** IPv6 text (with `::` and an optional dotted IPv4 tail, no zone) to its eight 16-bit groups, or undefined.
 *  `parseIpv4Tail` reads the dotted tail, so that each caller keeps its own IPv4 strictness. */
export function parseIpv6Groups(text: string, parseIpv4Tail: (s: string) => number | undefined): number[] | undefined {
  if (text.length < 2 || text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  let body = text;
  let v4tail: number | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) >= 0) {
    // A dotted IPv4 tail (::ffff:1.2.3.4) stands for the last two groups: parse it apart, then put it back.
    v4tail = parseIpv4Tail(text.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = hexGroups(halves[0]);
  const rest = halves.length === 2 ? hexGroups(halves[1]) : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  if (v4tail !== undefined) {
    groups[6] = v4tail >>> 16;
    groups[7] = v4tail & 0xffff;
  }
  return groups;
}

function hexGroups(s: string): number[] | undefined {
  if (s === '') return [];
  const out: number[] = [];
  for (const g of s.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out.push(parseInt(g, 16));
  }
  return out;
}

/** Eight 16-bit groups to RFC 5952 text: lower case, the longest run of two or more zero groups as `::`. */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** An unsigned 32-bit IPv4 value as a dotted quad. */
export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
