// Values that contradict each other: MA106 (every protocol filtered), MA107 (pending time < retry period),
// MA115 (intervals that are not multiples of each other), MA117 (priorities out of order), MA118 (an interval
// written in milliseconds). Intervals show in human units (`10000 s = 2 h 46 min 40 s`).
import type { RuleContext } from './context';
import { optionInfo } from '../../catalogue/options';
import { formatDuration } from '../../findings/time-text';
import { isOn, numberOf } from '../option-values';

const NA = 'ASC_COLLECTOR_NETWORK_ACTIVITY_';

export function protocolsAllOff(ctx: RuleContext): void {
  const v = ctx.resolved.written;
  const names = ['TCP', 'UDP', 'ICMP'].map((p) => `${NA}${p}_DISABLED`);
  if (!isOn(v, `${NA}ENABLED`) || !names.every((n) => isOn(v, n))) return;
  const own = names.map((n) => ctx.own(n)).filter((s) => s !== undefined);
  const at = own.length > 0 ? own[own.length - 1]!.nameRange : ctx.anchor(`${NA}ENABLED`);
  ctx.report('MA106', at,
    'TCP, UDP and ICMP are all disabled while the network activity collector is on: it can never record a flow, yet its pools and emitter page still take RAM. Turn the collector off or enable a protocol.',
    { related: own.slice(0, -1).map((s) => ({ file: s.file, range: s.nameRange, message: `${s.name} is set here` })) });
}

export function pendingVersusRetry(ctx: RuleContext): void {
  const pending = usable(ctx, 'ASC_SECURITY_MODULE_PENDING_TIME');
  const retry = usable(ctx, 'ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME');
  if (pending === undefined || retry === undefined || pending <= 0 || retry <= 0 || pending >= retry) return;
  if (looksLikeMilliseconds(ctx, 'ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME')) return; // MA118 says it
  const s = ctx.own('ASC_SECURITY_MODULE_PENDING_TIME');
  const at = s ? ctx.anchor('ASC_SECURITY_MODULE_PENDING_TIME', 'value') : ctx.anchor('ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', 'value');
  ctx.report('MA107', at,
    `The pending time (${seconds(pending)}) is shorter than the retry period (${seconds(retry)}): without a hub the agent suspends, and stops collecting, at its first poll.`,
    { fixes: s ? [ctx.replaceValue(s, String(retry), `Set the pending time to ${retry}`)].filter((f) => f !== undefined) : undefined });
}

const HIGH = 'ASC_HIGH_PRIORITY_INTERVAL';
const MEDIUM = 'ASC_MEDIUM_PRIORITY_INTERVAL';
const LOW = 'ASC_LOW_PRIORITY_INTERVAL';

/** The option's number when it is within the range the agent can hold; past it MA103 reports it, and comparing
 *  it with the others would only add noise (a 10^18 s interval is not "milliseconds", nor "out of order"). */
function usable(ctx: RuleContext, name: string): number | undefined {
  const v = numberOf(ctx.resolved.written, name);
  const max = optionInfo(name)?.range?.max;
  return v !== undefined && max !== undefined && v > max ? undefined : v;
}

/** An interval in seconds as messages show it: `45 s`, `10000 s = 2 h 46 min 40 s`. */
export function seconds(v: number): string {
  return v >= 60 && Number.isFinite(v) ? `${v} s = ${formatDuration(v)}` : `${v} s`;
}

/** What a seconds option's value does, for the milliseconds message ("network activity is collected every"). */
const WHAT_IT_TIMES: Record<string, string> = {
  [HIGH]: 'network activity would be collected and sent every',
  [MEDIUM]: 'medium-priority collectors (none in the RTOS build) would run every',
  [LOW]: 'heartbeat and system information would be sent every',
  ASC_FIRST_COLLECTION_INTERVAL: 'the first collection would fall at least this long after start:',
  ASC_SECURITY_MODULE_PENDING_TIME: 'without a hub the agent would keep collecting for',
  ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME: 'a failed send would be retried every',
};

/**
 * A seconds option written in milliseconds: a whole number of thousands, at least 100 times the shipped
 * value (10000 for the 10 s high-priority interval). The agent counts whole seconds (docs/agent-facts.md §1.5).
 */
