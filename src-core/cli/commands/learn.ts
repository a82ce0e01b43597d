// `microagent learn`: writes a baseline (project format) for one security group from a device's normal
// traffic, and the learned profile beside it (X.baseline.json -> X.learned.json) that MA402 reads. The
// learning itself is src-core/learn/ (docs/learning.md).
import { displayPath } from '../../findings/report';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { mustExist, readOrUsage } from '../named-inputs';
import { applyInputLimits, MAX_FILE_SIZE_FLAG, maxFileSizeHelp } from '../input-limits-flag';
import { cappedLines } from '../capped-lines';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, UsageError, RefusedError } from '../args';
import { limitHeapGrowth } from '../heap-policy';
import { inputAt, inputRefusal, isStreamTarget } from '../output-file';
import { detectInputKind, type InputKind } from '../../agent/input-kind';
import { parseDeviceAddresses } from '../../agent/device-guess';
import { loadAgentConfig } from '../../simulator/agent-config-loader';
import { parseIsoDuration } from '../../baseline/iso-duration';
import { formatDuration, formatTime } from '../../findings/time-text';
import { AGGREGATE_LIMITS, type Aggregation } from '../../learn/allowlist-ranges';
import { firstRecordTime } from '../../learn/first-record';
import { learnBaseline, type LearnedBaselineResult } from '../../learn/learn-baseline';
import { learnedPathFor } from '../../learn/learned-profile';
import { existingOutputs, writeOutputsAtomically } from '../../learn/output-files';
import { parseTimeBound, resolveRange, type TimeBound } from '../../learn/time-range';
import { secondsProblem } from '../../agent/time-limits';

const MIN_WINDOW_SECONDS = 10;

const help = `Usage: microagent learn (--capture FILE | --conn-log FILE | --events FILE) -o FILE [options]

Learns a security group's normal behaviour from a device's traffic and writes a baseline (project format,
docs/baselines.md) that, simulated back over the same traffic, raises no custom alert:
  - a ConnectionToIpNotAllowed allowlist of every remote address the device connected to (outbound, as the
    cloud reads direction), as host prefixes (/32, /128);
  - an ActiveConnectionsNotInAllowedRange time-window rule whose range is the per-window distinct-flow counts
    with a margin: maxThreshold = ceil(largest count x (1 + margin)), minThreshold = floor(smallest count of
    a whole window x (1 - margin)), 0 when no window lies wholly inside the traffic.
The traffic runs through the same agent model and simulated cloud as \`microagent simulate\`, and is counted
both as the agent reported it and as it happened (the ground truth), so neither view raises an alert.

Beside the baseline it writes the learned profile (X.baseline.json -> X.learned.json): each remote address
with the protocols and service ports seen with it. \`microagent simulate\` loads it from beside the baseline
and raises MA402 when a device reaches a known address on a protocol or port never seen while learning
(the cloud's allowlist knows addresses only). See docs/learning.md.

Input (exactly one):
  --capture FILE                 pcap or pcapng (or, told by content, a Zeek conn.log or an event script)
  --conn-log FILE                a Zeek conn.log (TSV or JSON)
  --events FILE                  an NDJSON event script with packet events
  --device-ip ADDR[,ADDR...]     a device's addresses; repeat for more devices of the group. Absent: the
                                 address in the most flows is the one device (as simulate guesses it)
  --from T, --to T               learn only from this part of the input: seconds from the first record
                                 (300, 90.5) or ISO-8601 times (2024-05-01T08:00:00Z; no zone: UTC).
                                 Packets before --from are skipped, reading stops after --to. At most
                                 4294967295 s, up to 2106-02-07 (the agent's uint32 clock)
  --agent-config FILE            asc_config.h or a *.dist file (RTOS_BASE defaults when absent): use the
                                 device's, as simulate does, so the agent's view is the one learned
  --nx-user FILE                 the project's nx_user.h (with --agent-config)
  --seed N                       seed of the agent's random first-collection offset (default 1, as simulate)
${maxFileSizeHelp(33)}
What is learned:
  --group NAME                   the security group the baseline defines (default: default)
  --window DURATION              the time window, ISO-8601, at least PT10S (default PT5M)
  --margin PCT                   margin around the observed counts, in percent (default 50; 0 = exactly
                                 what was seen)
  --aggregate LEN[,LEN6]         write hosts that share an IPv4 /LEN (8-31) network with another learned
                                 host as that network, and IPv6 hosts sharing a /LEN6 (16-127) likewise
                                 (default: host prefixes only)

Output:
  -o, --output FILE              the baseline to write (name it *.baseline.json: the editor and
                                 \`microagent check\` recognise it); the learned profile goes beside it
  --force                        overwrite existing files (without it, an existing baseline or learned
                                 profile stops the command); an input of the run is never overwritten
Both files are written to temporary files first and renamed into place. What was learned is printed on
standard output.

Exit status: 0 written; 2 bad usage, an input that cannot be read (a missing file, a device or FIFO, a file
over its size limit), an agent configuration with errors (nothing is learned from a configuration that may
not be the device's; \`microagent check FILE\` lists them), nothing to learn from, an output that exists
without --force, an output that is one of the inputs, or an output that is not a regular file (a pipe or
device: learn writes two files).
`;

