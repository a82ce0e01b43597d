// The detections on real third-party data: the captures and feeds in ../shared/data (relative to the
// repository root; see its PROVENANCE.md). That folder exists only on the project's build machine, not on a
// user's clone: every test here says it uses it, and skips with the reason when it is absent.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runSimulation, type SimulationResult } from '../../../src-core/simulator/run-simulation';
import { loadDetectionInputs } from '../../../src-core/simulator/detection-inputs';
import { rtosBaseAgentConfig } from '../../../src-core/config/agent-config';
import { readTrace } from '../../../src-core/traffic/trace-reader';
import { formatIpv4, formatIpv6 } from '../../../src-core/traffic/ip-address';
import { parseAddress } from '../../../src-core/intel/ip';
import { isGlobalUnicast } from '../../../src-core/intel/special-ranges';
import type { Finding } from '../../../src-core/findings/finding';

const DATA = join(__dirname, '..', '..', '..', '..', 'shared', 'data');
const CAPTURES = join(DATA, 'captures');
const FEEDS = join(DATA, 'feeds');

/** False (and the test skipped, saying why) when ../shared/data is not there. */
function haveData(t: TestContext): boolean {
  if (existsSync(CAPTURES) && existsSync(FEEDS)) return true;
  t.skip(`uses ../shared/data, not found at ${DATA} (it exists only on the project's build machine, not on a user's clone)`);
  return false;
}

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

function simulate(capture: string, devices: string[][], feeds: string[] = []): SimulationResult {
  const det = loadDetectionInputs({ feeds: feeds.map((path) => ({ path, format: 'auto' as const })), config: rtosBaseAgentConfig, locator: { locate: () => undefined } }, read);
  assert.deepEqual(det.errors, [], `${feeds.map((f) => basename(f)).join(', ')} load`);
  const r = runSimulation({ capture, config: rtosBaseAgentConfig, devices, seed: 1, detections: det.inputs });
  assert.deepEqual(r.summary.errors, [], `${basename(capture)} reads without errors`);
  return r;
}

const one = (fs: Finding[], pred: (f: Finding) => boolean): Finding => {
  const hit = fs.filter(pred);
  assert.equal(hit.length, 1, fs.map((f) => f.id).join(', '));
  return hit[0];
};

test('../shared/data: the Zeek plaintext MQTT capture (10.0.1.4 and the public broker 198.41.30.241 on 1883) raises MA430 MQTT', (t) => {
  if (!haveData(t)) return;
  const r = simulate(join(CAPTURES, 'zeek_mqtt_public_broker.pcap'), [['10.0.1.4']]);
  const f = one(r.findings, (x) => x.code === 'MA430');
  assert.equal(f.id, 'MA430:10.0.1.4:MQTT');
  assert.equal(f.agentVisible, true, 'from what the agent sent');
  assert.equal(f.evidence.remote, '198.41.30.241');
  assert.ok(f.evidence.flows!.length >= 1);
  for (const x of f.evidence.flows!) assert.deepEqual([x.protocol, x.remote, x.remotePort, x.direction], ['TCP', '198.41.30.241', 1883, 'outbound']);
  assert.ok(f.evidence.bytesIn! > 0 && f.evidence.bytesOut! > 0, 'CONNECT, PUBLISH... both ways');
  assert.match(f.message, /^10\.0\.1\.4 uses MQTT in clear text with 198\.41\.30\.241/);
  assert.ok(!r.findings.some((x) => x.code === 'MA431'), 'the device called out; it answered nobody');
});

test('../shared/data: the Suricata Telnet session raises MA430 Telnet for the server (192.168.0.1) and for the client, although both are private', (t) => {
  if (!haveData(t)) return;
  const capture = join(CAPTURES, 'suricata_telnet_session.pcap');
  const server = one(simulate(capture, [['192.168.0.1']]).findings, (x) => x.code === 'MA430');
  assert.equal(server.id, 'MA430:192.168.0.1:Telnet');
  assert.match(server.message, /^192\.168\.0\.1 serves Telnet in clear text with 192\.168\.0\.2/);
  assert.deepEqual(server.evidence.flows!.map((x) => [x.localPort, x.direction]), [[23, 'inbound']]);
  assert.equal(server.agentVisible, true);
  const client = one(simulate(capture, [['192.168.0.2']]).findings, (x) => x.code === 'MA430');
  assert.match(client.message, /^192\.168\.0\.2 uses Telnet in clear text with 192\.168\.0\.1/);
});

/** Every unicast address a capture holds (each will be a device, so every peer is some device's remote). */
function hosts(capture: string): string[] {
  const seen = new Set<string>();
  readTrace(capture, (p) => {
    if (p.ipVersion === 4) {
      for (const a of [p.src4, p.dst4]) if (a >>> 28 !== 14 && a >>> 0 !== 0xffffffff && a !== 0) seen.add(formatIpv4(a >>> 0));
    } else if (p.ipVersion === 6) {
      for (const w of [p.src6, p.dst6]) if (w[0] >>> 24 !== 0xff && (w[0] | w[1] | w[2] | w[3]) !== 0) seen.add(formatIpv6(Array.from(w)));
    }
  });
  return [...seen].sort();
}

test('../shared/data: every shared feed against every shared capture raises no MA400 for a private, loopback, link-local or multicast peer', (t) => {
  if (!haveData(t)) return;
  const feeds = readdirSync(FEEDS).filter((f) => !f.startsWith('.')).map((f) => join(FEEDS, f)).sort();
  const captures = readdirSync(CAPTURES).filter((f) => /\.pcap(ng)?$/.test(f)).map((f) => join(CAPTURES, f)).sort();
  assert.ok(feeds.length >= 6 && captures.length >= 5, `${feeds.length} feeds, ${captures.length} captures`);
  let runs = 0;
  let peers = 0;
  for (const capture of captures) {
    const devices = hosts(capture);
    assert.ok(devices.length >= 1, basename(capture));
    for (const feedSet of [...feeds.map((f) => [f]), feeds]) {
      const r = simulate(capture, devices.map((d) => [d]), feedSet);
      runs++;
      peers += r.devices.reduce((n, d) => n + d.truth.flows, 0);
      for (const f of r.findings.filter((x) => x.code === 'MA400')) {
        const remotes = [...(f.evidence.flows ?? []).map((x) => x.remote), ...String(f.evidence.remote).split(' and ').slice(0, 1)];
        for (const remote of remotes) {
          const a = parseAddress(remote)!;
          const cidr = a.version === 4 ? { version: 4 as const, network: a.value as number, prefix: 32, hostBitsSet: false } : { version: 6 as const, network: a.value as bigint, prefix: 128, hostBitsSet: false };
          assert.ok(isGlobalUnicast(cidr), `${basename(capture)} with ${feedSet.map((x) => basename(x)).join(', ')}: ${f.id} names ${remote}, which is not global unicast`);
        }
      }
      // Nor any other finding that rests on a feed.
      for (const f of r.findings.filter((x) => x.evidence.indicator && x.code !== 'MA401')) assert.equal(f.code, 'MA400', f.id);
    }
  }
  assert.equal(runs, captures.length * (feeds.length + 1));
  assert.ok(peers > 0);
});
