// Each rule of the agent model proved on a capture made for it: generated pcaps run through the whole
// pipeline (readTrace -> runSimulation) and through the bundled CLI with a generated asc_config.h, with
// the assertions on the JSON report. The pool that fills at the 65th flow, the message one byte over the
// emitter page's front half (and one exactly at it), the ICMP switch, and unicast-only capture of broadcasts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSimulation, type SimulationResult } from '../../../src-core/simulator/run-simulation';
import { rtosBaseAgentConfig, type AgentConfig } from '../../../src-core/config/agent-config';
import { readTrace } from '../../../src-core/traffic/trace-reader';
import { checkScenario, type Scenario, type ScenarioFlow } from '../../../src-core/traffic/scenario';
import { T0, file, tempDir } from './fixtures';
import { bundledCli, writeScenario } from './capture-fixtures';

const DEVICE = { ipv4: '192.168.1.50', ipv6: 'fd00::50', mac: '02:00:00:00:00:50' };
const DEVICE_IP = '192.168.1.50,fd00::50';
const cfg = (over: Partial<AgentConfig> = {}): AgentConfig => ({ ...rtosBaseAgentConfig, firstForceCollectionIntervalSeconds: 10, ...over });
const scenario = (flows: ScenarioFlow[]): Scenario => ({ start: T0, device: DEVICE, gatewayMac: '02:00:00:00:00:01', flows });
const simulate = (capture: string, config: AgentConfig): SimulationResult => runSimulation({ capture, config, devices: [DEVICE_IP.split(',')], seed: 1 });

/** `n` UDP flows to distinct peers, 50 ms apart from t=0, one packet out and its answer 10 ms later (56 bytes each way). */
function udpFlows(n: number): ScenarioFlow[] {
  return Array.from({ length: n }, (_, i) => ({ protocol: 'udp' as const, peer: `52.160.${(i + 1) >> 8}.${(i + 1) & 255}`, port: 5000 + i, localPort: 40000 + i, start: i * 0.05, packets: 2, size: 48, interval: 0.01 }));
}

/** A header as CMake's configure_file writes asc_config.h: `#define X` for ON, `/* #undef X *\/` for OFF. */
function header(dir: string, name: string, lines: string[]): string {
  return file(dir, name, ['/* asc_config.h generated for the test */', '#define ASC_FIRST_FORCE_COLLECTION_INTERVAL 10', ...lines, ''].join('\n'));
}

