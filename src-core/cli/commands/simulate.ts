// `microagent simulate`: runs the agent model over a profile's devices, a capture, a conn.log or an event
// script, then the simulated cloud over what each agent sent; reports the findings and, per device, what the
// agent recorded, sent and missed, as text, JSON, SARIF or a self-contained HTML page.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, oneOf, UsageError } from '../args';
import { loadAgentConfig } from '../../simulator/agent-config-loader';
import { loadDetectionInputs } from '../../simulator/detection-inputs';
import { runSimulation, parseDeviceAddresses, type DeviceSpec, type SimulationResult } from '../../simulator/run-simulation';
import { loadProfile } from '../../agent/profile-loader';
import { simulationText } from '../../simulator/report-text';
import { findingsSarif } from '../../findings/findings-sarif';
import { simulationHtml } from '../../findings/html-report';
import { parseFailOn, failOnTrips, FAIL_ON_HELP } from '../../simulator/fail-on';
import type { FeedSpec } from '../../intel/indicator-loader';
import type { Profile } from '../../baseline/profile-model';
import { toolVersion } from '../version';
import { feedCacheDir } from '../cache-dir';
import { mustExist, readOrUsage } from '../named-inputs';
import { readInputText } from '../../util/input-file';
import { applyInputLimits, MAX_FILE_SIZE_FLAG, maxFileSizeHelp } from '../input-limits-flag';
import { cappedLines, MAX_LISTED_LINES } from '../capped-lines';
import { simulationTimeProblems } from '../simulation-times';
import { escapeControls } from '../../findings/text-safety';
import { MessageFiles, prepareMessageDir } from '../message-files';
import { checkOutputTarget, writeOutputFile } from '../output-file';
import { simulateInputs } from '../simulate-inputs';
import { positionalInput } from '../positional-input';
import { diskFiles } from '../../check/disk-files';
import { limitHeapGrowth } from '../heap-policy';

