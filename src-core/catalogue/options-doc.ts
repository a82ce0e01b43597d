// Renders the option catalogue and the MA1xx codes as Markdown for docs/configuration.md (a unit test
// keeps the committed page equal to this output).
import { configCodes } from './codes-config';
import { defaultFor, formatValue, optionCatalogue, type OptionGroup, type OptionInfo } from './options';
import { factsLinks } from '../docs/facts';

const GROUPS: [OptionGroup, string][] = [
  ['identity', 'Identity and state machine'], ['scheduling', 'Collection scheduling'], ['collectors', 'Collectors'],
  ['network', 'Network activity collector'], ['advanced', 'Components, memory, event loop, serializer (advanced)'],
  ['netx', 'NetX Duo and middleware macros'],
];

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function dflt(o: OptionInfo, d: 'core' | 'RTOS_BASE' | 'L4_BASE' | 'RTOS_BASE_UT'): string {
  if (d === 'core' && o.defaults.core === undefined && o.coreWhenEnabled !== undefined) return `${formatValue(o, o.coreWhenEnabled)} when on`;
  const v = defaultFor(o, d);
  if (d !== 'core' && d !== 'RTOS_BASE' && !(d in o.defaults)) return '';
  return formatValue(o, v);
}

function rangeText(o: OptionInfo): string {
  if (!o.range) return '';
  return o.range.max !== undefined ? (o.range.min !== undefined ? `${o.range.min}..${o.range.max}` : `<= ${o.range.max}`) : `>= ${o.range.min}`;
}

function rtos(o: OptionInfo): string {
  if (o.missingSources) return 'no: ON breaks the build';
  if (!o.implemented) return 'no';
  return o.testHook ? 'test hook' : o.derived ? 'derived' : 'yes';
}

export function renderOptionsTable(): string {
  const out: string[] = [];
  for (const [group, title] of GROUPS) {
    out.push(`### ${title}`, '', '| Option | Type | Unit | core | RTOS_BASE | L4_BASE | UT | Range | RTOS | Meaning | Source |', '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const o of optionCatalogue.filter((x) => x.group === group)) {
      const name = `\`${o.name}\`${o.advanced && group !== 'advanced' ? ' (adv.)' : ''}${o.home !== 'asc' ? ` (${o.home === 'cmake' ? 'CMake' : 'nx_user.h'})` : ''}`;
      out.push(`| ${[name, o.type, o.unit ?? '', dflt(o, 'core'), dflt(o, 'RTOS_BASE'), dflt(o, 'L4_BASE'), dflt(o, 'RTOS_BASE_UT'),
        rangeText(o), rtos(o), o.meaning, `${factsLinks(o.source.section)}; ${o.source.files.join(', ')}`].map(cell).join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function renderConfigCodes(): string {
  const out: string[] = [];
  for (const c of configCodes) {
    out.push(`### ${c.code} ${c.title} (${c.defaultSeverity})`, '', c.description, '', '```', c.example, '```', '');
    if (c.source) out.splice(out.length - 4, 0, `Source: agent facts ${factsLinks(c.source)}.`, '');
  }
  return out.join('\n');
}
