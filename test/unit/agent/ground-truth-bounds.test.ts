// The ground truth's table is bounded: past its limit it hands the flows idle longest to its retire
// listeners and lets go of them, keeping the others (their serials, order and counters) intact; and a table
// that grows keeps every flow's addresses (an IPv6 flow made as the arrays grew once lost its own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroundTruth } from '../../../src-core/agent/ground-truth';

const packet = (time: number, tcpFlags = 0) => ({ time, tcpFlags });

test('IPv6 flows made while the table grows keep their addresses: 1,500 flows, two packets each, give 1,500 flows with the right peers', () => {
  const truth = new GroundTruth();
  const local = [0xfd000000, 0, 0, 0x50];
  const remote = (i: number) => [0x2a0b4d80, i >>> 16, 0, (i & 0xffff) + 1];
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 1500; i++) truth.add(6, local, remote(i), 0, 40000 + (i % 20000), 443, 17, round === 0, 100, packet(1000 + i + round * 0.5), -1);
  }
  assert.equal(truth.flowCount, 1500);
  const seen = new Set<string>();
  for (const f of truth.flows()) {
    assert.equal(f.packetsIn + f.packetsOut, 2, `both packets of ${f.remote.join(':')} in one flow`);
    seen.add(f.remote.join(':'));
  }
  for (let i = 0; i < 1500; i++) assert.ok(seen.has(remote(i).map((w) => w >>> 0).join(':')), `flow ${i}'s peer kept`);
});

test('past its limit the table lets go of the flows idle longest, each once, in serial order per retirement; the rest keep their counters', () => {
  const truth = new GroundTruth({ maxFlows: 16 });
  const retired: number[] = [];
  let retiredPackets = 0;
  truth.onRetire((t, f) => {
    retired.push(t.serialOf(f));
    retiredPackets += t.packetsOf(f);
  });
  // Flow 0 stays busy (a packet every step); flows 1..100 send once each.
  for (let i = 1; i <= 100; i++) {
    truth.add(4, [0xc0a80132], [0x34000000], 0, 50000, 8883, 6, true, 60, packet(i), -1);
    truth.add(4, [0xc0a80132], [0x34000000 + i], 0, 40000 + i, 443, 6, true, 60, packet(i + 0.5), -1);
  }
  assert.equal(truth.flowCount, 101);
  assert.ok(truth.liveFlowCount <= 16, `at most the limit held (${truth.liveFlowCount})`);
  assert.equal(truth.retiredFlowCount, retired.length);
  const live: number[] = [];
  let livePackets = 0;
  for (let f = 0; f < truth.liveFlowCount; f++) (live.push(truth.serialOf(f)), (livePackets += truth.packetsOf(f)));
  assert.deepEqual([...retired, ...live].sort((a, b) => a - b), Array.from({ length: 101 }, (_, i) => i), 'every flow once, by its serial');
  assert.ok(live.includes(0), 'the busy flow is never let go of');
  assert.equal(retiredPackets + livePackets, 200, 'no packet lost');
  const busy = [...truth.flows()].find((f) => f.remotePort === 8883)!;
  assert.equal(busy.packetsOut, 100);
  assert.equal(busy.firstTime, 1);
});

test('flows with a packet in the current period are kept however full the table is; the period still lists them', () => {
  const truth = new GroundTruth({ maxFlows: 4 });
  truth.trackPeriods();
  for (let i = 0; i < 10; i++) truth.add(4, [0xc0a80132], [0x34000000 + i], 0, 40000 + i, 443, 17, true, 10, packet(1 + i * 0.1), -1);
  assert.equal(truth.liveFlowCount, 10, 'all ten are in the open period');
  assert.equal(truth.periodFlowCount, 10);
  const remotes = Array.from({ length: 10 }, (_, i) => truth.periodFlow(i).remote[0] - 0x34000000).sort((a, b) => a - b);
  assert.deepEqual(remotes, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  truth.endPeriod();
  // The table grew to twice what it kept (20); past that, the closed period's flows can go.
  for (let i = 10; i < 24; i++) truth.add(4, [0xc0a80132], [0x34000000 + i], 0, 40000 + i, 443, 17, true, 10, packet(20 + i), -1);
  assert.ok(truth.retiredFlowCount > 0, 'the closed period\'s flows went');
  assert.ok(truth.liveFlowCount < 24);
  assert.equal(truth.flowCount, 24);
});
