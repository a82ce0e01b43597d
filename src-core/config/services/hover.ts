// Hover on an option name in any config file: what the catalogue knows, the value in effect here, and
// for cache, page and interval options what the configuration costs.
import { defaultFor, formatValue, optionInfo, type OptionInfo } from '../../catalogue/options';
import { factsText } from '../../docs/facts';
import type { SourceDocument } from '../../language/document';
import type { Hover, Position, Range } from '../../language/types';
import { computeFootprint } from '../footprint';
import type { Distribution, EffectiveConfig } from '../model';
import { numberOf } from '../option-values';
import { udpPageLimits, type UdpPageLimits } from '../udp-limits';
import type { ResolvedAgentConfig } from '../resolve-agent-config';

const DISTS: Distribution[] = ['core', 'RTOS_BASE', 'L4_BASE', 'RTOS_BASE_UT'];
const COSTLY = /(_OBJECTS_IN_CACHE|_PRIORITY_INTERVAL|FLATCC_EMITTER_PAGE_SIZE|ASC_EMITTER_PAGE_CACHE_SIZE|ASC_DYNAMIC_MEMORY_ENABLED|NX_DISABLE_IPV6)$/;

/** The identifier under the cursor and its range. */
export function wordAt(doc: SourceDocument, position: Position): { word: string; range: Range } | undefined {
  const line = doc.lineText(position.line);
  const re = /[A-Za-z_][A-Za-z0-9_]*/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (position.character >= m.index && position.character <= m.index + m[0].length) {
      return { word: m[0], range: { start: { line: position.line, character: m.index }, end: { line: position.line, character: m.index + m[0].length } } };
    }
  }
  return undefined;
}

function support(info: OptionInfo): string {
  if (info.missingSources) return `not implemented; turning it on breaks the build (NetX Duo's copy of the agent lacks ${info.missingSources.map((f) => `\`${f}\``).join(', ')}, which the core's CMakeLists.txt adds for it)`;
  if (!info.implemented) return 'not implemented by the RTOS port (no source files for it)';
  if (info.testHook) return 'implemented; a unit-test hook';
  if (info.derived) return 'implemented; normally derived by the build from other options';
  return 'implemented';
}

function kib(n: number): string {
  return n >= 1024 ? `${n} B (${(n / 1024).toFixed(1)} KiB)` : `${n} B`;
}

/** Whether the word under the cursor is an option the catalogue knows (the only words hover answers). */
export function optionUnder(doc: SourceDocument, position: Position): boolean {
  const w = wordAt(doc, position);
  return w !== undefined && optionInfo(w.word) !== undefined;
}

