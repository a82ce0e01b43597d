// A small, strict argument parser: known flags only, so a typo is a usage error (exit 2), not ignored, and
// the error names the option that was probably meant.
import { editDistance } from '../util/edit-distance';

export interface FlagSpec {
  /** Takes a value (`--format json` or `--format=json`). */
  value?: boolean;
  /** May be given more than once (values collected in order). */
  repeat?: boolean;
  /** One-letter alias, without the dash. */
  short?: string;
}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positional: string[];
}

export class UsageError extends Error {}

/** A refusal to do something the options were clear about (write over an existing file): exit 2, no usage hint. */
export class RefusedError extends UsageError {}

export function parseArgs(args: string[], specs: Record<string, FlagSpec>): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  const byShort = new Map(Object.entries(specs).filter(([, s]) => s.short).map(([n, s]) => [s.short!, n]));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    } else if (arg.length === 2 && arg[0] === '-' && arg[1] !== '-') {
      name = byShort.get(arg[1]);
      if (!name) throw new UsageError(`unknown option ${arg}`);
    } else {
      positional.push(arg);
      continue;
    }
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option --${name}${didYouMean(name, Object.keys(specs))}`);
    let value = 'true';
    if (spec.value) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < args.length) value = args[++i];
      else throw new UsageError(`--${name} needs a value`);
    } else if (inline !== undefined) {
      throw new UsageError(`--${name} takes no value`);
    }
    const list = flags.get(name) ?? [];
    if (list.length > 0 && !spec.repeat) throw new UsageError(`--${name} given twice`);
    list.push(value);
    flags.set(name, list);
  }
  return { flags, positional };
}

/** `; did you mean --capture?` for `--captures`: the nearest known option within a third of the name's length
 *  (at least 2 edits), or the only option the name is the start of (`--form` for `--format`). */
export function didYouMean(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k, bestD - 1);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  if (!best && name.length >= 2) {
    const starts = known.filter((k) => k.startsWith(name.toLowerCase()));
    if (starts.length === 1) best = starts[0];
  }
  return best ? `; did you mean --${best}?` : '';
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}
