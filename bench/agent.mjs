// Agent bench: the capture reader alone and the reader plus the agent model (runSimulation, as
// `microagent simulate` runs it), each as packets/s and as a ratio against libpcap (tcpdump -r) reading
// the same generated 1 M-packet capture in the same run; a string-keyed Map aggregation as a second
// peer; and peak memory for two file sizes (it must not grow with the file).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCapture, measureReader, measureTcpdump, loadTraffic } from './traffic.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const bundle = join(here, 'dist', 'agent.js');
const DEVICE = ['192.168.1.50', 'fd00::50']; // the bench capture's device (generateBench)

/** Bundles src-core/simulator/index.ts for the bench (scripts/build.mjs is the lead's; this keeps it untouched). */
async function bundleAgent() {
  await build({ entryPoints: [join(here, '..', 'src-core', 'simulator', 'index.ts')], outfile: bundle, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning', mainFields: ['module', 'main'] });
  return require(bundle);
}

const cpuSeconds = () => process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;

/** Reader plus agent model through runSimulation; best of `runs` (wall clock), and the first run alone
 *  (cold: what one `microagent simulate` sees, JIT warm-up included). */
export function measureModel(agent, path, runs = 3) {
  let best = Infinity;
  let first = 0;
  let result;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    result = agent.runSimulation({ capture: path, config: { ...agent.rtosBaseAgentConfig }, devices: [DEVICE], seed: 1, maxFlowsListed: 10 });
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    if (i === 0) first = s;
    best = Math.min(best, s);
  }
  const packets = result.summary.packetsRead;
  return { packets, seconds: best, firstSeconds: first, perSecond: packets / best, recorded: result.devices[0].agent.packetsRecorded };
}

/** The peer the brief names: flows aggregated in a Map keyed by a 5-tuple string. */
export function measureStringMap(path, runs = 1) {
  const t = loadTraffic();
  let best = Infinity;
  let flows = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const m = new Map();
    t.readTrace(path, (p) => {
      const k = p.ipVersion === 4 ? `${p.src4}|${p.dst4}|${p.protocol}|${p.srcPort}|${p.dstPort}` : `${p.src6.join(':')}|${p.dst6.join(':')}|${p.protocol}|${p.srcPort}|${p.dstPort}`;
      m.set(k, (m.get(k) ?? 0) + p.transportBytes);
    });
    flows = m.size;
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { seconds: best, flows };
}

/** Peak RSS (MiB) of a fresh process that runs the model over `path`. */
export function measureModelPeakRss(path) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rss', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function rssChild(path) {
  const agent = require(bundle);
  const before = process.resourceUsage().maxRSS / 1024;
  const r = agent.runSimulation({ capture: path, config: { ...agent.rtosBaseAgentConfig }, devices: [DEVICE], seed: 1, maxFlowsListed: 10 });
  process.stdout.write(JSON.stringify({ packets: r.summary.packetsRead, baselineMiB: before, peakMiB: process.resourceUsage().maxRSS / 1024 }));
}

export async function main() {
  const packets = Number(process.env.BENCH_PACKETS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'ma-bench-agent-'));
  const line = (s) => console.log(s);
  try {
    const agent = await bundleAgent();
    line(`agent bench: ${packets.toLocaleString('en')} packets, 64 flows (node ${process.version})`);
    const big = makeCapture(dir, packets);
    // Rounds of libpcap, the reader and the model, one run each: on shared cores the three then see the
    // same load, and the best of each is compared (measured one after the other, the ratios moved by 30%).
    const ROUNDS = 5;
    let tcpdump;
    let reader;
    let model;
    let modelCpu = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const t = measureTcpdump(big.path, 1);
      tcpdump = t === undefined ? undefined : Math.min(tcpdump ?? Infinity, t);
      const rd = measureReader(big.path, 1);
      if (!reader || rd.seconds < reader.seconds) reader = rd;
      const cpu0 = cpuSeconds();
      const m = measureModel(agent, big.path, 1);
      modelCpu = Math.min(modelCpu, cpuSeconds() - cpu0);
      model = model ? { ...m, seconds: Math.min(model.seconds, m.seconds), firstSeconds: model.firstSeconds } : m;
    }
    const map = measureStringMap(big.path);
    const mps = (n, s) => `${(n / s / 1e6).toFixed(2)} M packets/s`;
    if (tcpdump === undefined) line('  libpcap (tcpdump -r FILE -w /dev/null): tcpdump not installed, ratios skipped');
    else line(`  libpcap (tcpdump -r FILE -w /dev/null): ${mps(packets, tcpdump)} (the peer: ratios below are speed relative to it)`);
    const ratio = (s) => (tcpdump === undefined ? '' : `; ${(tcpdump / s).toFixed(2)}x libpcap`);
    line(`  reader alone: ${mps(reader.packets, reader.seconds)}${ratio(reader.seconds)}`);
    line(`  reader + agent model (runSimulation, ground truth on): ${mps(model.packets, model.seconds)}${ratio(model.seconds)}; ${(reader.seconds / model.seconds).toFixed(2)}x the reader alone (best of ${ROUNDS} rounds; CPU ${modelCpu.toFixed(2)} s)`);
    line(`  reader + agent model, first run of the process (cold, as one CLI run): ${mps(model.packets, model.firstSeconds)}${ratio(model.firstSeconds)}`);
    line(`  reader + string-keyed Map aggregation (the slow design): ${mps(packets, map.seconds)}${ratio(map.seconds)}; the model is ${(map.seconds / model.seconds).toFixed(2)}x its speed`);
    const slice = makeCapture(dir, Math.max(1000, Math.floor(packets / 10)));
    const small = measureModelPeakRss(slice.path);
    const large = measureModelPeakRss(big.path);
    line(`  peak memory with the model (maxRSS): ${small.peakMiB.toFixed(1)} MiB for ${(slice.bytes / 2 ** 20).toFixed(0)} MiB / ${small.packets.toLocaleString('en')} packets, ${large.peakMiB.toFixed(1)} MiB for ${(big.bytes / 2 ** 20).toFixed(0)} MiB / ${large.packets.toLocaleString('en')} packets (ratio ${(large.peakMiB / small.peakMiB).toFixed(2)}; node alone ${small.baselineMiB.toFixed(1)} MiB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--rss') rssChild(process.argv[3]);
  else await main();
}
