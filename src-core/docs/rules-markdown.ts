// Renders docs/rules.md from the rule-code catalogue, so the page can never drift from what the tools emit.
import { ruleCodes } from '../catalogue/codes';
import { factsLinks } from './facts';

const families: Array<[RegExp, string]> = [
  [/^MA0/, 'MA0xx: the tool\'s own configuration'],
  [/^MA1/, 'MA1xx: agent configuration (asc_config.h, *.dist, nx_user.h)'],
  [/^MA2/, 'MA2xx: baselines (device security groups and custom alert rules)'],
  [/^MA3/, 'MA3xx: simulation profiles and threat-intelligence feeds'],
  [/^MA4/, 'MA4xx: detections and hygiene hints'],
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function renderRulesMarkdown(): string {
  const out: string[] = [
    '# Rule codes',
    '',
    '<!-- Generated from src-core/catalogue by `npm run docs`; edit the catalogue, not this file. -->',
    '',
    'Every diagnostic and finding carries one of these codes. Severities are the defaults; change them per code',
    'with the `microAgent.severityOverrides` setting or `severityOverrides` in `.microagent/config.json`.',
    'The sources cited (`§3.11`) are sections of [agent-facts.md](agent-facts.md), the project\'s account of the',
    'agent facts it relies on, each with its public source.',
    '',
  ];
  for (const [pattern, heading] of families) {
    const codes = ruleCodes.filter((r) => pattern.test(r.code));
    if (codes.length === 0) continue;
    out.push(`## ${heading}`, '');
    for (const r of codes) {
      out.push(`### ${r.code}`, '', `**${cell(r.title)}** (default severity: ${r.defaultSeverity})`, '', r.description, '');
      out.push('Example:', '', '```', r.example, '```', '');
      if (r.source) out.push(`Source: [agent facts](agent-facts.md) ${factsLinks(r.source)}`, '');
    }
  }
  return out.join('\n');
}

/** The compact table the README carries between its `rules:start` and `rules:end` markers. */
export function renderRulesTable(): string {
  const rows = ['| code | default | rule | example |', '|---|---|---|---|'];
  for (const r of ruleCodes) {
    rows.push(`| [${r.code}](docs/rules.md#${r.code.toLowerCase()}) | ${r.defaultSeverity} | ${cell(r.title)} | \`${cell(r.example).replace(/`/g, "'")}\` |`);
  }
  return rows.join('\n');
}
