// A simulation's findings as SARIF 2.1.0, for CI code scanning: one rule per MA4xx code from the catalogue,
// one result per finding at its first location (the others as related locations), and the rest of the
// finding (kind, the cloud's severity, device, times, evidence, whether the agent saw it) as properties.
import { pathToFileURL } from 'node:url';
import { ruleCode } from '../catalogue/codes';
import type { Finding, FindingSeverity, SourceLocation } from './finding';
import { displayPath } from './report';
import { SARIF_SCHEMA } from './sarif-report';

const level: Record<FindingSeverity, 'error' | 'warning' | 'note'> = { High: 'error', Medium: 'warning', Low: 'note', Informational: 'note' };

function artifact(file: string, cwd: string) {
  const shown = displayPath(file, cwd);
  return shown.startsWith('/') ? { uri: pathToFileURL(file).href } : { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function location(l: SourceLocation, cwd: string, id?: number) {
  const artifactLocation = artifact(l.file, cwd);
  const r = l.range;
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: { artifactLocation, region: { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 } },
    message: { text: l.label },
  };
}

export interface FindingsSarifRun {
  toolName: string;
  toolVersion: string;
  cwd: string;
  findings: readonly Finding[];
  /** Inputs that could not be read, as tool notifications. */
  errors: readonly string[];
  /** What the run summarised to keep its state bounded (findings not listed, counts estimated), as notes. */
  notes?: readonly string[];
  /**
   * Where a finding with no place of its own points (a device's hints when no profile names the device): its
   * device's traffic file, else `trafficFallback` (the run's first input). GitHub code scanning refuses a
   * whole log when one result has no location (github/codeql-action#2459).
   */
  deviceTraffic?: ReadonlyMap<string, string>;
  trafficFallback?: string;
}

/** The traffic a finding rests on, as its location of last resort: the file, at its start (it may be binary). */
function trafficLocation(f: Finding, run: FindingsSarifRun) {
  const file = (f.device !== undefined ? run.deviceTraffic?.get(f.device) : undefined) ?? run.trafficFallback;
  if (file === undefined) return [];
  const label = f.device !== undefined ? `the traffic of ${f.device} (no profile entry names the device)` : 'the traffic of the run';
  return [{ physicalLocation: { artifactLocation: artifact(file, run.cwd), region: { startLine: 1 } }, message: { text: label } }];
}

export function findingsSarif(run: FindingsSarifRun): string {
  const codes = [...new Set(run.findings.map((f) => f.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  const rules = codes.map((code) => {
    const r = ruleCode(code);
    const text = (r?.description ?? `Rule ${code}.`).replace(/`/g, '');
    return {
      id: code,
      name: (r?.title ?? code).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
      shortDescription: { text: r?.title ?? code },
      fullDescription: { text },
      help: { text, markdown: r?.description ?? text },
      properties: r?.source ? { source: r.source } : {},
    };
  });
  const results = run.findings.map((f) => {
    const [first, ...rest] = f.locations;
    return {
      ruleId: f.code,
      ruleIndex: index.get(f.code)!,
      level: level[f.severity],
      message: { text: `${f.title}: ${f.message}` },
      locations: first ? [location(first, run.cwd)] : trafficLocation(f, run),
      ...(rest.length ? { relatedLocations: rest.map((l, i) => location(l, run.cwd, i + 1)) } : {}),
      partialFingerprints: { 'microAgentFindingId/v1': f.id },
      ...(f.suggestedFix ? { fixes: [{ description: { text: f.suggestedFix.title }, artifactChanges: [{ artifactLocation: location({ ...f.locations[0], file: f.suggestedFix.file, range: f.suggestedFix.range }, run.cwd).physicalLocation.artifactLocation,
        replacements: [{ deletedRegion: { startLine: f.suggestedFix.range.start.line + 1, startColumn: f.suggestedFix.range.start.character + 1, endLine: f.suggestedFix.range.end.line + 1, endColumn: f.suggestedFix.range.end.character + 1 }, insertedContent: { text: f.suggestedFix.newText } }] }] }] } : {}),
      properties: {
        findingId: f.id, kind: f.kind, severity: f.severity, origin: f.origin, ...(f.alertType ? { alertType: f.alertType } : {}),
        ...(f.device !== undefined ? { device: f.device } : {}), ...(f.firstTime !== undefined ? { firstTime: f.firstTime, lastTime: f.lastTime } : {}),
        count: f.count, agentVisible: f.agentVisible, remediation: f.remediation, evidence: f.evidence,
      },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: run.toolName, version: run.toolVersion, semanticVersion: run.toolVersion, rules } },
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(run.cwd.endsWith('/') ? run.cwd : `${run.cwd}/`).href } },
      invocations: [{
        executionSuccessful: run.errors.length === 0,
        toolExecutionNotifications: [
          ...run.errors.map((e) => ({ level: 'error', message: { text: e } })),
          ...(run.notes ?? []).map((n) => ({ level: 'note', message: { text: n } })),
        ],
      }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