function parseMargin(text: string | undefined): number {
  if (text === undefined) return 50;
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  const v = m ? Number(m[1]) : NaN;
  if (!(v >= 0 && v <= 1000)) throw new UsageError(`--margin must be a percentage from 0 to 1000 (got '${text}')`);
  return v;
}

function parseWindow(text: string | undefined): { seconds: number; text: string } {
  const t = (text ?? 'PT5M').trim().toUpperCase();
  const seconds = parseIsoDuration(t);
  if (seconds === undefined) throw new UsageError(`--window must be an ISO-8601 duration like PT5M or PT1H (got '${text}')`);
  if (seconds < MIN_WINDOW_SECONDS) throw new UsageError(`--window ${t} is shorter than the agent's ${MIN_WINDOW_SECONDS} s collection interval (MA204): most windows would hold no message`);
  const tooLong = secondsProblem(`--window ${t}`, seconds);
  if (tooLong) throw new UsageError(tooLong);
  return { seconds, text: t };
}

function parseAggregate(text: string | undefined): Aggregation | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{1,3})?(?:,(\d{1,3}))?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new UsageError(`--aggregate takes an IPv4 prefix length and optionally an IPv6 one, like 24 or 24,64 (got '${text}')`);
  const out: Aggregation = {};
  if (m[1] !== undefined) {
    const v = Number(m[1]);
    const [lo, hi] = AGGREGATE_LIMITS.v4;
    if (v < lo || v > hi) throw new UsageError(`--aggregate: the IPv4 prefix length must be ${lo}-${hi} (got ${v})`);
    out.v4 = v;
  }
  if (m[2] !== undefined) {
    const v = Number(m[2]);
    const [lo, hi] = AGGREGATE_LIMITS.v6;
    if (v < lo || v > hi) throw new UsageError(`--aggregate: the IPv6 prefix length must be ${lo}-${hi} (got ${v})`);
    out.v6 = v;
  }
  return out;
}

function bound(text: string | undefined, flag: string): TimeBound | undefined {
  if (text === undefined) return undefined;
  const b = parseTimeBound(text);
  if ('error' in b) throw new UsageError(`--${flag}: ${b.error}`);
  return b;
}

