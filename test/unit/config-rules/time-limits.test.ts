// Values that break time arithmetic (issue 10): an interval or time past what the agent holds (uint32 seconds;
// 2 * ASC_FIRST_COLLECTION_INTERVAL in int) is a range error in `check` for headers and dists, a literal past 64
// bits is a read error, `simulate` refuses such a configuration and every time flag, and the scheduler's loop
// cannot spin when a time no longer changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDist, checkHeader, only, withoutUdpNote } from './fixtures';
import { agentTimeProblems, epochProblem, secondsProblem } from '../../../src-core/agent/time-limits';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { AgentModel } from '../../../src-core/agent/agent';
import { parseTimeBound } from '../../../src-core/learn/time-range';
import { cli, file, capture, tempDir } from '../agent/fixtures';

const redefine = (name: string, v: number | string) => `#undef ${name}\n#define ${name} ${v}`;

test('MA103 on every seconds option past what the agent holds, in a header and in a dist, with why; no MA115/117/118 noise', () => {
  const first = withoutUdpNote(checkHeader(redefine('ASC_FIRST_COLLECTION_INTERVAL', '1000000000000000000')));
  assert.deepEqual(first.map((d) => d.code), ['MA103']);
  assert.match(first[0].message, /^ASC_FIRST_COLLECTION_INTERVAL is 1000000000000000000; it must be 1\.\.1073741823 \(core\.c computes `2 \* ASC_FIRST_COLLECTION_INTERVAL` .* in int arithmetic/);
  for (const name of ['ASC_HIGH_PRIORITY_INTERVAL', 'ASC_LOW_PRIORITY_INTERVAL', 'ASC_MEDIUM_PRIORITY_INTERVAL', 'ASC_SECURITY_MODULE_PENDING_TIME', 'ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME']) {
    const d = withoutUdpNote(checkHeader(redefine(name, '(1ULL << 40)')));
    assert.deepEqual(d.map((x) => x.code), ['MA103'], `${name}: ${d.map((x) => x.message).join('\n')}`);
    assert.match(d[0].message, /it must be 1\.\.4294967295 \(the agent keeps it as uint32 seconds/);
  }
  const force = only(checkHeader('#define ASC_FIRST_FORCE_COLLECTION_INTERVAL 5000000000'), 'MA103');
  assert.match(force[0].message, /is 5000000000; it must be at most 4294967295/);
  // Exactly at the limit is accepted; negative forced values (collect at once) too.
  assert.deepEqual(only(checkHeader(redefine('ASC_LOW_PRIORITY_INTERVAL', 4294967295)), 'MA103'), []);
  assert.deepEqual(only(checkHeader('#define ASC_FIRST_FORCE_COLLECTION_INTERVAL -1'), 'MA103'), []);
  const dist = only(checkDist('set(ASC_FIRST_COLLECTION_INTERVAL 1000000000000000000)'), 'MA103');
  assert.equal(dist.length, 1);
});

test('a literal past 64 bits is a read error (the compiler rejects it), not a value wrapped to something else', () => {
  const d = only(checkHeader(redefine('ASC_LOW_PRIORITY_INTERVAL', '100000000000000000000')), 'MA100');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /`100000000000000000000` does not fit in 64 bits: the compiler rejects this integer literal/);
  assert.deepEqual(only(checkHeader(redefine('ASC_LOW_PRIORITY_INTERVAL', '100000000000000000000')), 'MA103'), []);
});

test('the simulation\'s checks: the configuration\'s times, counts of seconds, points in time, learn bounds', () => {
  assert.deepEqual(agentTimeProblems(rtosBaseAgentConfig), []);
  const bad = agentTimeProblems({ ...rtosBaseAgentConfig, firstCollectionIntervalSeconds: 1e18, lowPriorityIntervalSeconds: Infinity, firstForceCollectionIntervalSeconds: -5 });
  assert.deepEqual(bad.map((p) => p.option), ['ASC_FIRST_COLLECTION_INTERVAL', 'ASC_LOW_PRIORITY_INTERVAL']);
  assert.match(bad[0].message, /ASC_FIRST_COLLECTION_INTERVAL is 1000000000000000000 s, over the most the agent can hold, 1,073,741,823 s/);
  assert.equal(secondsProblem('--until', 4294967295), undefined);
  assert.match(secondsProblem('--until', 1e18)!, /--until is 1000000000000000000 s, over the 4,294,967,295 s the agent's clock can count/);
  assert.match(secondsProblem('x', NaN)!, /finite/);
  assert.equal(epochProblem('t', 1_700_000_000), undefined);
  assert.match(epochProblem('t', Date.parse('9999-01-01T00:00:00Z') / 1000)!, /outside what the agent's clock can show .*2106-02-07T06:28:15Z/);
  assert.match((parseTimeBound('1000000000000000000') as { error: string }).error, /over the 4,294,967,295 s/);
  assert.match((parseTimeBound('2200-01-01T00:00:00Z') as { error: string }).error, /outside what the agent's clock can show/);
  assert.equal((parseTimeBound('300') as { seconds: number }).seconds, 300);
});

test('the scheduler\'s guard: where adding a period no longer changes a float64 time, the loop ends with an error, not a hang', () => {
  const agent = new AgentModel({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 0 }, { ipv4: [0x0a000001], ipv6: [] } as never);
  // At 1e18 the spacing of float64 values is 128: `now + 10` and `now + 1` are `now`.
  assert.throws(() => agent.enable(1e18), /the simulated clock cannot move past 1000000000000000000 s: the next collection falls at the same time again/);
});

test('simulate refuses a configuration time and --force-first-collection past the agent\'s clock, by name, exit 2', async (t) => {
  const dir = tempDir(t);
  const pcap = capture(dir, 'c.pcap', '192.168.1.50', ['198.51.100.7']);
  const header = file(dir, 'asc_config.h', '#define ASC_FIRST_COLLECTION_INTERVAL 1000000000000000000\n');
  const fromConfig = await cli(['simulate', '--agent-config', header, '--capture', pcap, '--device-ip', '192.168.1.50'], dir);
  assert.equal(fromConfig.status, 2);
  assert.match(fromConfig.stderr, /^microagent simulate: .*asc_config\.h:1:1: ASC_FIRST_COLLECTION_INTERVAL is 1000000000000000000 s, over the most the agent can hold, 1,073,741,823 s .*; not simulated$/m);
  assert.equal(fromConfig.stdout, '');
  const fromFlag = await cli(['simulate', '--force-first-collection', '1e18', '--capture', pcap, '--device-ip', '192.168.1.50'], dir);
  assert.equal(fromFlag.status, 2);
  assert.match(fromFlag.stderr, /^microagent simulate: --force-first-collection is 1000000000000000000 s, over the 4,294,967,295 s the agent's clock can count .*; not simulated$/m);
  const until = await cli(['simulate', '--until', '100000000000000', '--capture', pcap, '--device-ip', '192.168.1.50'], dir);
  assert.equal(until.status, 2);
  assert.match(until.stderr, /--until is 100000000000000 s, over/);
  const devices = [{ id: 'd', addresses: ['192.168.1.50'], capture: 'c.pcap' }];
  // The profile's schema bounds its numbers (also in `check`); a date-time is checked before the run.
  const long = await cli(['simulate', '--profile', file(dir, 'long.microagent.json', JSON.stringify({ devices, simulation: { durationSeconds: 1e15 } }))], dir);
  assert.equal(long.status, 2);
  assert.match(long.stderr, /MA301 `durationSeconds` must be <= 4294967295/);
  const late = await cli(['simulate', '--profile', file(dir, 'late.microagent.json', JSON.stringify({ devices, simulation: { startTime: '9999-01-01T00:00:00Z' } }))], dir);
  assert.equal(late.status, 2);
  assert.match(late.stderr, /simulation\.startTime \(9999-01-01T00:00:00Z\) is outside what the agent's clock can show/);
});
