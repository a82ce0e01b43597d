// The SARIF 2.1.0 report for CI code scanning: rules from the catalogue, results with regions and fixes.
import { pathToFileURL } from 'node:url';
import { ruleCodes } from '../catalogue/codes';
import type { RuleCode } from '../catalogue/rule-code';
import type { Range, Severity } from '../language/types';
import { displayPath, sortItems, type Report } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF regions are 1-based and their end column is exclusive, like LSP's end character. */
function region(r: Range | undefined) {
  if (!r) return undefined;
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function artifact(file: string, cwd: string) {
  const shown = displayPath(file, cwd);
  // Relative paths resolve against SRCROOT so the log stays valid when the checkout moves (as on CI runners).
  if (shown.startsWith('/')) return { uri: pathToFileURL(file).href };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function rule(r: RuleCode) {
  return {
    id: r.code,
    name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description.replace(/`/g, '') },
    defaultConfiguration: { level: level[r.defaultSeverity] },
    help: { text: `${r.description.replace(/`/g, '')}${r.example ? ` Example: ${r.example}` : ''}`, markdown: `${r.description}${r.example ? `\n\nExample: \`${r.example}\`` : ''}` },
    properties: r.source ? { source: r.source } : undefined,
  };
}

export function formatSarif(report: Report): string {
  const items = sortItems(report.items);
  const rules: RuleCode[] = [...ruleCodes];
  const index = new Map(rules.map((r, i) => [r.code, i]));
  // Codes a newer service emits before the catalogue lists them still get a rule, so every ruleIndex is valid.
  for (const i of items) {
    if (!index.has(i.code)) {
      index.set(i.code, rules.length);
      rules.push({ code: i.code, title: i.code, defaultSeverity: i.severity, description: `Rule ${i.code}.`, example: '' });
    }
  }
  const results = items.map((i) => ({
    ruleId: i.code,
    ruleIndex: index.get(i.code)!,
    level: level[i.severity],
    message: { text: i.message },
    locations: i.file ? [{ physicalLocation: { artifactLocation: artifact(i.file, report.cwd), region: region(i.range) } }] : [],
    relatedLocations: i.related?.length
      ? i.related.map((r, n) => ({ id: n, message: { text: r.message }, physicalLocation: { artifactLocation: artifact(r.file, report.cwd), region: region(r.range) } }))
      : undefined,
    fixes:
      i.fixes?.length && i.file
        ? i.fixes.map((f) => ({
            description: { text: f.title },
            artifactChanges: [{ artifactLocation: artifact(i.file!, report.cwd), replacements: f.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
          }))
        : undefined,
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.toolName, version: report.toolVersion, semanticVersion: report.toolVersion, rules: rules.map(rule) } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(report.cwd.endsWith('/') ? report.cwd : report.cwd + '/').href } },
        invocations: [
          {
            executionSuccessful: report.notices.length === 0,
            toolExecutionNotifications: report.notices.map((n) => ({ level: 'error', message: { text: n.message }, locations: [{ physicalLocation: { artifactLocation: artifact(n.file, report.cwd) } }] })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
