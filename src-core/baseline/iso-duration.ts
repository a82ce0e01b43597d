// ISO-8601 durations (`PT15M`, `P1D`, `PT1H30M`) as seconds. Months and years use 30 and 365 days: only
// comparisons with the agent's interval need them.
import { ISO_DURATION_PATTERN } from './schemas/rule-definitions';

const re = new RegExp(ISO_DURATION_PATTERN);
const part = /(\d+(?:\.\d+)?)([YMWDHS])/g;

/** A baseline repeats a few window sizes thousands of times: remember the answers (bounded). */
const known = new Map<string, number | undefined>();

export function parseIsoDuration(text: string): number | undefined {
  if (known.has(text)) return known.get(text);
  const seconds = parse(text);
  if (known.size >= 1000) known.clear();
  known.set(text, seconds);
  return seconds;
}

function parse(text: string): number | undefined {
  if (!re.test(text)) return undefined;
  const t = text.indexOf('T');
  let seconds = 0;
  for (const [segment, timePart] of [[t < 0 ? text.slice(1) : text.slice(1, t), false], [t < 0 ? '' : text.slice(t + 1), true]] as const) {
    for (const m of segment.matchAll(part)) {
      const v = Number(m[1]);
      const unit = m[2];
      seconds += v * (timePart
        ? unit === 'H' ? 3600 : unit === 'M' ? 60 : 1
        : unit === 'Y' ? 365 * 86400 : unit === 'M' ? 30 * 86400 : unit === 'W' ? 7 * 86400 : 86400);
    }
  }
  return seconds;
}
