// The one checking pipeline the language server and `microagent check` share: service, suppressions, severities.
import * as path from 'node:path';
import type { SourceDocument } from '../language/document';
import type { CheckContext, DocumentService } from '../language/service';
import { serviceFor } from '../language/services';
import type { ProjectSettings } from '../language/settings';
import type { Diagnostic } from '../language/types';
import { applySeverityOverrides, mergeOverrides } from '../language/severity';
import type { ProjectConfig } from '../project-config/config-file';
import { applyInlineSuppressions } from '../project-config/inline-suppressions';

/** Services are asked with at most this much of a file (the DocumentService contract). */

export const RECOGNIZE_PREFIX = 64 * 1024;

export interface CheckOutcome {
  service?: DocumentService;
  diagnostics: Diagnostic[];
  elapsedMs: number;
  /** Set when the service threw: the message names the file; diagnostics is then empty. */
  failure?: string;
}

export function recognize(filePath: string, text: string): DocumentService | undefined {
  return serviceFor(filePath, text.length > RECOGNIZE_PREFIX ? text.slice(0, RECOGNIZE_PREFIX) : text);
}

/** The settings a service sees: the editor's (or the CLI's defaults) with the project file filling what they leave
 *  at the default, and severity overrides merged file-first so the editor's win. */
export function effectiveSettings(settings: ProjectSettings, project: ProjectConfig): ProjectSettings {
  return {
    ...settings,
    distribution: settings.distribution === 'auto' && project.distribution ? project.distribution : settings.distribution,
    nxUserPath: settings.nxUserPath || project.nxUserPath || '',
    severityOverrides: mergeOverrides(project.severityOverrides, settings.severityOverrides),
  };
}

export function checkDocument(doc: SourceDocument, ctx: CheckContext, project: ProjectConfig, service = recognize(doc.path, doc.text)): CheckOutcome {
  const started = performance.now();
  if (!service) return { diagnostics: [], elapsedMs: 0 };
  const settings = effectiveSettings(ctx.settings, project);
  let raw: Diagnostic[];
  try {
    raw = service.validate(doc, { ...ctx, settings });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { service, diagnostics: [], elapsedMs: performance.now() - started, failure: `${doc.path}: the ${service.title} check failed: ${msg}` };
  }
  // A service may report on files it read (nx_user.h); those belong to that file's own check.
  const own = raw.filter((d) => !d.file || d.file === doc.path).map((d) => (d.file ? d : { ...d, file: doc.path }));
  let diagnostics = applyInlineSuppressions(doc, own);
  diagnostics = applyProjectSuppressions(doc.path, diagnostics, project);
  diagnostics = applySeverityOverrides(diagnostics, settings.severityOverrides);
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { service, diagnostics: capDiagnostics(doc, diagnostics), elapsedMs: performance.now() - started };
}

/** Most problems one file reports; editors and CI logs choke on millions, and the first ones are what to fix. */
export const MAX_DIAGNOSTICS_PER_FILE = 2000;

/** Keeps the first MAX_DIAGNOSTICS_PER_FILE problems (in file order) and adds one MA004 note counting the rest. */
export function capDiagnostics(doc: SourceDocument, diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const kept = diagnostics.slice(0, max);
  const last = kept[kept.length - 1].range.end;
  kept.push({
    code: 'MA004',
    severity: 'information',
    message: `${diagnostics.length - max} more problems in this file are not shown (the first ${max} are); fix these and check again.`,
    range: { start: last, end: last },
    file: doc.path,
  });
  return kept;
}

export function applyProjectSuppressions(file: string, diagnostics: Diagnostic[], project: ProjectConfig): Diagnostic[] {
  if (!project.root || project.suppressions.length === 0) return diagnostics;
  const rel = path.relative(project.root, file).split(path.sep).join('/');
  if (rel.startsWith('../')) return diagnostics;
  const here = project.suppressions.filter((s) => s.matches(rel));
  if (here.length === 0) return diagnostics;
  return diagnostics.filter((d) => !here.some((s) => s.code === '*' || s.code === d.code.toUpperCase()));
}