const help = `Usage: microagent simulate (PROFILE | FOLDER | CAPTURE | --profile FILE | --capture FILE | --conn-log FILE | --events FILE) [options]

Runs the Defender for IoT micro agent's model over a device's traffic (what its network collector records
each cycle, what it drops, the messages it builds and sends, the state machine), then what the retired cloud
did with those messages: threat-intelligence matching, the custom alerts of the device's security group, the
hub recommendations, and this project's hygiene hints. Each finding says whether the agent, as configured,
reported the data it rests on; what only the ground truth shows is listed too. Same inputs and seed, same
output.

Inputs:
  PROFILE, FOLDER or CAPTURE     given without a flag: a .json file is a profile (--profile), a folder the
                                 profile in it (microagent.json or its one *.microagent.json), anything
                                 else traffic (--capture)
  --profile FILE                 a simulation profile (microagent.json): devices, captures, addresses, the
                                 agent configuration, baseline, feeds, hub settings. Flags below override it
  --capture FILE                 traffic for every device without its own: pcap, pcapng, or (told by
                                 content) a Zeek conn.log or an NDJSON event script
  --conn-log FILE                a Zeek conn.log (TSV or JSON): flows spread into synthetic packets,
                                 marked approximate in the output
  --events FILE                  an NDJSON event script: hub connected/disconnected, sends failing/recovered,
                                 hand-written packets, hub-side events (messages, twin updates, direct
                                 methods, queue purges...)
  --device-ip ADDR[,ADDR...]     a device's addresses; repeat for more devices (replaces the profile's).
                                 Absent: the address in the most flows is the one device (and reported)
  --agent-config FILE            asc_config.h or a *.dist file (RTOS_BASE defaults when absent)
  --nx-user FILE                 the project's nx_user.h (NX_DISABLE_IPV6, NX_DISABLE_ASSERT)
  --baseline FILE                the security groups and their custom alert rules (replaces the profile's)
  --feed FILE                    a threat-intelligence feed (list, CSV, STIX 2.1, MISP; repeat; added to
                                 the profile's)
  --hub FILE                     the IoT hub's settings: a Microsoft.Devices/IotHubs resource or an ARM
                                 template holding it (replaces the profile's "hub")
  --no-feed-cache                read every feed again instead of the cache of the last load of the same,
                                 unchanged feeds (in $MICROAGENT_CACHE_DIR, else ~/.cache/micro-agent-studio)
  --seed N                       seed of the agent's random first-collection offset and event ids (default 1)
  --force-first-collection N     like ASC_FIRST_FORCE_COLLECTION_INTERVAL: first collection N s after the
                                 first frame (negative: at once), no random offset
${maxFileSizeHelp(33)}  --until T                      end each device's run at T: seconds after its agent started (its first
                                 packet or script event), or an ISO-8601 time; later packets are not read.
                                 Without it a run goes one low-priority interval (60 s) past its last input.
                                 Times past the agent's uint32 clock (4294967295 s; 2106-02-07) are refused,
                                 here and in the configuration and the profile, before anything runs (exit 2)

Output:
  --format text|json|sarif|html  report format (default text: the findings first, then per device)
  -o, --output FILE              write the report to FILE instead of standard output (an existing FILE
                                 is refused unless --force; an input of the run, always: the files the
                                 flags and the profile name, and the learned profile beside a baseline)
  --fail-on LIST                 exit 1 when the run trips LIST: ${FAIL_ON_HELP}
  --progress                     write progress as JSON lines on standard error ({"progress": {...}}), for
                                 tools that run this command
  --messages DIR                 write each message an agent built, sent or not, to DIR as the model encoded
                                 it, one file per cycle: <device>-<time>-<fate>.bin (time in UTC, ISO 8601
                                 basic format; fate sent, held, lost-unsent, dropped-too-big,
                                 builder-stack-failure or hung). A message the builder could not finish is
                                 written as it would have been without the builder's limits. \`microagent
                                 decode FILE\` reads each. DIR is created if missing; one that is not empty is
                                 refused unless --force (files of the same name are then replaced)
  --force                        with -o: replace FILE if it exists; with --messages: write into a
                                 folder that is not empty
  --records                      with --format json: list each cycle's records (protocol, addresses,
                                 ports, bytes and packets each way, as the agent recorded them)

Exit status: 0 done (and --fail-on not tripped); 1 --fail-on tripped; 2 bad usage, a profile with errors,
an input that cannot be read (a missing file, a device or FIFO, a file over its size limit, a baseline, hub
settings file or profile past a content limit: MA005, "limits" in .microagent/config.json), no device to
simulate (none given, and no unicast traffic to guess one from), or an agent configuration with errors (the report is still written: the run may not be what the device does; \`microagent
check FILE\` shows them), or a --messages file that cannot be written (the report is still written).

Paths a profile names outside its workspace (the nearest folder above it holding .microagent/ or .git, else
its own folder) are read, with a warning (MA307): the editor does not read them.
`;

function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number (got '${value}')`);
  return n;
}

/** --until: a number is seconds after each device's agent started; anything else must be an ISO-8601 time. */
function untilFlag(value: string | undefined): { time: number } | { seconds: number } | undefined {
  if (value === undefined) return undefined;
  if (/^\s*[+]?\d+(\.\d+)?\s*$/.test(value)) return { seconds: Number(value) };
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--until must be seconds after the start (a number) or an ISO-8601 time such as 2024-01-01T00:10:00Z (got '${value}')`);
  return { time: ms / 1000 };
}

/** The profile's `simulation.sendsFailing` windows as send events (numbers count from each agent's start). */
function sendEventsOf(profile: Profile): { time: number; failing: boolean; afterStart?: boolean }[] {
  const at = (v: number | string) => (typeof v === 'number' ? { time: v, afterStart: true } : { time: Date.parse(v) / 1000 });
  return (profile.simulation.sendsFailing ?? []).flatMap((w) => [
    { ...at(w.from), failing: true },
    ...(w.to === undefined ? [] : [{ ...at(w.to), failing: false }]),
  ]);
}

