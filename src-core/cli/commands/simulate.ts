// `microagent simulate`: runs the agent model over a profile's devices, a capture, a conn.log or an event
// script, and reports per device what the agent would record and send beside what really happened.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, oneOf, UsageError } from '../args';
import { rtosBaseAgentConfig, type AgentConfig } from '../../config/agent-config';
import { readConfig } from '../../config/read-config';
import { resolveAgentConfig } from '../../config/resolve-agent-config';
import { numberOf } from '../../config/option-values';
import { SourceDocument } from '../../language/document';
import { runSimulation, parseDeviceAddresses, type DeviceSpec } from '../../agent/simulation';
import { loadProfile } from '../../agent/profile-loader';
import { simulationText } from '../../agent/report-text';
import type { Profile } from '../../baseline/profile-model';

const help = `Usage: microagent simulate (--profile FILE | --capture FILE | --conn-log FILE | --events FILE) [options]

Runs the Defender for IoT micro agent's model over a device's traffic: what its network collector
records each cycle, what it drops (cache full, unseen traffic), the messages it builds and sends, the
state machine (hub up and down), and the ground truth beside it. Same inputs and seed, same output.

Options:
  --profile FILE                 a simulation profile (*.microagent.json): devices, their captures and
                                 addresses, the agent configuration, seed. Flags below override it
  --capture FILE                 traffic for every device without its own: pcap, pcapng, or (told by
                                 content) a Zeek conn.log or an NDJSON event script
  --conn-log FILE                a Zeek conn.log (TSV or JSON): flows spread into synthetic packets,
                                 marked approximate in the output
  --events FILE                  an NDJSON event script: hub connected/disconnected, hand-written packets,
                                 cloud events (messages, twin, methods, failed logins) kept per device
  --device-ip ADDR[,ADDR...]     a device's addresses; repeat for more devices (replaces the profile's).
                                 Absent: the address in the most flows is the one device (and reported)
  --agent-config FILE            asc_config.h or a *.dist file (RTOS_BASE defaults when absent)
  --nx-user FILE                 the project's nx_user.h (NX_DISABLE_IPV6, NX_DISABLE_ASSERT)
  --seed N                       seed of the agent's random first-collection offset and event ids (default 1)
  --force-first-collection N     like ASC_FIRST_FORCE_COLLECTION_INTERVAL: first collection N s after the
                                 first frame (negative: at once), no random offset
  --format text|json             output format (default text)

Exit status: 0 done; 2 bad usage, a profile with errors, or an input that cannot be read.
`;

function loadConfig(io: CliIo, file: string | undefined, nxUserFile: string | undefined): { config: AgentConfig; source: string } {
  if (!file) {
    if (nxUserFile) throw new UsageError('--nx-user needs --agent-config');
    return { config: { ...rtosBaseAgentConfig }, source: 'RTOS_BASE defaults' };
  }
  const read = (f: string) => {
    const path = resolve(io.cwd, f);
    try {
      return new SourceDocument(path, readFileSync(path, 'utf8'));
    } catch (err) {
      throw new UsageError(`cannot read ${f}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const nxUser = nxUserFile ? readConfig(read(nxUserFile), { kind: 'nx_user' }) : undefined;
  const effective = readConfig(read(file), { nxUser });
  for (const p of effective.problems) {
    io.stderr(`${file}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}\n`);
  }
  const resolved = resolveAgentConfig(effective, nxUser);
  // A hand-set FLATCC_EMITTER_PAGE_SIZE replaces the derived page (page_allocator.h defines it only when absent).
  const page = resolved.agent.dynamicMemoryEnabled ? undefined : numberOf(resolved.values, 'FLATCC_EMITTER_PAGE_SIZE');
  return { config: { ...resolved.agent, ...(page !== undefined ? { emitterPageSize: page } : {}) }, source: file };
}

function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number (got '${value}')`);
  return n;
}

/** A file named on the command line or in the profile that does not exist: exit 2 before any work. */
function mustExist(path: string, what: string): void {
  if (!existsSync(path)) throw new UsageError(`${what} ${path} not found`);
  if (statSync(path).isDirectory()) throw new UsageError(`${what} ${path} is a folder, not a file`);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    profile: { value: true },
    capture: { value: true },
    'conn-log': { value: true },
    events: { value: true },
    'device-ip': { value: true, repeat: true },
    'agent-config': { value: true },
    'nx-user': { value: true },
    seed: { value: true },
    'force-first-collection': { value: true },
    format: { value: true },
  });
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  const abs = (f: string | undefined) => (f === undefined ? undefined : resolve(io.cwd, f));
  if (parsed.positional.length) throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
  const format = oneOf(flag('format'), ['text', 'json'] as const, 'format', 'text');

  let profile: Profile | undefined;
  const profileFile = abs(flag('profile'));
  if (profileFile) {
    const loaded = loadProfile(profileFile);
    for (const w of loaded.warnings) io.stderr(`warning: ${w}\n`);
    if (loaded.errors.length || !loaded.profile) {
      for (const e of loaded.errors) io.stderr(`${e}\n`);
      io.stderr(`microagent simulate: the profile has ${loaded.errors.length} error(s); nothing simulated\n`);
      return 2;
    }
    profile = loaded.profile;
  }
  const capture = abs(flag('capture'));
  const connLog = abs(flag('conn-log'));
  const events = abs(flag('events'));
  if (capture && connLog) throw new UsageError('give --capture or --conn-log, not both (a conn.log given as --capture is recognised by its content)');
  if (capture) mustExist(capture, 'capture');
  if (connLog) mustExist(connLog, 'conn.log');
  if (events) mustExist(events, 'event script');

  const seed = intFlag(flag('seed'), 'seed') ?? profile?.simulation.seed ?? 1;
  const configFile = flag('agent-config') ?? profile?.agentConfig;
  const nxUserFile = flag('nx-user') ?? (flag('agent-config') ? undefined : profile?.nxUser);
  const { config, source } = loadConfig(io, configFile, nxUserFile);
  const force = intFlag(flag('force-first-collection'), 'force-first-collection');
  if (force !== undefined) config.firstForceCollectionIntervalSeconds = force;

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

  const showProgress = io.stderrIsTty;
  const result = runSimulation({
    capture, connLog, events, config, devices, seed,
    hubConnected: profile?.simulation.hubConnected,
    startTime: profile?.simulation.startTime ? Date.parse(profile.simulation.startTime) / 1000 : undefined,
    durationSeconds: profile?.simulation.durationSeconds,
    onProgress: showProgress ? (n) => io.stderr(`\rsimulating: ${n} packets`) : undefined,
  });
  if (showProgress) io.stderr('\r\x1b[K');
  for (const e of result.summary.errors) io.stderr(`microagent simulate: ${e}\n`);
  if (format === 'json') {
    const out = { ...result, summary: { ...result.summary, configuration: source, ...(profileFile ? { profile: profileFile } : {}) } };
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else io.stdout(simulationText(result, source));
  // An input that could not be opened or recognised stops the run's credibility: exit 2. A capture cut
  // short keeps what was read before the fault (exit 0), unless nothing was read at all.
  const unreadable = result.summary.inputs.some((i) => i.kind === 'unknown');
  if (unreadable || (result.summary.packetsRead === 0 && result.summary.errors.length)) return 2;
  return 0;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'run the agent model over a profile, capture, conn.log or event script: records, drops, messages, state',
  help,
  run,
};
