// `microagent gen`: writes a pcap or pcapng capture from a scenario file or a built-in scenario, so
// tests, docs and the example workspace use captures the project makes itself.
import { renameSync } from 'node:fs';
import { InputFileError, readInputText } from '../../util/input-file';
import { resolve } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, oneOf, UsageError } from '../args';
import { PcapWriter } from '../../traffic/pcap-writer';
import { generateBench, generateScenario } from '../../traffic/generator';
import { generateBusyDevice } from '../../traffic/busy-device';
import { BUILT_IN_SCENARIOS, checkScenario, iotDeviceScenario, manyFlowsScenario, Scenario } from '../../traffic/scenario';
import type { LinkKind } from '../../traffic/frame-builder';
import { checkOutputTarget, isStreamTarget, removeQuietly, temporaryBeside } from '../output-file';

const LINK_TYPES: Record<LinkKind, number> = { ethernet: 1, raw: 101, sll: 113, sll2: 276, null: 0, loop: 108 };

const help = `Usage: microagent gen [scenario.json] --out FILE [options]

Writes a capture from a scenario: a JSON file (device addresses and a list of flows; see docs/traffic.md)
or a built-in one.

Options:
  -o, --out FILE        the capture to write (required; an existing FILE is refused unless --force)
  --force               replace FILE if it exists
  --scenario NAME       built-in scenario: ${BUILT_IN_SCENARIOS.join(', ')}
  --flows N             many-flows: number of flows (default 80)
  --packets N           bench: number of packets (default 1000000); alone, selects the bench scenario
  --hours N             busy-device: simulated hours (default 24)
  --flows-per-second N  busy-device: new flows a second, on average (default 30)
  --seed N              busy-device: seed of its random choices (default 1)
  --pcapng              write pcapng instead of pcap
  --nanosecond          nanosecond timestamps
  --big-endian          write big-endian headers (default: little-endian)
  --link KIND           ethernet (default), raw, sll, sll2, null, loop
  --start SECONDS       epoch seconds of time 0 (default 1700000000)
`;

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag} must be a whole number, 1 or more (got '${value}')`);
  return n;
}

function positiveNumber(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0 && n <= 1e6)) throw new UsageError(`--${flag} must be a number above 0 (got '${value}')`);
  return n;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, {
    out: { value: true, short: 'o' },
    scenario: { value: true },
    flows: { value: true },
    packets: { value: true },
    hours: { value: true },
    'flows-per-second': { value: true },
    seed: { value: true },
    pcapng: {},
    nanosecond: {},
    'big-endian': {},
    link: { value: true },
    start: { value: true },
    force: {},
  });
  const flag = (n: string): string | undefined => parsed.flags.get(n)?.[0];
  const out = flag('out');
  if (!out) throw new UsageError('--out FILE is required');
  if (parsed.positional.length > 1) throw new UsageError('give at most one scenario file');
  const file = parsed.positional[0];
  const named = flag('scenario') ?? (file ? undefined : flag('packets') ? 'bench' : undefined);
  if (file && named) throw new UsageError('give a scenario file or --scenario, not both');
  if (!file && !named) throw new UsageError(`give a scenario file or --scenario (${BUILT_IN_SCENARIOS.join(', ')})`);
  const link = oneOf(flag('link'), Object.keys(LINK_TYPES) as LinkKind[], 'link', 'ethernet');
  const startText = flag('start');
  const start = startText === undefined ? undefined : Number(startText);
  if (start !== undefined && !(Number.isFinite(start) && start >= 0)) throw new UsageError(`--start must be epoch seconds (got '${startText}')`);

  let scenario: Scenario | undefined;
  if (file) {
    const path = resolve(io.cwd, file);
    let value: unknown;
    try {
      value = JSON.parse(readInputText(path, 'json'));
    } catch (err) {
      io.stderr(`microagent gen: ${path}: ${err instanceof InputFileError ? err.problem : (err as Error).message}\n`);
      return 2;
    }
    const errors = checkScenario(value);
    if (errors.length > 0) {
      io.stderr(errors.map((e) => `microagent gen: ${path}: ${e}\n`).join(''));
      return 2;
    }
    scenario = value as Scenario;
  } else if (named === 'many-flows') {
    scenario = manyFlowsScenario(positiveInt(flag('flows'), 'flows', 80));
  } else if (named === 'iot-device') {
    scenario = iotDeviceScenario();
  } else if (named !== 'bench' && named !== 'busy-device') {
    throw new UsageError(`--scenario must be one of ${BUILT_IN_SCENARIOS.join(', ')} (got '${named}')`);
  }
  const format = parsed.flags.has('pcapng') ? 'pcapng' : 'pcap';
  const outPath = resolve(io.cwd, out);
  checkOutputTarget({ path: outPath, flag: '--out', force: parsed.flags.has('force'), inputs: [file === undefined ? undefined : resolve(io.cwd, file)] });
  const linkKind = scenario?.link ?? link;
  // Written beside the target and renamed into place once whole: a failed run leaves no half capture behind.
  // A pipe or a device is written into as it is.
  const stream = isStreamTarget(outPath);
  const temp = stream ? outPath : temporaryBeside(outPath);
  let writer: PcapWriter;
  try {
    writer = new PcapWriter(temp, { format, linkType: LINK_TYPES[named === 'bench' || named === 'busy-device' ? 'ethernet' : linkKind], nanosecond: parsed.flags.has('nanosecond'), bigEndian: parsed.flags.has('big-endian') });
  } catch (err) {
    io.stderr(`microagent gen: cannot write ${outPath}: ${(err as Error).message}\n`);
    return 2;
  }
  const progress = io.stderrIsTty ? (n: number) => (io.status ?? io.stderr)(`\rgen: ${n} packets`) : undefined;
  let packets: number;
  try {
    try {
      if (scenario) {
        packets = generateScenario({ ...scenario, link: linkKind, start: start ?? scenario.start }, writer, progress);
      } else if (named === 'busy-device') {
        const hours = positiveNumber(flag('hours'), 'hours', 24);
        const seed = flag('seed') === undefined ? 1 : positiveInt(flag('seed'), 'seed', 1);
        packets = generateBusyDevice({ hours, flowsPerSecond: positiveNumber(flag('flows-per-second'), 'flows-per-second', 30), seed, start }, writer, progress);
      } else {
        packets = generateBench(positiveInt(flag('packets'), 'packets', 1_000_000), writer, progress, start);
      }
    } finally {
      writer.close();
    }
    if (!stream) renameSync(temp, outPath);
  } catch (err) {
    if (!stream) removeQuietly(temp);
    throw err;
  }
  if (progress) io.stderr('\n');
  io.stdout(`wrote ${packets} packets (${writer.bytes} bytes, ${format}) to ${outPath}\n`);
  return 0;
}

export const genCommand: CliCommand = { name: 'gen', summary: 'write a pcap/pcapng capture from a scenario', help, run };