function looksLikeMilliseconds(ctx: RuleContext, name: string): boolean {
  const s = ctx.own(name);
  const v = s && typeof s.value === 'number' ? s.value : undefined;
  const info = optionInfo(name);
  const shipped = info?.defaults.RTOS_BASE;
  return v !== undefined && typeof shipped === 'number' && shipped > 0 && v >= 1000 && v % 1000 === 0 && v >= 100 * shipped &&
    v <= (info?.range?.max ?? Infinity);
}

/** MA118: an interval that looks like milliseconds, with the fix that divides it by 1000. */
export function millisecondIntervals(ctx: RuleContext): void {
  for (const name of Object.keys(WHAT_IT_TIMES)) {
    if (!looksLikeMilliseconds(ctx, name)) continue;
    const s = ctx.own(name)!;
    const v = s.value as number;
    const meant = v / 1000;
    ctx.report('MA118', s.valueRange ?? s.nameRange,
      `${name} is ${seconds(v)}, which looks like milliseconds: the agent counts seconds, so ${WHAT_IT_TIMES[name]} ${formatDuration(v)} instead of ${formatDuration(meant)}. Write ${meant}.`,
      { fixes: [ctx.replaceValue(s, String(meant), `Set to ${meant} (${v} / 1000)`)].filter((f) => f !== undefined) });
  }
}

/** MA117: the priorities the wrong way round (high <= medium <= low is what the names promise). */
export function intervalOrder(ctx: RuleContext): void {
  const v = (n: string) => usable(ctx, n);
  for (const [shorter, longer] of [[HIGH, MEDIUM], [MEDIUM, LOW]] as const) {
    const a = v(shorter);
    const b = v(longer);
    if (a === undefined || b === undefined || a < 1 || b < 1 || a <= b) continue;
    if (looksLikeMilliseconds(ctx, shorter) || looksLikeMilliseconds(ctx, longer)) continue; // MA118 says it
    // On the value the file changed from the shipped one (else the first the file writes).
    const changed = [shorter, longer].find((n) => ctx.own(n) && ctx.own(n)!.value !== optionInfo(n)?.defaults.RTOS_BASE) ?? [shorter, longer].find((n) => ctx.own(n));
    if (!changed) continue;
    const s = ctx.own(changed)!;
    const target = changed === shorter ? b : a;
    const effect = shorter === HIGH && (v(LOW) ?? Infinity) < a
      ? ' Network activity, the high-priority collector, would then be collected less often than heartbeat and system information.'
      : '';
    ctx.report('MA117', s.valueRange ?? s.nameRange,
      `${shorter} (${seconds(a)}) is longer than ${longer} (${seconds(b)}): the priorities are meant as high <= medium <= low.${effect}`,
      { fixes: [ctx.replaceValue(s, String(target), `Set to ${target} (as ${changed === shorter ? longer : shorter})`)].filter((f) => f !== undefined) });
  }
}

/**
 * MA115: the low-priority interval not a multiple of the high-priority one. In the RTOS build the network
 * collector runs every HIGH and heartbeat with system information every LOW (no collector uses MEDIUM), so a
 * LOW that is not a multiple of HIGH puts extra collections, and messages, between the network ones.
 */
export function intervalMultiples(ctx: RuleContext): void {
  const { agent } = ctx.resolved;
  if (!agent.networkActivityEnabled || !(agent.heartbeatEnabled || agent.systemInformationEnabled)) return;
  const base = usable(ctx, HIGH);
  const low = usable(ctx, LOW);
  if (!base || !low || base < 1 || low < 1 || !Number.isInteger(base) || !Number.isInteger(low) || low % base === 0 || low < base) return;
  if (looksLikeMilliseconds(ctx, HIGH) || looksLikeMilliseconds(ctx, LOW)) return;
  const s = ctx.own(LOW) ?? ctx.own(HIGH);
  if (!s) return;
  const perHour = (n: number) => Math.round(3600 / n);
  const now = perHour(base) + perHour(low) - perHour(lcm(base, low));
  const target = Math.max(1, Math.round(low / base)) * base;
  const fix = s.name === LOW ? ctx.replaceValue(s, String(target), `Set to ${target}`) : undefined;
  ctx.report('MA115', s.valueRange ?? s.nameRange,
    `${LOW} (${seconds(low)}) is not a multiple of ${HIGH} (${seconds(base)}): heartbeat and system information fall between the network collections, so the agent wakes and builds a message about ${now} times an hour instead of ${perHour(base)}.` +
    (s.name === LOW ? ` ${target} s would share the network cycles.` : ''),
    { fixes: fix ? [fix] : undefined });
}

function lcm(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return (a / x) * b;
}