test('capture: the IPv4 pool of 64 is full once the 64th flow is created; the 65th flow and every later packet of the cycle are dropped, 63 flows drop nothing', async (t) => {
  const dir = tempDir(t);
  const fill = writeScenario(dir, 'pool-65.pcap', scenario([
    ...udpFlows(65),
    // Flow 1 again at t=4 (same 5-tuple): known, but the pool is taken before the lookup, so it is dropped too.
    { protocol: 'udp', peer: '52.160.0.1', port: 5000, localPort: 40000, start: 4, packets: 1, size: 48 },
    // Flow 2 again in the next cycle: the pool was emptied by the collection at t=10.
    { protocol: 'udp', peer: '52.160.0.2', port: 5001, localPort: 40001, start: 12, packets: 2, size: 48 },
  ]));
  const r = simulate(fill, cfg());
  const a = r.devices[0].agent;
  assert.equal(r.summary.packetsRead, 65 * 2 + 1 + 2);
  // Dropped: the 64th flow's answer (the pool is empty from its first packet on), both packets of the 65th, flow 1 again.
  assert.deepEqual([a.cycles[0].time, a.cycles[0].flows, a.cycles[0].drops, a.cycles[0].bytesOut, a.cycles[0].bytesIn], [T0 + 10, 64, 4, 64 * 56, 63 * 56]);
  assert.deepEqual([a.cycles[1].flows, a.cycles[1].drops, a.cycles[1].bytesIn], [1, 0, 56]);
  assert.deepEqual([a.flowsRecorded, a.packetsRecorded, a.packetsDropped], [65, 64 + 63 + 2, 4]);
  const truth = r.devices[0].truth;
  assert.deepEqual([truth.flows, truth.flowsNeverRecorded, truth.flowsPartlyMissed], [65, 1, 2]);
  const flow = (remote: string) => truth.flowsListed.find((f) => f.remote === remote)!;
  assert.deepEqual([flow('52.160.0.65').agentPackets, flow('52.160.0.65').missed['pool-full']], [0, 2], 'the 65th flow: never recorded');
  assert.deepEqual([flow('52.160.0.64').agentPackets, flow('52.160.0.64').missed['pool-full']], [1, 1], 'the 64th flow: only its first packet');
  assert.deepEqual([flow('52.160.0.1').packetsOut, flow('52.160.0.1').agentPackets, flow('52.160.0.1').missed['pool-full']], [2, 2, 1]);

  const just = simulate(writeScenario(dir, 'pool-64.pcap', scenario(udpFlows(64))), cfg()).devices[0];
  assert.deepEqual([just.agent.cycles[0].flows, just.agent.packetsDropped, just.truth.flowsNeverRecorded], [64, 1, 0], '64 flows: all recorded, the last answer dropped');
  const fits = simulate(writeScenario(dir, 'pool-63.pcap', scenario(udpFlows(63))), cfg()).devices[0].agent;
  assert.deepEqual([fits.cycles[0].flows, fits.cycles[0].drops, fits.packetsDropped, fits.packetsRecorded], [63, 0, 0, 126]);

  // The bundled CLI gives the same figures (the header sets only the forced first collection).
  const cli = bundledCli(t);
  const conf = header(dir, 'asc_config.h', []);
  for (const [capture, dropped, flows] of [[fill, 4, 65], ['pool-64.pcap', 1, 64], ['pool-63.pcap', 0, 63]] as const) {
    const out = cli.json(['simulate', '--capture', capture, '--device-ip', DEVICE_IP, '--agent-config', conf, '--format', 'json'], dir);
    const d = out.devices[0].agent;
    assert.deepEqual([d.packetsDropped, d.flowsRecorded, d.cycles[0].flows, d.cycles[0].drops], [dropped, flows, Math.min(flows, 64), dropped], capture);
  }
});

