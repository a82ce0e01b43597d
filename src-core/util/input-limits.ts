// The size limits of the files the tools read, per kind: the defaults, where a run's limits come from (CLI flag,
// .microagent/config.json, editor setting) and how a refusal tells the user to raise one.
import { formatByteSize, parseByteSize } from './byte-size';

/** The kinds of input with a size limit of their own. */
export type InputFileKind = 'configuration' | 'json' | 'feed' | 'events' | 'connLog' | 'capture' | 'message';

export const INPUT_FILE_KINDS: readonly InputFileKind[] = ['configuration', 'json', 'feed', 'events', 'connLog', 'capture', 'message'];

/** What each kind is, in messages ("over the 16 MiB limit for an agent configuration file"). */
export const INPUT_KIND_TITLES: Readonly<Record<InputFileKind, string>> = {
  configuration: 'an agent configuration file (asc_config.h, *.dist, nx_user.h)',
  json: 'a baseline, profile, hub settings or other JSON file',
  feed: 'a threat-intelligence feed',
  events: 'an event script',
  connLog: 'a Zeek conn.log',
  capture: 'a capture (pcap, pcapng)',
  message: 'a security message (microagent decode)',
};

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * Why these defaults: real files are far below them (an asc_config.h is a few KiB, a 1 M-line netset about
 * 16 MiB, the feed readers stop at 128 M characters anyway); the whole-text kinds are held in memory, so their
 * limits keep a hostile file from taking the editor's server down. Captures and conn.logs are streamed in
 * constant memory: their limits only bound the time a run can take.
 */
export const DEFAULT_MAX_FILE_SIZE: Readonly<Record<InputFileKind, number>> = {
  configuration: 16 * MiB,
  json: 64 * MiB,
  feed: 128 * MiB,
  events: 256 * MiB,
  connLog: 8 * GiB,
  capture: 32 * GiB,
  // The agent's messages are a few KiB (its builder stops at 512-byte vectors; the hub at 256 KiB).
  message: 16 * MiB,
};

export interface InputLimits {
  /** Largest file accepted per kind, in bytes. */
  readonly maxFileSize: Readonly<Record<InputFileKind, number>>;
  /** How a user raises a limit where these limits came from (CLI flag, editor setting), for refusals. */
  readonly howToRaise: (kind: InputFileKind) => string;
}

export const CLI_RAISE_HINT = (kind: InputFileKind): string =>
  `raise it with --max-file-size ${kind}=SIZE or "maxFileSize": { "${kind}": "SIZE" } in .microagent/config.json`;

export const defaultInputLimits: InputLimits = { maxFileSize: DEFAULT_MAX_FILE_SIZE, howToRaise: CLI_RAISE_HINT };

/** Limits with some kinds changed (later sources win, kind by kind; undefined leaves a kind as it was). */
export function withMaxFileSizes(base: InputLimits, ...overrides: (Partial<Record<InputFileKind, number>> | undefined)[]): InputLimits {
  const maxFileSize = { ...base.maxFileSize };
  for (const o of overrides) for (const k of INPUT_FILE_KINDS) if (o?.[k] !== undefined) maxFileSize[k] = o[k]!;
  return { ...base, maxFileSize };
}

// The CLI runs one command per process: it sets the limits once from its flags and config file, and the
// streaming readers deep in the simulator take them from here rather than through every layer between.
// The server never changes them; it passes its own limits explicitly.
let processLimits: InputLimits = defaultInputLimits;

export function setProcessInputLimits(limits: InputLimits): void {
  processLimits = limits;
}

export function processInputLimits(): InputLimits {
  return processLimits;
}

/** Reads a `maxFileSize` object ({ "capture": "64GB", "json": 100000000 }) from a setting or config file:
 *  the sizes it gives, and a message per entry that is not a known kind with a size. */
export function parseMaxFileSizes(value: unknown): { sizes: Partial<Record<InputFileKind, number>>; problems: { key?: string; message: string }[] } {
  const sizes: Partial<Record<InputFileKind, number>> = {};
  const problems: { key?: string; message: string }[] = [];
  if (value === undefined || value === null) return { sizes, problems };
  if (typeof value !== 'object' || Array.isArray(value)) return { sizes, problems: [{ message: `"maxFileSize" must be an object of kind to size (kinds: ${INPUT_FILE_KINDS.join(', ')})` }] };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const problem = maxFileSizeEntryProblem(key, v);
    if (problem) problems.push({ key, message: problem });
    else sizes[key as InputFileKind] = parseByteSize(v)!;
  }
  return { sizes, problems };
}

/** What is wrong with one `kind: size` entry, or undefined. */
export function maxFileSizeEntryProblem(key: string, value: unknown): string | undefined {
  if (!(INPUT_FILE_KINDS as readonly string[]).includes(key)) return `unknown file kind "${key}" (kinds: ${INPUT_FILE_KINDS.join(', ')})`;
  if (parseByteSize(value) === undefined) return `size for ${key} must be a number of bytes or text such as "64MB" or "2GB" (got ${JSON.stringify(value)})`;
  return undefined;
}

/** `--max-file-size KIND=SIZE` values (repeatable) as sizes; throws an Error naming the bad one. */
export function parseMaxFileSizeFlags(values: readonly string[]): Partial<Record<InputFileKind, number>> {
  const sizes: Partial<Record<InputFileKind, number>> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) throw new Error(`--max-file-size takes KIND=SIZE, such as capture=64GB (kinds: ${INPUT_FILE_KINDS.join(', ')}; got '${v}')`);
    const problem = maxFileSizeEntryProblem(v.slice(0, eq).trim(), v.slice(eq + 1));
    if (problem) throw new Error(`--max-file-size: ${problem}`);
    sizes[v.slice(0, eq).trim() as InputFileKind] = parseByteSize(v.slice(eq + 1))!;
  }
  return sizes;
}

/** One line per kind with its limit, for help texts and docs. */
export function limitsTable(limits: InputLimits = defaultInputLimits): string[] {
  return INPUT_FILE_KINDS.map((k) => `${k.padEnd(13)} ${formatByteSize(limits.maxFileSize[k]).padEnd(8)} ${INPUT_KIND_TITLES[k]}`);
}
