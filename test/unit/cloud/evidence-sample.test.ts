// The evidence listing built flow by flow keeps exactly what sorting all the flows and taking the first would:
// the earliest first, at the same time the largest first, ties in the order the flows came; totals over all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EvidenceSample } from '../../../src-core/cloud/evidence';
import type { FlowEvidence } from '../../../src-core/findings/finding';

function reference(all: FlowEvidence[], max: number): FlowEvidence[] {
  return [...all].sort((a, b) => a.firstTime - b.firstTime || b.bytesIn + b.bytesOut - (a.bytesIn + a.bytesOut)).slice(0, max);
}

test('flow by flow, the sample lists what a stable sort of all the flows lists, with the same totals (random flows, many ties)', () => {
  let seed = 7;
  const next = (n: number) => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n);
  for (let round = 0; round < 200; round++) {
    const n = 1 + next(80);
    const max = 1 + next(25);
    const flows: FlowEvidence[] = Array.from({ length: n }, (_, i) => ({
      protocol: 'UDP', local: '192.168.1.50', localPort: 40000 + i, remote: `52.160.0.${i}`, remotePort: 443,
      bytesIn: next(4) * 10, bytesOut: next(3) * 10, firstTime: 1700000000 + next(6), lastTime: 1700000010, direction: 'outbound',
    }));
    const s = new EvidenceSample(max);
    for (const f of flows) s.add(f);
    s.addNotKept(3);
    const r = s.result();
    assert.deepEqual(r.flows, reference(flows, max));
    assert.equal(r.count, n + 3);
    assert.equal(r.notListed, n - r.flows.length + 3);
    assert.equal(r.bytesIn, flows.reduce((x, f) => x + f.bytesIn, 0));
    assert.equal(r.bytesOut, flows.reduce((x, f) => x + f.bytesOut, 0));
  }
});
