// The largest times the agent can hold, and the checks that keep every time a simulation is given within them.
// The agent keeps its clock and its intervals as uint32 seconds (docs/agent-facts.md §1.5, §3.2, §3.8); the
// simulation's float64 seconds stay exact far beyond that (to 2^53), so the agent's own types are the limit.
// A time past them is refused with a message naming it: at 10^18 s adding an interval no longer changes a
// float64 time, and the scheduler's loop would never end.
import { optionInfo } from '../catalogue/options';
import { MAX_AGENT_SECONDS } from '../catalogue/options-agent';
import type { AgentConfig } from '../config/agent-config';

export { MAX_AGENT_SECONDS };

/** The agent's clock, uint32 seconds since 1970 (`Event.time`), ends here: 2106-02-07T06:28:15Z. */
export const MAX_AGENT_EPOCH_SECONDS = MAX_AGENT_SECONDS;

/** The configuration's time options, by the option that sets each. */
const TIME_OPTIONS: readonly (readonly [keyof AgentConfig, string])[] = [
  ['pendingTimeSeconds', 'ASC_SECURITY_MODULE_PENDING_TIME'],
  ['retryTimeSeconds', 'ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME'],
  ['firstCollectionIntervalSeconds', 'ASC_FIRST_COLLECTION_INTERVAL'],
  ['firstForceCollectionIntervalSeconds', 'ASC_FIRST_FORCE_COLLECTION_INTERVAL'],
  ['highPriorityIntervalSeconds', 'ASC_HIGH_PRIORITY_INTERVAL'],
  ['mediumPriorityIntervalSeconds', 'ASC_MEDIUM_PRIORITY_INTERVAL'],
  ['lowPriorityIntervalSeconds', 'ASC_LOW_PRIORITY_INTERVAL'],
];

export interface TimeProblem {
  option: string;
  value: number;
  message: string;
}

/** The configuration's times the agent could not hold (above the option's maximum, or not a finite number). */
export function agentTimeProblems(config: AgentConfig): TimeProblem[] {
  const out: TimeProblem[] = [];
  for (const [field, option] of TIME_OPTIONS) {
    const value = config[field];
    if (value === undefined || typeof value !== 'number') continue;
    const max = optionInfo(option)?.range?.max ?? MAX_AGENT_SECONDS;
    if (Number.isFinite(value) && Math.abs(value) <= max) continue;
    const why = optionInfo(option)?.range?.maxWhy;
    out.push({ option, value, message: `${option} is ${value} s, over the most the agent can hold, ${max.toLocaleString('en-US')} s${why ? ` (${why})` : ''}` });
  }
  return out;
}

/** Why a count of seconds given to a simulation (an option, a duration, a window) is refused, or undefined. */
export function secondsProblem(what: string, seconds: number, max = MAX_AGENT_SECONDS): string | undefined {
  if (!Number.isFinite(seconds)) return `${what} must be a finite number of seconds (got ${seconds})`;
  if (Math.abs(seconds) > max) {
    return `${what} is ${seconds} s, over the ${max.toLocaleString('en-US')} s the agent's clock can count (uint32 seconds, about 136 years)`;
  }
  return undefined;
}

/** Why a point in time (epoch seconds) given to a simulation is refused: the agent's clock cannot show it. */
export function epochProblem(what: string, epochSeconds: number): string | undefined {
  if (!Number.isFinite(epochSeconds)) return `${what} is not a time`;
  if (epochSeconds < 0 || epochSeconds > MAX_AGENT_EPOCH_SECONDS) {
    return `${what} is outside what the agent's clock can show (uint32 seconds since 1970: 1970-01-01 to 2106-02-07T06:28:15Z)`;
  }
  return undefined;
}
