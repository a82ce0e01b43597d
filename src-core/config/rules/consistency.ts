// Values that contradict each other: MA106 (every protocol filtered), MA107 (pending time < retry period),
// MA115 (intervals that are not multiples of each other).
import type { RuleContext } from './context';
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
  const pending = numberOf(ctx.resolved.written, 'ASC_SECURITY_MODULE_PENDING_TIME');
  const retry = numberOf(ctx.resolved.written, 'ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME');
  if (pending === undefined || retry === undefined || pending <= 0 || retry <= 0 || pending >= retry) return;
  const s = ctx.own('ASC_SECURITY_MODULE_PENDING_TIME');
  const at = s ? ctx.anchor('ASC_SECURITY_MODULE_PENDING_TIME', 'value') : ctx.anchor('ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME', 'value');
  ctx.report('MA107', at,
    `The pending time (${pending} s) is shorter than the retry period (${retry} s): without a hub the agent suspends, and stops collecting, at its first poll.`,
    { fixes: s ? [ctx.replaceValue(s, String(retry), `Set the pending time to ${retry}`)].filter((f) => f !== undefined) : undefined });
}

export function intervalMultiples(ctx: RuleContext): void {
  const pairs: [string, string][] = [['ASC_HIGH_PRIORITY_INTERVAL', 'ASC_MEDIUM_PRIORITY_INTERVAL'], ['ASC_MEDIUM_PRIORITY_INTERVAL', 'ASC_LOW_PRIORITY_INTERVAL']];
  for (const [baseName, name] of pairs) {
    const base = numberOf(ctx.resolved.written, baseName);
    const v = numberOf(ctx.resolved.written, name);
    if (!base || !v || base < 1 || v < 1 || !Number.isInteger(base) || !Number.isInteger(v) || v % base === 0) continue;
    const s = ctx.own(name) ?? ctx.own(baseName);
    if (!s) continue;
    const target = Math.max(1, Math.round(v / base)) * base;
    const fix = s.name === name ? ctx.replaceValue(s, String(target), `Set to ${target}`) : undefined;
    ctx.report('MA115', s.valueRange ?? s.nameRange,
      `${name} (${v} s) is not a multiple of ${baseName} (${base} s): collectors of different priorities fall in different cycles, so the device wakes and sends more often.`,
      { fixes: fix ? [fix] : undefined });
  }
}
