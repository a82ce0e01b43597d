// footprint (the figures docs/agent-facts.md computes) and resolveAgentConfig (defaults, file, dependency rules).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFootprint, recordsThatFit } from '../../../src-core/config/footprint';
import { resolveAgentConfig } from '../../../src-core/config/resolve-agent-config';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { readConfig } from '../../../src-core/config/read-config';
import { SourceDocument } from '../../../src-core/language/document';
import { dist, header, rtosBaseDist, rtosBaseHeader } from './fixtures';

test('footprint of the shipped 64/64 caches: 6644-byte max message, 13312-byte page (§3.9)', () => {
  const f = computeFootprint({ ipv4: 64, ipv6: 64 });
  assert.equal(f.maxMessageSize, 6644);
  assert.equal(f.pageSize, 13312);
  assert.equal(f.emitterRam, 13312);
  assert.equal(f.objectRam, 64 * 52 + 64 * 200);
  assert.equal(f.largestMessage, 6444, 'the largest RTOS_BASE message of §3.11');
  assert.equal(f.largestMessageFront, 6372);
  assert.equal(f.pageOverflow, false);
});

test('footprint with NX_DISABLE_IPV6: 2804-byte max message, 5632-byte page (§3.9)', () => {
  const f = computeFootprint({ ipv4: 64, ipv6: 0 });
  assert.equal(f.maxMessageSize, 2804);
  assert.equal(f.pageSize, 5632);
});

test('records that still fit beside a full other vector match §3.11 (71 IPv4 / 68 IPv6 in 13312)', () => {
  assert.equal(recordsThatFit(13312, 4, 64), 71);
  assert.equal(recordsThatFit(13312, 6, 64), 68);
});

test('dynamic memory uses a 14016-byte malloc\'d page and never overflows; a small hand-set page does', () => {
  const dyn = computeFootprint({ ipv4: 64, ipv6: 64, dynamicMemory: true });
  assert.equal(dyn.pageSize, 14016);
  assert.equal(dyn.emitterRam, 0);
  assert.equal(computeFootprint({ ipv4: 64, ipv6: 64, pageSize: 8192 }).pageOverflow, true);
  assert.deepEqual(computeFootprint({ ipv4: 116, ipv6: 10 }).vectorOverflow, { ipv4: true, ipv6: false });
});

test('bytes per hour at full cache: 360 network cycles and 60 heartbeat cycles with the defaults', () => {
  const f = computeFootprint({ ipv4: 64, ipv6: 64 });
  assert.equal(f.bytesPerHourAtFullCache, 360 * 6322 + 60 * 122);
});

test('the shipped RTOS_BASE header and dist resolve to rtosBaseAgentConfig with nothing forced', () => {
  for (const { config } of [header(rtosBaseHeader), dist(rtosBaseDist)]) {
    const r = resolveAgentConfig(config);
    assert.deepEqual(r.agent, rtosBaseAgentConfig);
    assert.deepEqual(r.forced, []);
  }
});

test('L4_BASE defaults: ICMP off and capture of broadcast and multicast', () => {
  const config = readConfig(new SourceDocument('/p/inc/configs/L4_BASE/asc_config.h', '#define ASC_HIGH_PRIORITY_INTERVAL 20\n'));
  const { agent } = resolveAgentConfig(config);
  assert.equal(agent.icmpDisabled, true);
  assert.equal(agent.captureUnicastOnly, false);
  assert.equal(agent.highPriorityIntervalSeconds, 20);
});

test('RTOS_BASE_UT defaults: 4/4 caches and a forced first collection after 2 s', () => {
  const config = readConfig(new SourceDocument('/p/inc/configs/RTOS_BASE_UT/asc_config.h', '\n'));
  const { agent } = resolveAgentConfig(config);
  assert.equal(agent.maxIpv4ObjectsInCache, 4);
  assert.equal(agent.firstForceCollectionIntervalSeconds, 2);
});

test('NX_DISABLE_IPV6 and a switched-off collector force the caches, and say why', () => {
  const { config, nx } = dist(rtosBaseDist, '#define NX_DISABLE_IPV6\n#define NX_DISABLE_ASSERT\n');
  const r = resolveAgentConfig(config, nx);
  assert.equal(r.agent.maxIpv6ObjectsInCache, 0);
  assert.equal(r.agent.ipv6Disabled, true);
  assert.equal(r.agent.assertsDisabled, true);
  assert.deepEqual(r.forced.map((f) => [f.option, f.from, f.to, f.rule]), [['ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE', 64, 0, 11]]);
  const off = resolveAgentConfig(dist(rtosBaseDist + 'set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED OFF)\n').config);
  assert.equal(off.agent.networkActivityEnabled, false);
  assert.equal(off.agent.maxIpv4ObjectsInCache, 0);
  assert.ok(off.forced.some((f) => f.rule === 5 && f.because === 'the network activity collector is off'));
});

test('a value of the wrong type keeps the default (the rules report it)', () => {
  const r = resolveAgentConfig(dist(rtosBaseDist + 'set(ASC_HIGH_PRIORITY_INTERVAL "ten")\n').config);
  assert.equal(r.agent.highPriorityIntervalSeconds, 10);
});
