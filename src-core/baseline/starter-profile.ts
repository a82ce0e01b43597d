// A starter simulation profile for a workspace, from the files it already has: the agent configuration and
// nx_user.h, a baseline, feeds, captures (one device per capture, its address left for the user or the
// simulator's guess), and the hub section to fill in. What it guessed is said in notes.
import { basename, dirname, relative } from 'node:path';

export interface StarterProfile {
  profile: Record<string, unknown>;
  /** What the user should look at before running it. */
  notes: string[];
}

const rel = (root: string, p: string) => relative(root, p).split('\\').join('/');

/** `files` are absolute paths found in the workspace folder `root` (build folders already left out). */
export function starterProfile(root: string, files: readonly string[]): StarterProfile {
  const notes: string[] = [];
  const byDepth = [...files].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  // Several asc_config.h (a vendored NetX Duo tree has its own): the one with an nx_user.h beside it or above it.
  const configs = [...byDepth.filter((f) => basename(f) === 'asc_config.h'), ...byDepth.filter((f) => /\.dist$/.test(f))];
  const nxUsers = byDepth.filter((f) => basename(f) === 'nx_user.h');
  const nxUserFor = (c: string) => nxUsers.filter((n) => c.startsWith(`${dirname(n)}/`)).sort((a, b) => b.length - a.length)[0];
  const config = configs.find((c) => nxUserFor(c)) ?? configs[0];
  const nxUser = config ? nxUserFor(config) ?? nxUsers[0] : nxUsers[0];
  if (configs.length > 1 && config) notes.push(`Several agent configurations found; "agentConfig" names ${rel(root, config)}: change it if another is the firmware's.`);
  const baseline = byDepth.find((f) => /\.baseline\.jsonc?$/.test(f));
  const feeds = byDepth.filter((f) => /\.(netset|ipset)$/.test(f));
  const captures = byDepth.filter((f) => /\.(pcap|pcapng)$/.test(f)).slice(0, 20);
  if (!config) notes.push('No asc_config.h or *.dist found: the simulation uses the RTOS_BASE defaults until "agentConfig" names yours.');
  if (!baseline) notes.push('No *.baseline.json found: no custom alert is evaluated until "baseline" names one (Learn Baseline from Capture proposes one).');
  if (!feeds.length) notes.push('No feed (*.netset, *.ipset) found: add threat-intelligence files under "feeds" (lists, CSV, STIX 2.1, MISP).');
  if (!captures.length) notes.push('No capture (*.pcap, *.pcapng) found: give each device a "capture".');
  notes.push('Fill in each device\'s "addresses" (else the simulator guesses the address in the most flows) and the hub\'s IP filter as ARM writes it.');
  const profile: Record<string, unknown> = {
    ...(config ? { agentConfig: rel(root, config) } : {}),
    ...(nxUser ? { nxUser: rel(root, nxUser) } : {}),
    ...(baseline ? { baseline: rel(root, baseline) } : {}),
    feeds: feeds.map((f) => rel(root, f)),
    hub: { networkRuleSets: { defaultAction: 'Deny', applyToBuiltInEventHubEndpoint: true, ipRules: [] }, diagnostics: true },
    devices: (captures.length ? captures : [undefined]).map((c, i) => ({
      id: c ? basename(c).replace(/\.(pcap|pcapng)$/, '') : `device-${i + 1}`,
      securityGroup: 'default',
      addresses: [],
      ...(c ? { capture: rel(root, c) } : {}),
    })),
    simulation: { seed: 1 },
  };
  return { profile, notes };
}