async function run(args: string[], io: CliIo): Promise<number> {
  limitHeapGrowth();
  const parsed = parseArgs(args, {
    profile: { value: true },
    capture: { value: true },
    'conn-log': { value: true },
    events: { value: true },
    'device-ip': { value: true, repeat: true },
    'agent-config': { value: true },
    'nx-user': { value: true },
    baseline: { value: true },
    feed: { value: true, repeat: true },
    hub: { value: true },
    seed: { value: true },
    'force-first-collection': { value: true },
    until: { value: true },
    format: { value: true },
    output: { value: true, short: 'o' },
    'fail-on': { value: true },
    progress: {},
    'no-feed-cache': {},
    ...MAX_FILE_SIZE_FLAG,
    messages: { value: true },
    force: {},
    records: {},
  });
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(io.cwd, f));
  if (parsed.positional.length > 1) throw new UsageError(`unexpected argument '${parsed.positional[1]}' (give one profile, folder or capture)`);
  if (parsed.positional.length === 1) {
    const given = positionalInput(parsed.positional[0], io.cwd);
    if (parsed.flags.has(given.flag)) throw new UsageError(`'${parsed.positional[0]}' stands for --${given.flag}, which is given too: give one`);
    parsed.flags.set(given.flag, [given.path]);
  }
  const format = oneOf(flag('format'), ['text', 'json', 'sarif', 'html'] as const, 'format', 'text');
  const failOn = parseFailOn(flag('fail-on'));
  if (parsed.flags.has('records') && format !== 'json') throw new UsageError('--records lists each cycle\'s records in the JSON report: add --format json');
  if (parsed.flags.has('force') && !parsed.flags.has('messages') && !parsed.flags.has('output')) throw new UsageError('--force only applies to -o FILE and --messages DIR');
  const output = abs(flag('output'));
  const messagesDir = abs(flag('messages'));
  // Checked before the run: a refused folder costs the user no simulation.
  if (messagesDir) prepareMessageDir(messagesDir, parsed.flags.has('force'));
  const messageFiles = messagesDir ? new MessageFiles(messagesDir, parsed.flags.has('force')) : undefined;

  let profile: Profile | undefined;
  let profileText: string | undefined;
  const profileFile = abs(flag('profile'));
  // Before any file is read: the limits come from the flags and the config file nearest the profile (or here).
  const limits = applyInputLimits(parsed, profileFile ? dirname(profileFile) : io.cwd).content;
  if (profileFile) {
    const loaded = loadProfile(profileFile, diskFiles, limits);
    io.stderr(cappedLines(loaded.warnings.map((w) => `warning: ${w}`), (n) => `warning: and ${n} more warnings in ${profileFile} (microagent check shows them)`));
    if (loaded.errors.length || !loaded.profile) {
      io.stderr(cappedLines(loaded.errors, (n) => `and ${n} more errors in ${profileFile} (microagent check shows them)`));
      io.stderr(`microagent simulate: the profile has ${loaded.errors.length} error(s); nothing simulated\n`);
      return 2;
    }
    profile = loaded.profile;
    profileText = readOrUsage(profileFile, 'json');
  }
  // Refused before the run, like --messages above: an existing report is the user's, and no input of the run
  // (those the profile names too) is ever written over.
  if (output) {
    const inputs = simulateInputs({
      profile: profileFile, capture: abs(flag('capture')), connLog: abs(flag('conn-log')), events: abs(flag('events')),
      agentConfig: abs(flag('agent-config')), nxUser: abs(flag('nx-user')), baseline: abs(flag('baseline')), hub: abs(flag('hub')),
      feeds: (parsed.flags.get('feed') ?? []).map((f) => resolve(io.cwd, f)),
    }, profile);
    checkOutputTarget({ path: output, flag: '-o', force: parsed.flags.has('force'), inputs });
  }
  const capture = abs(flag('capture'));
  const connLog = abs(flag('conn-log'));
  const events = abs(flag('events'));
  if (capture && connLog) throw new UsageError('give --capture or --conn-log, not both (a conn.log given as --capture is recognised by its content)');
  if (capture) mustExist(capture, 'capture');
  if (connLog) mustExist(connLog, 'conn.log', 'connLog');
  if (events) mustExist(events, 'event script', 'events');
  const baseline = abs(flag('baseline')) ?? profile?.baseline;
  if (flag('baseline')) mustExist(baseline!, 'baseline', 'json');
  const hubFile = abs(flag('hub'));
  if (hubFile) mustExist(hubFile, 'hub settings', 'json');
  const extraFeeds: FeedSpec[] = (parsed.flags.get('feed') ?? []).map((f) => ({ path: resolve(io.cwd, f), format: 'auto' }));
  for (const f of extraFeeds) mustExist(f.path, 'feed', 'feed');

  const seed = intFlag(flag('seed'), 'seed') ?? profile?.simulation.seed ?? 1;
  const configFile = abs(flag('agent-config')) ?? profile?.agentConfig;
  const nxUserFile = abs(flag('nx-user')) ?? (flag('agent-config') ? undefined : profile?.nxUser);
  if (nxUserFile && !configFile) throw new UsageError('--nx-user needs --agent-config');
  if (configFile) mustExist(configFile, 'agent configuration', 'configuration');
  if (nxUserFile) mustExist(nxUserFile, 'nx_user.h', 'configuration');
  const agentConfig = loadAgentConfig(configFile, nxUserFile, (p) => readOrUsage(p, 'configuration'), limits);
  io.stderr(cappedLines(agentConfig.problems, (n) => `and ${n} more problems in ${configFile} (microagent check ${configFile} shows them)`));
  const config = agentConfig.config;
  const force = intFlag(flag('force-first-collection'), 'force-first-collection');
  if (force !== undefined) config.firstForceCollectionIntervalSeconds = force;
  // The profile's durationSeconds ends the run as --until in seconds does (exactly there, from each device's
  // agent start, which is the profile's startTime when it has one); --until wins over it.
  const profileDuration = profile?.simulation.durationSeconds;
  const until = untilFlag(flag('until')) ?? (profileDuration !== undefined ? { seconds: profileDuration } : undefined);
  // Times the agent's uint32 clock cannot hold would stall the simulated one: refused by name (time-limits.ts).
  const timeRefusals = simulationTimeProblems({ config, configFile, locator: agentConfig.locator, forceFlag: force !== undefined,
    until, untilFromFlag: flag('until') !== undefined, profile, profileFile });
  if (timeRefusals.length) {
    for (const t of timeRefusals) io.stderr(`microagent simulate: ${t}; not simulated\n`);
    return 2;
  }

  let devices: (string[] | DeviceSpec)[] = (parsed.flags.get('device-ip') ?? []).map((v) => v.split(',').map((x) => x.trim()).filter(Boolean));
  for (const d of devices as string[][]) {
    try {
      parseDeviceAddresses(d);
    } catch (err) {
      throw new UsageError(`--device-ip: ${(err as Error).message}`);
    }
  }
  if (devices.length === 0 && profile) {
    devices = profile.devices.map((d) => ({ id: d.id, securityGroup: d.securityGroup, addresses: d.addresses, capture: d.capture }));
    for (const d of devices as DeviceSpec[]) {
      if (!d.capture && !capture && !connLog && !events) {
        io.stderr(`${profile.path}: device "${d.id}" has no capture, and no --capture, --conn-log or --events was given\n`);
        return 2;
      }
    }
  }
  const hasOwnTraffic = devices.some((d) => !Array.isArray(d) && d.capture);
  if (!capture && !connLog && !events && !hasOwnTraffic) throw new UsageError('nothing to replay: give --profile, --capture, --conn-log or --events');

  // readInputText throws refusals (a device, a file over its limit) for loadDetectionInputs to report by name.
  const detections = loadDetectionInputs({
    profile: profile && profileText !== undefined ? { model: profile, text: profileText } : undefined,
    baseline,
    feeds: [...(profile?.feeds ?? []), ...extraFeeds],
    hubFile,
    config,
    locator: agentConfig.locator,
    ...(parsed.flags.has('no-feed-cache') ? {} : { feedCache: { dir: feedCacheDir(), version: toolVersion() } }),
    limits,
  }, readInputText);
  if (detections.errors.length) {
    for (const e of detections.errors) io.stderr(`microagent simulate: ${e}\n`);
    return 2;
  }

  // --progress: one JSON line per step on stderr, for the editor that runs this command and shows a progress bar.
  const progressJson = parsed.flags.has('progress');
  const showProgress = io.stderrIsTty && !progressJson;
  const say = (o: Record<string, unknown>) => progressJson && io.stderr(`${JSON.stringify({ progress: o })}\n`);
  say({ phase: 'replay', bytes: [capture, connLog, events, ...devices.map((d) => (Array.isArray(d) ? undefined : d.capture))].reduce((n, f) => n + (f && existsSync(f) ? statSync(f).size : 0), 0) });
  const result = runSimulation({
    capture, connLog, events, config, devices, seed,
    hubConnected: profile?.simulation.hubConnected,
    sendEvents: profile ? sendEventsOf(profile) : undefined,
    until,
    startTime: profile?.simulation.startTime ? Date.parse(profile.simulation.startTime) / 1000 : undefined,
    durationSeconds: profile?.simulation.durationSeconds,
    detections: detections.inputs,
    onProgress: showProgress ? (n) => (io.status ?? io.stderr)(`\rsimulating: ${n} packets`) : progressJson ? (n) => say({ packets: n }) : undefined,
    progressEvery: progressJson ? 50_000 : undefined,
    keepRecords: parsed.flags.has('records'),
    observe: messageFiles ? (d) => messageFiles.observerFor(d.id) : undefined,
  });
  say({ phase: 'report', packets: result.summary.packetsRead, findings: result.findings.length });
  result.detectionNotes.unshift(...detections.notes);
  if (showProgress) (io.status ?? io.stderr)('\r\x1b[K');
  for (const e of result.summary.errors) io.stderr(`microagent simulate: ${e}\n`);
  if (messageFiles) reportMessageFiles(messageFiles, result, io);

  const report = render(format, result, agentConfig.source, profileFile, io.cwd, agentConfig);
  if (output) writeOutputFile(output, report);
  else io.stdout(report);

  // An input that could not be opened or recognised stops the run's credibility: exit 2. A capture cut
  // short keeps what was read before the fault (exit 0), unless nothing was read at all.
  const unreadable = result.summary.inputs.some((i) => i.kind === 'unknown');
  if (unreadable || (result.summary.packetsRead === 0 && result.summary.errors.length) || messageFiles?.error) return 2;
  // No device at all (none given, none guessed): the report is empty by construction, and a CI gate must not
  // read it as a clean run.
  if (result.devices.length === 0) {
    io.stderr('microagent simulate: no device was simulated (none given, and no unicast traffic to guess one from): give --device-ip ADDR or a profile\'s devices (exit 2)\n');
    return 2;
  }
  // A configuration read with errors (an unclosed #if, a value that does not parse): the report stands, but the
  // run may not be what the device does, so it cannot pass a CI job.
  if (agentConfig.errorCount > 0) {
    io.stderr(`microagent simulate: the agent configuration ${configFile} has ${agentConfig.errorCount} error${agentConfig.errorCount === 1 ? '' : 's'}: the run may not be what the device does (exit 2)\n`);
    return 2;
  }
  const tripped = failOnTrips(failOn, result);
  if (tripped.length) {
    io.stderr(`microagent simulate: --fail-on ${flag('fail-on')}: ${tripped.join('; ')}\n`);
    return 1;
  }
  return 0;
}