test('capture: a message one byte over the emitter page\'s front half is dropped (NX_DISABLE_ASSERT) or hangs the agent; exactly at the limit it is sent', async (t) => {
  const dir = tempDir(t);
  // 20 flows in the first cycle (with heartbeat and system information), one in the second (a smaller message).
  const cap = writeScenario(dir, 'message.pcap', scenario([...udpFlows(20), { protocol: 'udp', peer: '52.161.0.1', port: 6000, start: 12, packets: 2, size: 48 }]));
  // The builder says how big the first message is: its front (tables, vectors, strings) must fit in page / 2.
  const free = simulate(cap, cfg({ assertsDisabled: true })).devices[0].agent;
  const front = free.cycles[0].messageFrontBytes;
  assert.equal(free.cycles[0].outcome, 'sent');
  assert.ok(front > 0 && front < free.cycles[0].messageBytes, `front ${front} of ${free.cycles[0].messageBytes} bytes`);
  assert.ok(free.cycles[1].messageFrontBytes < front, 'the second message is smaller');

  const run = (page: number, assertsDisabled: boolean) => simulate(cap, cfg({ emitterPageSize: page, assertsDisabled })).devices[0].agent;
  const atLimit = run(2 * front, true);
  assert.deepEqual([atLimit.cycles[0].outcome, atLimit.cycles[0].messageFrontBytes, atLimit.messagesDropped, atLimit.emitterPageSize], ['sent', front, 0, 2 * front]);
  // One byte less page: front_left = (2F - 1) / 2 = F - 1 in C, so the message is one byte over.
  const over = run(2 * front - 1, true);
  assert.deepEqual([over.cycles[0].outcome, over.cycles[0].messageBytes, over.messagesDropped, over.hung], ['dropped-too-big', 0, 1, null]);
  assert.equal(over.cycles[1].outcome, 'sent', 'the next, smaller message is built and sent');
  const hung = run(2 * front - 1, false);
  assert.deepEqual([hung.cycles[0].outcome, hung.hung?.reason, hung.cycles.length, hung.messagesSent], ['hung', 'page-overflow', 1, 0]);

  // The same three through the bundled CLI: FLATCC_EMITTER_PAGE_SIZE set by hand in asc_config.h, NX_DISABLE_ASSERT in nx_user.h.
  const cli = bundledCli(t);
  const nxUser = file(dir, 'nx_user.h', '#define NX_DISABLE_ASSERT\n');
  const viaCli = (page: number, asserts: boolean) => {
    const conf = header(dir, `asc_config_${page}.h`, [`#define FLATCC_EMITTER_PAGE_SIZE ${page}`]);
    const args = ['simulate', '--capture', cap, '--device-ip', DEVICE_IP, '--agent-config', conf, '--format', 'json', ...(asserts ? [] : ['--nx-user', nxUser])];
    return cli.json(args, dir).devices[0].agent;
  };
  const c1 = viaCli(2 * front, false);
  assert.deepEqual([c1.cycles[0].outcome, c1.messagesDropped, c1.emitterPageSize], ['sent', 0, 2 * front]);
  const c2 = viaCli(2 * front - 1, false);
  assert.deepEqual([c2.cycles[0].outcome, c2.messagesDropped, c2.cycles[1].outcome], ['dropped-too-big', 1, 'sent']);
  const c3 = viaCli(2 * front - 1, true);
  assert.deepEqual([c3.cycles[0].outcome, c3.hung?.reason], ['hung', 'page-overflow']);
});

test('capture: with ..._ICMP_DISABLED defined, ICMP reaches the agent but is not recorded; without it, all four echo packets are one record with ports 0', async (t) => {
  const dir = tempDir(t);
  const cap = writeScenario(dir, 'icmp.pcap', scenario([
    { protocol: 'icmp', peer: '192.168.1.1', start: 0, packets: 4, size: 56 },
    { protocol: 'tcp', peer: '20.49.110.5', port: 8883, start: 0.5, packets: 4, size: 100 },
  ]));
  let icmpSeen = 0;
  readTrace(cap, (p) => void (p.protocol === 1 && icmpSeen++));
  assert.equal(icmpSeen, 4, 'the capture holds two echo requests and two replies');

  const on = simulate(cap, cfg()).devices[0];
  assert.deepEqual([on.agent.flowsRecorded, on.agent.packetsRecorded, on.agent.cycles[0].ipv4Records], [2, 8, 2]);
  const icmp = on.truth.flowsListed.find((f) => f.ipProtocol === 1)!;
  assert.deepEqual([icmp.localPort, icmp.remotePort, icmp.agentPackets, icmp.bytesIn, icmp.bytesOut], [0, 0, 4, 128, 128]);
  const off = simulate(cap, cfg({ icmpDisabled: true })).devices[0];
  assert.deepEqual([off.agent.flowsRecorded, off.agent.packetsRecorded, off.agent.packetsNotSeen['protocol-disabled']], [1, 4, 4]);
  assert.equal(off.truth.flowsListed.find((f) => f.ipProtocol === 1)!.missed['protocol-disabled'], 4);

  const cli = bundledCli(t);
  const run = (conf: string) => cli.json(['simulate', '--capture', cap, '--device-ip', DEVICE_IP, '--agent-config', conf, '--format', 'json'], dir).devices[0].agent;
  const disabled = run(header(dir, 'icmp-off.h', ['#define ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED']));
  assert.deepEqual([disabled.flowsRecorded, disabled.packetsNotSeen['protocol-disabled']], [1, 4]);
  const enabled = run(header(dir, 'icmp-on.h', ['/* #undef ASC_COLLECTOR_NETWORK_ACTIVITY_ICMP_DISABLED */']));
  assert.deepEqual([enabled.flowsRecorded, enabled.packetsNotSeen['protocol-disabled']], [2, undefined]);
});

