// The agent's schedule over a stretch with no traffic is periodic: with the caches empty and the hub up,
// every lcm(HIGH, LOW) seconds bring the same collections, events and messages. This computes one period,
// so the model can skip long idle gaps (a capture spanning years) in constant time and memory.
import type { AgentConfig } from '../config/agent-config';

export interface IdlePeriod {
  seconds: number;
  /** Collections (cycles) per period. */
  cycles: number;
  /** Events (ids drawn) per period. */
  events: number;
  /** Messages built per period. */
  messages: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The idle period of `cfg`, or undefined when its intervals make it unsafe or pointless to skip. */
export function idlePeriod(cfg: AgentConfig): IdlePeriod | undefined {
  const H = cfg.highPriorityIntervalSeconds;
  const L = cfg.lowPriorityIntervalSeconds;
  const high = cfg.networkActivityEnabled;
  const low = cfg.heartbeatEnabled || cfg.systemInformationEnabled;
  if (!Number.isInteger(H) || !Number.isInteger(L) || H < 1 || L < 1) return undefined;
  const S = high && low ? (H / gcd(H, L)) * L : high ? H : L;
  if (!(high || low) || S > 1_000_000) return undefined;
  // Highs at iH and lows at jL meet once per lcm period (at its start).
  const cycles = high && low ? S / H + S / L - 1 : high ? S / H : S / L;
  const lowEvents = (cfg.heartbeatEnabled ? 1 : 0) + (cfg.systemInformationEnabled ? 1 : 0);
  // An empty network cycle adds an event only with ASC_COLLECTOR_NETWORK_ACTIVITY_SEND_EMPTY_EVENTS.
  const highEvents = high && cfg.sendEmptyEvents ? S / H : 0;
  const events = (low ? (S / L) * lowEvents : 0) + highEvents;
  const messages = high && cfg.sendEmptyEvents ? cycles : low && lowEvents > 0 ? S / L : 0;
  return { seconds: S, cycles, events, messages };
}
