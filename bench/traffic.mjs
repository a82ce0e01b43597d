// Traffic bench: the capture reader's packets/s against libpcap (tcpdump -r) on the same 1 M-packet file,
// per packet against tshark on a 100,000-packet slice, generator speed, and peak memory for two file
// sizes (to show it does not grow). Each measurement is an exported function so others can add theirs.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const bundle = join(here, 'dist', 'traffic.js');

export function loadTraffic() {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run npm run build first`);
  return require(bundle);
}

/** Writes a bench capture of `packets` packets; returns { path, seconds, bytes }. */
export function makeCapture(dir, packets, format = 'pcap') {
  const t = loadTraffic();
  const path = join(dir, `bench-${packets}.${format}`);
  const start = process.hrtime.bigint();
  const w = new t.PcapWriter(path, { format });
  t.generateBench(packets, w);
  w.close();
  return { path, seconds: Number(process.hrtime.bigint() - start) / 1e9, bytes: statSync(path).size };
}

/** The reader alone: decode every packet, sum the bytes the agent would count. Best of `runs`. */
export function measureReader(path, runs = 3) {
  const t = loadTraffic();
  let best = Infinity;
  let packets = 0;
  let sum = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    sum = 0;
    const r = t.readTrace(path, (p) => {
      sum += p.transportBytes;
    });
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.error) throw new Error(r.error.message);
    packets = r.packets;
    best = Math.min(best, s);
  }
  return { packets, seconds: best, perSecond: packets / best, transportBytes: sum };
}

/** Times an external command (best of `runs`); undefined when the tool is missing. */
export function timeCommand(cmd, args, runs = 3) {
  if (spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    best = Math.min(best, s);
  }
  return best;
}

export function measureTcpdump(path, runs = 3) {
  // As root, tcpdump drops to its own user and hands the file it writes to that user: -Z root keeps /dev/null
  // root's. The work measured is the same.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? ['-Z', 'root'] : [];
  return timeCommand('tcpdump', [...asRoot, '-r', path, '-w', '/dev/null'], runs);
}

export function measureTshark(path) {
  return timeCommand('tshark', ['-r', path], 1);
}

/** Peak resident memory (MiB) of a fresh process that reads `path` with the reader. */
export function measurePeakRss(path) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rss', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function rssChild(path) {
  const t = loadTraffic();
  const before = process.resourceUsage().maxRSS / 1024;
  const r = t.readTrace(path, () => {});
  process.stdout.write(JSON.stringify({ packets: r.packets, baselineMiB: before, peakMiB: process.resourceUsage().maxRSS / 1024 }));
}

export async function main() {
  const packets = Number(process.env.BENCH_PACKETS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'ma-bench-traffic-'));
  const out = [];
  const line = (s) => {
    out.push(s);
    console.log(s);
  };
  try {
    line(`traffic bench: ${packets.toLocaleString('en')} packets (node ${process.version})`);
    const big = makeCapture(dir, packets);
    line(`  generator (microagent gen --packets): ${(packets / big.seconds / 1e6).toFixed(2)} M packets/s, ${(big.bytes / big.seconds / 2 ** 20).toFixed(0)} MiB/s written (${(big.bytes / 2 ** 20).toFixed(0)} MiB)`);
    const reader = measureReader(big.path);
    line(`  reader alone: ${(reader.perSecond / 1e6).toFixed(2)} M packets/s (${reader.seconds.toFixed(3)} s, ${(big.bytes / reader.seconds / 2 ** 20).toFixed(0)} MiB/s)`);
    const tcpdump = measureTcpdump(big.path);
    if (tcpdump === undefined) line('  libpcap (tcpdump -r FILE -w /dev/null): tcpdump not installed, ratio skipped');
    else line(`  libpcap (tcpdump -r FILE -w /dev/null): ${(packets / tcpdump / 1e6).toFixed(2)} M packets/s; reader/libpcap speed ratio ${(tcpdump / reader.seconds).toFixed(2)}x`);
    const slice = makeCapture(dir, 100_000);
    const sliceReader = measureReader(slice.path);
    const tshark = measureTshark(slice.path);
    if (tshark === undefined) line('  tshark -r (100,000-packet slice): tshark not installed, ratio skipped');
    else line(`  tshark -r (100,000-packet slice): ${(tshark / 100_000 * 1e6).toFixed(2)} us/packet vs reader ${(sliceReader.seconds / 100_000 * 1e6).toFixed(3)} us/packet; reader is ${(tshark / sliceReader.seconds).toFixed(0)}x faster`);
    const small = measurePeakRss(slice.path);
    const large = measurePeakRss(big.path);
    line(`  peak memory (maxRSS): ${small.peakMiB.toFixed(1)} MiB for ${(slice.bytes / 2 ** 20).toFixed(0)} MiB / ${small.packets.toLocaleString('en')} packets, ${large.peakMiB.toFixed(1)} MiB for ${(big.bytes / 2 ** 20).toFixed(0)} MiB / ${large.packets.toLocaleString('en')} packets (ratio ${(large.peakMiB / small.peakMiB).toFixed(2)}; node alone ${small.baselineMiB.toFixed(1)} MiB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--rss') rssChild(process.argv[3]);
  else await main();
}