/** What --messages wrote, and what it could not or does not write (the idle stretches run in one step). */
function reportMessageFiles(files: MessageFiles, result: SimulationResult, io: CliIo): void {
  io.stderr(`microagent simulate: ${files.summary()}\n`);
  if (files.error) io.stderr(`microagent simulate: ${files.error}; no more messages were written after it\n`);
  const idle = result.devices.reduce((n, d) => n + d.agent.idleSkipped.reduce((m, s) => m + s.messages, 0), 0);
  if (idle) io.stderr(`microagent simulate: ${idle} messages of idle stretches (no traffic, hub up; counted in idleSkipped) are not written\n`);
}

function render(format: 'text' | 'json' | 'sarif' | 'html', result: SimulationResult, configSource: string, profileFile: string | undefined, cwd: string,
  config?: { problems: readonly string[]; errorCount: number }): string {
  if (format === 'json') {
    // The full count of the configuration's problems; the first few as standard error shows them.
    const problems = config?.problems.length ? { configurationProblems: { count: config.problems.length, errors: config.errorCount, first: config.problems.slice(0, MAX_LISTED_LINES) } } : {};
    const out = { ...result, summary: { ...result.summary, configuration: configSource, ...problems, ...(profileFile ? { profile: profileFile } : {}) } };
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  if (format === 'sarif') {
    const deviceTraffic = new Map(result.devices.flatMap((d) => (d.traffic !== undefined ? [[d.id, d.traffic] as const] : [])));
    return findingsSarif({ toolName: 'microagent', toolVersion: toolVersion(), cwd, findings: result.findings, errors: result.summary.errors, notes: result.bounded, deviceTraffic, trafficFallback: result.summary.inputs[0]?.file });
  }
  if (format === 'html') return simulationHtml(result, { configSource, cwd, toolVersion: toolVersion() });
  // Escaped here as well as on standard output: a report written to a file (-o) is shown in a terminal later.
  return escapeControls(simulationText(result, configSource, { cwd }));
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'run the agent and its cloud over a profile, capture, conn.log or event script: findings, records, messages',
  help,
  run,
};
