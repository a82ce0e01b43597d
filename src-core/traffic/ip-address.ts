// Parses and formats IPv4/IPv6 addresses in the forms the traffic code keeps them: IPv4 as an
// unsigned 32-bit number, IPv6 as four big-endian words, and both as bytes for frame building.

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const v = Number(part);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** IPv6 text (with `::` and an optional dotted IPv4 tail) to 16 bytes, or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length > 45) return undefined;
  let body = text;
  let v4tail: number | undefined;
  if (text.includes('.')) {
    // A dotted IPv4 tail stands for the last two groups: parse it apart, then put it back.
    const lastColon = text.lastIndexOf(':');
    v4tail = parseIpv4(text.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    body = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return undefined;
  const groups = head.length + rest.length;
  let words: number[];
  if (halves.length === 2) {
    if (groups > 7) return undefined;
    words = [...head, ...new Array<number>(8 - groups).fill(0), ...rest];
  } else {
    if (groups !== 8) return undefined;
    words = head;
  }
  if (v4tail !== undefined) {
    words[6] = v4tail >>> 16;
    words[7] = v4tail & 0xffff;
  }
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

/** An address of either version as bytes (4 or 16), or undefined when it does not parse. */
export function parseIpBytes(text: string): Uint8Array | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return new Uint8Array([v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255]);
  return text.includes(':') ? parseIpv6(text) : undefined;
}

export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Four big-endian words to RFC 5952 text (longest zero run compressed). */
export function formatIpv6(words: ArrayLike<number>): string {
  const g: number[] = [];
  for (let i = 0; i < 4; i++) g.push(words[i] >>> 16, words[i] & 0xffff);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function ipv6BytesToWords(bytes: Uint8Array, out = new Uint32Array(4)): Uint32Array {
  for (let i = 0; i < 4; i++) out[i] = ((bytes[i * 4] << 24) | (bytes[i * 4 + 1] << 16) | (bytes[i * 4 + 2] << 8) | bytes[i * 4 + 3]) >>> 0;
  return out;
}
