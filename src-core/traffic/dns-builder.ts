// Builds DNS query and answer payloads for generated captures (the reader side is dns.ts).

export function buildDnsMessage(id: number, name: string, answer: Uint8Array | undefined, isResponse: boolean): Uint8Array {
  const labels = name.replace(/\.$/, '').split('.').map((l) => new TextEncoder().encode(l).subarray(0, 63));
  const qname: number[] = [];
  for (const l of labels) qname.push(l.length, ...l);
  qname.push(0);
  const qtype = answer && answer.length === 16 ? 28 : 1;
  const out: number[] = [id >> 8, id & 255, isResponse ? 0x81 : 0x01, isResponse ? (answer ? 0x80 : 0x83) : 0x00, 0, 1, 0, isResponse && answer ? 1 : 0, 0, 0, 0, 0];
  out.push(...qname, qtype >> 8, qtype & 255, 0, 1);
  if (isResponse && answer) {
    // The answer names the question through a compression pointer to offset 12.
    out.push(0xc0, 12, qtype >> 8, qtype & 255, 0, 1, 0, 0, 0x0e, 0x10, 0, answer.length, ...answer);
  }
  return new Uint8Array(out);
}