async function run(args: string[], io: CliIo): Promise<number> {
  limitHeapGrowth();
  const parsed = parseArgs(args, {
    capture: { value: true },
    'conn-log': { value: true },
    events: { value: true },
    'device-ip': { value: true, repeat: true },
    from: { value: true },
    to: { value: true },
    group: { value: true },
    'agent-config': { value: true },
    'nx-user': { value: true },
    seed: { value: true },
    margin: { value: true },
    window: { value: true },
    aggregate: { value: true },
    output: { value: true, short: 'o' },
    force: {},
    ...MAX_FILE_SIZE_FLAG,
  });
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(io.cwd, f));
  if (parsed.positional.length) throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);

  const given = (['capture', 'conn-log', 'events'] as const).filter((n) => parsed.flags.has(n));
  if (given.length !== 1) throw new UsageError(given.length ? `give one of --capture, --conn-log, --events (got ${given.map((g) => `--${g}`).join(' and ')})` : 'nothing to learn from: give --capture, --conn-log or --events');
  const file = abs(flag(given[0]))!;
  applyInputLimits(parsed, io.cwd);
  mustExist(file, given[0] === 'capture' ? 'capture' : given[0] === 'conn-log' ? 'conn.log' : 'event script', given[0] === 'conn-log' ? 'connLog' : given[0] === 'events' ? 'events' : undefined);
  let kind: InputKind;
  if (given[0] === 'conn-log') kind = 'conn-log';
  else if (given[0] === 'events') kind = 'event-script';
  else {
    const k = detectInputKind(file);
    if ('error' in k) {
      io.stderr(`microagent learn: ${k.error}\n`);
      return 2;
    }
    kind = k.kind;
  }

  const output = abs(flag('output'));
  if (!output) throw new UsageError('-o FILE is required: the baseline to write');
  const learnedFile = learnedPathFor(output);
  const group = flag('group') ?? 'default';
  if (group.trim() === '') throw new UsageError('--group must not be empty');
  const window = parseWindow(flag('window'));
  const marginPercent = parseMargin(flag('margin'));
  const aggregate = parseAggregate(flag('aggregate'));
  const seedText = flag('seed');
  const seed = seedText === undefined ? 1 : Number(seedText);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number (got '${seedText}')`);

  const devices = (parsed.flags.get('device-ip') ?? []).map((v) => v.split(',').map((x) => x.trim()).filter(Boolean));
  for (const d of devices) {
    try {
      parseDeviceAddresses(d);
    } catch (err) {
      throw new UsageError(`--device-ip: ${(err as Error).message}`);
    }
  }
  const configFile = abs(flag('agent-config'));
  const nxUserFile = abs(flag('nx-user'));
  if (nxUserFile && !configFile) throw new UsageError('--nx-user needs --agent-config');
  if (configFile) mustExist(configFile, 'agent configuration', 'configuration');
  if (nxUserFile) mustExist(nxUserFile, 'nx_user.h', 'configuration');

  // Refuse before the work: an input is never written over, even with --force; an existing output is the
  // user's, not ours to replace unasked.
  const inputs = [{ path: file, what: `the --${given[0]} file` }, { path: configFile, what: 'the --agent-config file' }, { path: nxUserFile, what: 'the --nx-user file' }];
  for (const [target, named] of [[output, '-o'], [learnedFile, 'the learned profile']] as const) {
    const input = inputAt(target, inputs);
    if (input) throw new RefusedError(inputRefusal(named, target, input));
  }
  // learn writes two files by renaming finished ones into place: a pipe or device given as -o would be replaced
  // by a file (as root, even /dev/stdout), and the learned profile would land beside it in /dev.
  if (isStreamTarget(output)) throw new RefusedError(`-o ${output} is not a regular file: learn writes a baseline and, beside it, its learned profile; give a file path`);
  const outputs = [output, learnedFile];
  const existing = existingOutputs(outputs.map((path) => ({ path, text: '' })));
  if (existing.length && !parsed.flags.has('force')) {
    io.stderr(`microagent learn: ${existing.join(' and ')} ${existing.length === 1 ? 'exists' : 'exist'}; not overwritten (give --force to replace ${existing.length === 1 ? 'it' : 'them'})\n`);
    return 2;
  }
  for (const p of existing) if (statSync(p).isDirectory()) throw new UsageError(`${p} is a folder, not a file`);

  const from = bound(flag('from'), 'from');
  const to = bound(flag('to'), 'to');
  const range = resolveRange(from, to, () => firstRecordTime(file, kind));
  if ('error' in range) throw new UsageError(range.error);

  const agentConfig = loadAgentConfig(configFile, nxUserFile, (p) => readOrUsage(p, 'configuration'));
  io.stderr(cappedLines(agentConfig.problems, (n) => `and ${n} more problems in ${configFile} (microagent check ${configFile} shows them)`));
  if (agentConfig.errorCount > 0) {
    io.stderr(`microagent learn: the agent configuration ${configFile} has ${agentConfig.errorCount} error${agentConfig.errorCount === 1 ? '' : 's'}: nothing learned from a configuration that may not be the device's; nothing written\n`);
    return 2;
  }

  const learned = learnBaseline({
    file, kind, devices, config: agentConfig.config, locator: agentConfig.locator, seed, range, group, window, marginPercent, aggregate, baselinePath: output,
  });
  const sim = learned.traffic.simulation;
  for (const e of sim.summary.errors) io.stderr(`microagent learn: ${e}\n`);
  if (sim.summary.inputs.some((i) => i.kind === 'unknown') || (sim.summary.packetsRead === 0 && sim.summary.errors.length)) return 2;
  if (learned.traffic.devices.length === 0) {
    io.stderr(`microagent learn: no device address given and none could be guessed from ${file} (no unicast traffic); give --device-ip\n`);
    return 2;
  }
  if (sim.summary.packetsRead === 0 || learned.traffic.devices.every((d) => !d.span)) {
    io.stderr(`microagent learn: nothing to learn from: no packet in ${file}${range.start !== undefined ? ` between ${formatTime(range.start)} and ${range.end !== undefined ? formatTime(range.end) : 'its end'}` : ''}; nothing written\n`);
    return 2;
  }
  if (learned.diagnostics.length) {
    // Not expected: the learner writes only what the schema and the MA2xx rules accept.
    for (const d of learned.diagnostics) io.stderr(`${output}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code} ${d.message}\n`);
    io.stderr('microagent learn: the learned baseline does not validate cleanly; nothing written\n');
    return 2;
  }

  try {
    writeOutputsAtomically([{ path: output, text: learned.baseline }, { path: learnedFile, text: learned.learnedProfile }]);
  } catch (err) {
    io.stderr(`microagent learn: cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  const shown = (f: string) => displayPath(f, io.cwd);
  io.stdout(summary(learned, { file: shown(file), kind, group, window: window.text, output: shown(output), learnedFile: shown(learnedFile) }));
  return 0;
}

function summary(r: LearnedBaselineResult, o: { file: string; kind: InputKind; group: string; window: string; output: string; learnedFile: string }): string {
  const lines: string[] = [];
  const spans = r.traffic.devices.flatMap((d) => (d.span ? [d.span] : []));
  const sim = r.traffic.simulation.summary;
  const span = spans.length ? `, ${formatTime(Math.min(...spans.map((s) => s.from)))} to ${formatTime(Math.max(...spans.map((s) => s.to)))} (${formatDuration(Math.max(...spans.map((s) => s.to)) - Math.min(...spans.map((s) => s.from)))})` : '';
  lines.push(`learned from ${o.file} (${o.kind}, ${sim.packetsRead} packets${sim.approximate ? ', approximate' : ''})${span}`);
  for (const d of r.traffic.devices) {
    const named = d.id === d.addresses.join(',') ? d.addresses.join(', ') : `${d.id}: ${d.addresses.join(', ')}`;
    lines.push(`  device ${named}${sim.guessedDeviceIp !== undefined && d.addresses.length === 1 && sim.guessedDeviceIp === d.addresses[0] ? ' (guessed)' : ''}`);
  }
  const w = r.thresholds.observed;
  const t = r.thresholds;
  lines.push(`security group ${o.group}:`);
  lines.push(`  windows: ${w.windows} ${o.window} window${w.windows === 1 ? '' : 's'} with traffic or wholly inside it (${w.fullWindows} whole), agent's view and ground truth`);
  lines.push(`  distinct flows per window: at most ${w.max}${w.minFull !== undefined ? `, at least ${w.minFull} in a whole window` : ', no whole window (minimum 0)'}`);
  lines.push(`  ActiveConnectionsNotInAllowedRange ${o.window}: ${t.min}-${t.max} (margin ${t.marginPercent}%)`);
  const shown = r.allowlist.slice(0, 8).join(', ');
  lines.push(`  ConnectionToIpNotAllowed allowlist: ${r.allowlist.length} range${r.allowlist.length === 1 ? '' : 's'} for ${r.outboundHosts} remote address${r.outboundHosts === 1 ? '' : 'es'} connected to${r.allowlist.length ? `: ${shown}${r.allowlist.length > 8 ? ` and ${r.allowlist.length - 8} more` : ''}` : ' (empty: any outbound connection will be reported)'}`);
  const services = [...r.traffic.remotes.values()].reduce((n, x) => n + x.services.size, 0);
  lines.push(`  learned profile: ${r.traffic.remotes.size} remote address${r.traffic.remotes.size === 1 ? '' : 'es'}, ${services} address-service pair${services === 1 ? '' : 's'}`);
  lines.push(`wrote ${o.output}`, `wrote ${o.learnedFile}`, '');
  return lines.join('\n');
}

export const learnCommand: CliCommand = {
  name: 'learn',
  summary: 'learn a baseline (allowlist, active-connection range) and a learned profile from normal traffic',
  help,
  run,
};