test('capture: unicast-only capture misses an inbound IPv4 broadcast and IPv6 multicast; with CAPTURE_UNICAST_ONLY off both are recorded', async (t) => {
  const dir = tempDir(t);
  assert.deepEqual(checkScenario({ device: DEVICE, flows: [{ protocol: 'udp', peer: '192.168.1.1', port: 67, broadcast: 'yes' }] }), ['flows[0].broadcast: true or false']);
  const cap = writeScenario(dir, 'broadcast.pcap', scenario([
    // A DHCP-like offer to 255.255.255.255 (Ethernet ff:ff:ff:ff:ff:ff) and a CoAP-like multicast to ff02::1.
    { protocol: 'udp', peer: '192.168.1.1', initiator: 'peer', port: 68, localPort: 67, broadcast: true, oneWay: true, start: 0, packets: 2, size: 300 },
    { protocol: 'udp', peer: 'fd00::1', initiator: 'peer', port: 5683, localPort: 5683, broadcast: true, oneWay: true, start: 0.2, packets: 2, size: 40 },
    { protocol: 'udp', peer: '20.49.110.5', port: 5000, start: 0.5, packets: 2, size: 40 },
  ]));
  const seen: string[] = [];
  readTrace(cap, (p) => void (p.linkBroadcastOrMulticast && seen.push(p.ipVersion === 4 ? `v4 ${p.dst4.toString(16)} ${p.frameBytes[p.frameStart]}` : `v6 ${p.dst6[0].toString(16)}`)));
  assert.deepEqual(seen, ['v4 ffffffff 255', 'v6 ff020000', 'v4 ffffffff 255', 'v6 ff020000'], 'link broadcast / multicast frames in the capture');

  const uni = simulate(cap, cfg()).devices[0];
  assert.deepEqual([uni.agent.flowsRecorded, uni.agent.packetsRecorded, uni.agent.packetsNotSeen['broadcast-or-multicast']], [1, 2, 4]);
  assert.equal(uni.truth.flows, 3, 'the ground truth still has the broadcast flows');
  assert.equal(uni.truth.flowsNeverRecorded, 2);
  const dhcp = uni.truth.flowsListed.find((f) => f.localPort === 68)!;
  assert.deepEqual([dhcp.initiator, dhcp.packetsIn, dhcp.bytesIn, dhcp.missed['broadcast-or-multicast']], ['remote', 2, 2 * 308, 2]);
  const all = simulate(cap, cfg({ captureUnicastOnly: false })).devices[0];
  assert.deepEqual([all.agent.flowsRecorded, all.agent.packetsRecorded, all.agent.packetsNotSeen['broadcast-or-multicast'], all.agent.cycles[0].bytesIn], [3, 6, undefined, 2 * 308 + 3 * 48]);

  const cli = bundledCli(t);
  const run = (conf: string) => cli.json(['simulate', '--capture', cap, '--device-ip', DEVICE_IP, '--agent-config', conf, '--format', 'json'], dir).devices[0].agent;
  const c1 = run(header(dir, 'unicast.h', ['#define ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY']));
  assert.deepEqual([c1.flowsRecorded, c1.packetsNotSeen['broadcast-or-multicast']], [1, 4]);
  const c2 = run(header(dir, 'everything.h', ['/* #undef ASC_COLLECTOR_NETWORK_ACTIVITY_CAPTURE_UNICAST_ONLY */']));
  assert.deepEqual([c2.flowsRecorded, c2.packetsNotSeen['broadcast-or-multicast']], [3, undefined]);
});