/** `config`: the file as read, so a value the reader could not resolve is said to be so (not shown as the default). */
export function optionHover(doc: SourceDocument, position: Position, resolved?: ResolvedAgentConfig, config?: EffectiveConfig): Hover | undefined {
  const w = wordAt(doc, position);
  const info = w && optionInfo(w.word);
  if (!w || !info) return undefined;
  const out: string[] = [];
  const unit = info.unit ? `, ${info.unit}` : '';
  out.push(`**${info.name}** (${info.type}${unit}${info.advanced ? ', advanced' : ''})`, '', info.meaning, '');
  out.push('| core | RTOS_BASE | L4_BASE | RTOS_BASE_UT |', '|---|---|---|---|');
  out.push(`| ${DISTS.map((d) => (d === 'core' && info.coreWhenEnabled !== undefined && info.defaults.core === undefined
    ? `${formatValue(info, info.coreWhenEnabled)} when on` : formatValue(info, defaultFor(info, d)))).join(' | ')} |`, '');
  if (info.range) out.push(`Range: ${info.range.max !== undefined ? (info.range.min !== undefined ? `${info.range.min}..${info.range.max}` : `<= ${info.range.max}`) : `>= ${info.range.min}`}  `);
  if (info.fallback !== undefined) out.push(`When not defined the code uses ${formatValue(info, info.fallback)}.  `);
  out.push(`RTOS port: ${support(info)}.  `);
  const own = config?.effective.get(info.name);
  if (own && own.via === 'define' && own.value === undefined && own.valueIssue && !own.functionLike) {
    // The resolved value falls back to the default here, which is not what this file builds with.
    out.push(`In effect here: cannot be resolved: ${own.valueIssue.message}; the build fails where the agent uses it.  `);
  } else if (resolved && info.home === 'asc') {
    const written = resolved.written.get(info.name);
    const final = resolved.values.get(info.name);
    const forced = resolved.forced.find((f) => f.option === info.name);
    out.push(`In effect here: ${formatValue(info, final)}${forced ? ` (written ${formatValue(info, written)}; ${forced.because}, dependency rule ${forced.rule} of ${factsText('§1.3')})` : ''}.  `);
  }
  out.push(`Source: ${factsText(info.source.section)}; in NetX Duo's azure_iot_security_module: ${info.source.files.map((f) => `\`${f}\``).join(', ')}`);
  if (resolved && COSTLY.test(info.name)) out.push('', ...footprintLines(resolved));
  return { contents: out.join('\n'), range: w.range };
}

function footprintLines(r: ResolvedAgentConfig): string[] {
  const a = r.agent;
  if (!a.networkActivityEnabled) return ['Footprint: the network activity collector is off (no flow pools, no flow records).'];
  const handPage = a.dynamicMemoryEnabled ? undefined : numberOf(r.values, 'FLATCC_EMITTER_PAGE_SIZE');
  const f = computeFootprint({
    ipv4: a.maxIpv4ObjectsInCache, ipv6: a.maxIpv6ObjectsInCache, dynamicMemory: a.dynamicMemoryEnabled,
    pageSize: handPage, pageCacheSize: numberOf(r.values, 'ASC_EMITTER_PAGE_CACHE_SIZE'),
    highIntervalSeconds: a.highPriorityIntervalSeconds, lowIntervalSeconds: a.lowPriorityIntervalSeconds,
  });
  const vector = f.vectorOverflow.ipv4 || f.vectorOverflow.ipv6;
  const udp = f.pageOverflow || vector ? undefined : udpPageLimits({ ...a, ...(handPage !== undefined ? { emitterPageSize: handPage } : {}) });
  return [
    `**Footprint of this configuration** (${f.ipv4} IPv4 + ${f.ipv6} IPv6 cache entries; docs/agent-facts.md §3.9, §3.11, §5.1):`,
    `- max message size ${f.maxMessageSize} B; emitter page ${f.pageSize} B${a.dynamicMemoryEnabled ? ' (malloc\'d)' : ` x ${f.pageCacheSize} static`}`,
    `- flow pools ${kib(f.objectRam)} (52 B per IPv4, 200 B per IPv6 entry); static RAM total ${kib(f.totalRam)}`,
    `- largest message of TCP records about ${f.largestMessage} B on the wire; at full cache about ${kib(f.bytesPerHourAtFullCache)} per hour`,
    ...(f.pageOverflow ? [`- a full message does not fit the page's front half (${f.largestMessageFront} > ${f.pageFront} B): every busy cycle overflows`] : []),
    ...(vector ? ['- a full cycle overflows the 512-byte builder stack: the agent goes silent'] : []),
    ...(udp ? [udpLine(udp, !a.assertsDisabled)] : []),
  ];
}

/** The page limit for UDP records, as MA114 says it on the cache lines. */
function udpLine(u: UdpPageLimits, hangs: boolean): string {
  if (u.fits) return `- a full cycle of UDP records with traffic both ways (the largest message) fits: ${u.bytes} B`;
  const limits = u.ipv6 > 0
    ? `beside ${u.ipv6} UDP IPv6 records at most ${u.maxIpv4} UDP IPv4 fit, beside ${u.ipv4} UDP IPv4 at most ${u.maxIpv6} UDP IPv6`
    : `at most ${u.maxIpv4} UDP IPv4 records fit`;
  return `- a busy cycle of UDP records with traffic both ways can overflow the page (${limits}): ${hangs ? 'the agent\'s thread hangs' : 'the message is dropped'}. ` +
    `Ways out: caches of at most ${u.safeCache} entries each${hangs ? ', or NX_DISABLE_ASSERT in nx_user.h (the message is dropped instead)' : ''}`;
}
