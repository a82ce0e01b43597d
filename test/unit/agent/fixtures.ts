// Small inputs for the simulation tests, written to a temp folder: captures from a generated scenario,
// conn.logs, event scripts and profiles. Every test builds its own; nothing third-party is committed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcapWriter } from '../../../src-core/traffic/pcap-writer';
import { generateScenario } from '../../../src-core/traffic/generator';
import type { Scenario } from '../../../src-core/traffic/scenario';
import { main } from '../../../src-core/cli/main';

export const T0 = 1700000000;

export function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ma-agent-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `text` to dir/name and returns the path. */
export function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** A pcap of a device at `ipv4` talking UDP to `peers` (one flow each, `packets` packets, 1 s apart). */
export function capture(dir: string, name: string, ipv4: string, peers: string[], packets = 6, start = T0): string {
  const s: Scenario = {
    start, device: { ipv4, mac: '02:00:00:00:00:50' },
    flows: peers.map((peer, i) => ({ protocol: 'udp', peer, port: 5000 + i, start: i * 0.1, packets, interval: 1 })),
  };
  const path = join(dir, name);
  const w = new PcapWriter(path);
  generateScenario(s, w);
  w.close();
  return path;
}

/** Runs the CLI in-process; returns exit status, stdout and stderr. */
export async function cli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTty: false, cwd });
  return { status, stdout, stderr };
}
