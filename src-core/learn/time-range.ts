// The part of the input `microagent learn` reads: --from and --to, each either seconds from the input's
// first record (`300`, `90.5`) or an ISO-8601 date and time (`2024-05-01T08:00:00Z`; without a zone, UTC).

import { epochProblem, secondsProblem } from '../agent/time-limits';

export type TimeBound = { kind: 'offset'; seconds: number; text: string } | { kind: 'absolute'; epoch: number; text: string };

/** Parses one bound; a string that is neither gives an error message. */
export function parseTimeBound(text: string): TimeBound | { error: string } {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    // A bound past the agent's uint32 clock (136 years) is a typo, and would stall the time arithmetic.
    const why = secondsProblem(`'${t}'`, Number(t));
    return why ? { error: why } : { kind: 'offset', seconds: Number(t), text: t };
  }
  // ISO-8601: a date, optionally a time (with seconds and a fraction), optionally a zone.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (m) {
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
    const z = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${z}`);
    const back = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    // Date.parse rolls 2024-02-30 over to March: a date that does not exist is an error.
    if (Number.isFinite(ms) && back.getUTCDate() === Number(d) && back.getUTCMonth() === Number(mo) - 1 && Number(h) < 24 && Number(mi) < 60 && Number(s) < 60) {
      const why = epochProblem(`'${t}'`, ms / 1000);
      return why ? { error: why } : { kind: 'absolute', epoch: ms / 1000, text: t };
    }
  }
  return { error: `'${text}' is neither seconds from the first record (like 300) nor an ISO-8601 time (like 2024-05-01T08:00:00Z)` };
}

export interface LearnRange {
  /** Epoch seconds; undefined: from the first record (always set when `end` is). */
  start?: number;
  /** Epoch seconds; undefined: to the last record. */
  end?: number;
}

/** Resolves the bounds against the input's first record (needed only for offsets). */
export function resolveRange(from: TimeBound | undefined, to: TimeBound | undefined, firstRecord: () => number | undefined): LearnRange | { error: string } {
  const at = (b: TimeBound | undefined, name: string): number | undefined | { error: string } => {
    if (!b) return undefined;
    if (b.kind === 'absolute') return b.epoch;
    const first = firstRecord();
    if (first === undefined) return { error: `--${name} ${b.text}: the input has no record to count seconds from` };
    return first + b.seconds;
  };
  const end = at(to, 'to');
  if (typeof end === 'object') return end;
  // The pipeline cuts at an end only from a start: with --to alone, the start is the first record.
  const start = at(from ?? (end !== undefined ? { kind: 'offset', seconds: 0, text: '0' } : undefined), 'from');
  if (typeof start === 'object') return start;
  if (start !== undefined && end !== undefined && end <= start) return { error: `--to (${to!.text}) must come after --from (${from!.text})` };
  return { start, end };
}
