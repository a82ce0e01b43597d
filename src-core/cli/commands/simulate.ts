// `microagent simulate`: runs the agent model over a capture and reports, per device, what the agent
// would record and send (cycles, drops, message sizes) beside what really happened.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, oneOf, UsageError } from '../args';
import { rtosBaseAgentConfig, type AgentConfig } from '../../config/agent-config';
import { readConfig } from '../../config/read-config';
import { resolveAgentConfig } from '../../config/resolve-agent-config';
import { SourceDocument } from '../../language/document';
import { runSimulation, parseDeviceAddresses, type SimulationResult } from '../../agent/simulation';

const help = `Usage: microagent simulate --capture FILE [options]

Runs the Defender for IoT micro agent's model over a pcap or pcapng capture: what its network collector
records each cycle, what it drops (cache full, unseen traffic), the messages it builds and sends, and the
ground truth beside it. Same inputs and seed give the same output.

Options:
  --capture FILE                 the capture to replay (required)
  --device-ip ADDR[,ADDR...]     a device's addresses; repeat for more devices. Absent: the address in
                                 the most flows is taken as the one device (and reported)
  --agent-config FILE            asc_config.h or a *.dist file (RTOS_BASE defaults when absent)
  --nx-user FILE                 the project's nx_user.h (NX_DISABLE_IPV6, NX_DISABLE_ASSERT)
  --seed N                       seed of the agent's random first-collection offset and event ids (default 1)
  --force-first-collection N     like ASC_FIRST_FORCE_COLLECTION_INTERVAL: first collection N s after the
                                 first frame (negative: at once), no random offset
  --format text|json             output format (default text)
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
  return { config: resolveAgentConfig(effective, nxUser).agent, source: file };
}

function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number (got '${value}')`);
  return n;
}

function text(result: SimulationResult, source: string): string {
  const s = result.summary;
  const lines = [`capture ${s.capture}: ${s.packetsRead} packets (${s.format}), seed ${s.seed}, configuration: ${source}`];
  if (s.readError) lines.push(`  read stopped: ${s.readError}`);
  if (s.guessedDeviceIp) lines.push(`  device address guessed: ${s.guessedDeviceIp} (in the most flows; set --device-ip to choose)`);
  for (const d of result.devices) {
    const a = d.agent;
    lines.push('', `device ${d.addresses.join(', ')}`);
    lines.push(`  agent: ${a.flowsRecorded} flow records in ${a.cycles.length} cycles, ${a.messagesSent} messages sent (largest ${a.maxMessageBytes} B of ${a.maxMessageSize} B sized)`);
    lines.push(`  packets recorded ${a.packetsRecorded}, dropped with the cache full ${a.packetsDropped}`);
    const notSeen = Object.entries(a.packetsNotSeen).filter(([k]) => k !== 'pool-full');
    if (notSeen.length) lines.push(`  packets the agent did not see: ${notSeen.map(([k, v]) => `${k} ${v}`).join(', ')}`);
    if (a.messagesDropped) lines.push(`  messages dropped as too big: ${a.messagesDropped}`);
    if (a.messagesLostUnsent) lines.push(`  messages lost unsent (no hub connected): ${a.messagesLostUnsent}`);
    if (a.hung) lines.push(`  AGENT HUNG at ${a.hung.time}: ${a.hung.reason} with asserts on; nothing sent after that`);
    if (a.silentFrom !== null) lines.push(`  AGENT SILENT from ${a.silentFrom}: builder stack exhausted; every later message fails`);
    lines.push(`  truth: ${d.truth.flows} flows, ${d.truth.packets} packets, ${d.truth.bytes} bytes; ${d.truth.flowsNeverRecorded} flows never recorded, ${d.truth.flowsPartlyMissed} partly`);
    lines.push('  cycle time   flows  bytes in  bytes out  drops  message  outcome');
    for (const c of a.cycles) {
      if (c.events.length === 0 && c.drops === 0) continue;
      lines.push(`  ${String(c.time).padEnd(11)} ${String(c.flows).padStart(5)} ${String(c.bytesIn).padStart(9)} ${String(c.bytesOut).padStart(10)} ${String(c.drops).padStart(6)} ${String(c.messageBytes).padStart(8)}  ${c.outcome}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    capture: { value: true },
    'device-ip': { value: true, repeat: true },
    'agent-config': { value: true },
    'nx-user': { value: true },
    seed: { value: true },
    'force-first-collection': { value: true },
    format: { value: true },
  });
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  if (parsed.positional.length) throw new UsageError(`unexpected argument '${parsed.positional[0]}'`);
  const capture = flag('capture');
  if (!capture) throw new UsageError('--capture FILE is required');
  const format = oneOf(flag('format'), ['text', 'json'] as const, 'format', 'text');
  const seed = intFlag(flag('seed'), 'seed') ?? 1;
  const { config, source } = loadConfig(io, flag('agent-config'), flag('nx-user'));
  const force = intFlag(flag('force-first-collection'), 'force-first-collection');
  if (force !== undefined) config.firstForceCollectionIntervalSeconds = force;
  const devices = (parsed.flags.get('device-ip') ?? []).map((v) => v.split(',').map((x) => x.trim()).filter(Boolean));
  for (const d of devices) {
    try {
      parseDeviceAddresses(d);
    } catch (err) {
      throw new UsageError(`--device-ip: ${(err as Error).message}`);
    }
  }
  const showProgress = io.stderrIsTty;
  const result = runSimulation({
    capture: resolve(io.cwd, capture), config, devices, seed,
    onProgress: showProgress ? (n) => io.stderr(`\rsimulating: ${n} packets`) : undefined,
  });
  if (showProgress) io.stderr('\r\x1b[K');
  if (result.summary.readError) io.stderr(`microagent simulate: ${result.summary.readError}\n`);
  if (format === 'json') io.stdout(`${JSON.stringify({ ...result, summary: { ...result.summary, configuration: source } }, null, 2)}\n`);
  else io.stdout(text(result, source));
  if (result.summary.packetsRead === 0 && result.summary.readError) return 2;
  return 0;
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  summary: 'run the agent model over a capture: records, drops, messages, ground truth',
  help,
  run,
};
