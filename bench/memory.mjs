// Memory bench: `microagent simulate` (the CLI as shipped, in a fresh process) over a generated 2 GB capture
// and over a day-long capture of a busy device (millions of flows, hundreds of thousands of remotes and DNS
// names), each with large feeds (1,000,000 IPv4 and 100,000 IPv6 CIDRs, domains) and a baseline (an allowlist
// and a time-window rule), findings on: peak memory (the process's maxRSS) against the 300 MB the state is
// bounded for, throughput, and the ratio to libpcap (tcpdump -r FILE -w /dev/null) reading the same file in
// the same run. The captures are generated (seeded, so the same bytes each time) into a cache folder and
// reused: BENCH_CACHE names it (default ~/.cache/micro-agent-studio/bench); delete it to free the 4 GB.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTraffic, measureTcpdump } from './traffic.mjs';
import { writeFeeds } from './detections.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const cli = join(here, '..', 'dist', 'cli', 'microagent.js');
const LIMIT_BYTES = 300e6;
const DEVICE = '192.168.1.50,fd00::50';

/** A capture in the cache, generated once (written beside and renamed, so a cut-short generation is not reused). */
function cached(dir, name, generate) {
  const path = join(dir, name);
  if (existsSync(path)) return { path, bytes: statSync(path).size, reused: true };
  const t = loadTraffic();
  const temp = `${path}.part`;
  const w = new t.PcapWriter(temp);
  const packets = generate(t, w);
  w.close();
  renameSync(temp, path);
  return { path, bytes: statSync(path).size, packets, reused: false };
}

const baseline = {
  securityGroups: {
    default: {
      // The busy device's hub, broker and NTP servers are allowed; everything else it connects to is not.
      allowlistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: ['20.49.110.0/24', '198.41.30.0/24', '162.159.200.0/24', '20.40.0.0/24', '192.168.1.0/24', 'fd00::/8'] }],
      timeWindowRules: [{ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 200, timeWindowSize: 'PT5M' }],
      thresholdRules: [], denylistRules: [],
    },
  },
};

/** One `microagent simulate` in a fresh process: its exit code, wall time and peak resident memory. */
function simulate(capture, feeds, baselinePath, out) {
  const args = ['simulate', '--capture', capture, '--device-ip', DEVICE, ...feeds.flatMap((f) => ['--feed', f]), '--baseline', baselinePath, '--no-feed-cache', '--format', 'json', '-o', out, '--force'];
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--run', cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`simulate failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The child: the CLI's own main (what `microagent` runs), then its maxRSS. */
async function runChild([cliPath, ...args]) {
  const { main } = require(cliPath);
  const start = process.hrtime.bigint();
  let err = '';
  const code = await main(args, { stdout: () => {}, stderr: (t) => (err += t), stderrIsTty: false, cwd: process.cwd() });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (code !== 0) process.stderr.write(err);
  process.stdout.write(`${JSON.stringify({ code, seconds, peakBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
  process.exitCode = code;
}

function report(line, label, c, run, result, tcpdump) {
  const packets = result.summary.packetsRead;
  const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const rate = `${(packets / run.seconds / 1e6).toFixed(2)} M packets/s, ${(c.bytes / run.seconds / 2 ** 20).toFixed(0)} MiB/s (${run.seconds.toFixed(1)} s)`;
  const peer = tcpdump === undefined ? 'libpcap: tcpdump not installed, ratio skipped' : `libpcap ${(packets / tcpdump / 1e6).toFixed(2)} M packets/s: ${(tcpdump / run.seconds).toFixed(2)}x libpcap's speed`;
  const d = result.devices[0];
  const under = run.peakBytes < LIMIT_BYTES;
  line(`  ${label}: ${(c.bytes / 1e9).toFixed(2)} GB, ${packets.toLocaleString('en')} packets, ${d.truth.flows.toLocaleString('en')} flows${c.reused ? ' (cached capture)' : ''}`);
  line(`    ${rate}; ${peer}`);
  line(`    peak memory ${mib(run.peakBytes)} (${(run.peakBytes / 1e6).toFixed(0)} MB): ${under ? 'under' : 'OVER'} 300 MB`);
  line(`    ${result.findings.length.toLocaleString('en')} findings; ${(result.bounded ?? []).length} notes of state kept bounded${d.truth.flowsFolded ? `; ground truth folded ${d.truth.flowsFolded.toLocaleString('en')} flows` : ''}`);
  return under;
}

export async function main() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const packets = Number(process.env.BENCH_MEMORY_PACKETS ?? 11_000_000);
  const hours = Number(process.env.BENCH_MEMORY_HOURS ?? 24);
  const cacheDir = process.env.BENCH_CACHE ?? join(homedir(), '.cache', 'micro-agent-studio', 'bench');
  mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'ma-bench-memory-'));
  const line = (s) => console.log(s);
  let allUnder = true;
  try {
    line(`memory bench: microagent simulate with feeds and a baseline, findings on, one fresh process per run (node ${process.version}); captures cached in ${cacheDir}`);
    const big = cached(cacheDir, `bench-${packets}.pcap`, (t, w) => t.generateBench(packets, w));
    const day = cached(cacheDir, `busy-device-${hours}h-30fps-seed1.pcap`, (t, w) => t.generateBusyDevice({ hours, flowsPerSecond: 30, seed: 1 }, w));
    const feeds = await writeFeeds(dir, 1_000_000, 100_000);
    const domains = join(dir, 'bench-domains.txt');
    writeFileSync(domains, '# bench feed: domains\nc2.example.info\nads.example.biz\n');
    const baselinePath = join(dir, 'bench.baseline.json');
    writeFileSync(baselinePath, JSON.stringify(baseline));
    line('  feeds: 1,000,000 IPv4 + 100,000 IPv6 CIDRs, 2 domains; baseline: an allowlist and an ActiveConnectionsNotInAllowedRange PT5M rule');
    for (const [label, c] of [['generated capture (bench scenario, 64 flows)', big], [`busy device, ${hours} h (microagent gen --scenario busy-device)`, day]]) {
      const out = join(dir, 'out.json');
      const run = simulate(c.path, [...feeds, domains], baselinePath, out);
      const result = JSON.parse(readFileSync(out, 'utf8'));
      const tcpdump = measureTcpdump(c.path, 1);
      allUnder = report(line, label, c, run, result, tcpdump) && allUnder;
      rmSync(out, { force: true });
    }
    line(`  peak memory ${allUnder ? 'under' : 'OVER'} 300 MB on both (reported, not asserted: the figure depends on the machine's V8 and allocator)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--run') await runChild(process.argv.slice(3));
  else await main();
}
