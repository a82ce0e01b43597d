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
import { LIMIT_CODE, resolveContentLimits } from '../project-config/content-limits';
import { MAX_DIAGNOSTICS_PER_FILE } from '../language/problem-cap';
import { boundMessage, MESSAGE_MAX } from '../findings/text-safety';

/** Services are asked with at most this much of a file (the DocumentService contract). */

export const RECOGNIZE_PREFIX = 64 * 1024;

export interface CheckOutcome {
  service?: DocumentService;
  diagnostics: Diagnostic[];
  elapsedMs: number;
  /** Set when the service threw: the message names the file; diagnostics is then empty. */
  failure?: string;
  /** The exception's stack when the service threw, for a log (never shown as a diagnostic). */
  failureStack?: string;
  /** Set when the caller stopped the check (the document changed meanwhile): nothing to publish. */
  cancelled?: boolean;
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
    limits: project.limits,
  };
}

export function checkDocument(doc: SourceDocument, ctx: CheckContext, project: ProjectConfig, service = recognize(doc.path, doc.text)): CheckOutcome {
  const steps = checkDocumentSteps(doc, ctx, project, service);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** checkDocument pausing (yield) every few milliseconds of work where the service can (validateSteps): the
 *  language server gives way to other requests between the pauses, and stops when the document changes. */
export function* checkDocumentSteps(doc: SourceDocument, ctx: CheckContext, project: ProjectConfig, service = recognize(doc.path, doc.text)): Generator<void, CheckOutcome, void> {
  const started = performance.now();
  if (!service) return { diagnostics: [], elapsedMs: 0 };
  const settings = effectiveSettings(ctx.settings, project);
  let raw: Diagnostic[];
  try {
    raw = service.validateSteps ? yield* service.validateSteps(doc, { ...ctx, settings }) : service.validate(doc, { ...ctx, settings });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { service, diagnostics: [], elapsedMs: performance.now() - started, failure: `${doc.path}: the ${service.title} check failed: ${msg}`,
      failureStack: err instanceof Error ? err.stack : undefined };
  }
  // A service may report on files it read (nx_user.h); those belong to that file's own check.
  const own = raw.filter((d) => !d.file || d.file === doc.path).map((d) => (d.file ? d : { ...d, file: doc.path }));
  let diagnostics = applyInlineSuppressions(doc, own, resolveContentLimits(settings.limits).suppressionComments);
  diagnostics = applyProjectSuppressions(doc.path, diagnostics, project);
  diagnostics = applySeverityOverrides(diagnostics, settings.severityOverrides);
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { service, diagnostics: capDiagnostics(doc, diagnostics.map(boundDiagnostic)), elapsedMs: performance.now() - started };
}

/** A diagnostic whose message quotes a huge value whole, shortened (messages should quote with shortValue; this
 *  is the net under every service, for the editor, JSON and SARIF alike). */
function boundDiagnostic(d: Diagnostic): Diagnostic {
  return d.message.length > MESSAGE_MAX ? { ...d, message: boundMessage(d.message) } : d;
}

export { MAX_DIAGNOSTICS_PER_FILE };

/** Content-limit notes (MA005) kept past the cap, at most: they say why part of the file went unread. */
const LIMIT_NOTES_PAST_CAP = 20;

/** Keeps the first MAX_DIAGNOSTICS_PER_FILE problems (in file order) and adds one MA004 note counting the rest,
 *  with those a checker counted past the cap without building them (its own MA004 notes, folded in here). The
 *  first content-limit notes (MA005) among the rest are kept too: without them a file of a million suppression
 *  comments would show two thousand of them and not the note that says why the others do nothing. */
export function capDiagnostics(doc: SourceDocument, diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  let counted = 0;
  if (diagnostics.some((d) => d.omitted !== undefined)) {
    for (const d of diagnostics) counted += d.omitted ?? 0;
    diagnostics = diagnostics.filter((d) => d.omitted === undefined);
  }
  if (diagnostics.length <= max && counted === 0) return diagnostics;
  const kept = diagnostics.slice(0, max);
  const last = kept.length ? kept[kept.length - 1].range.end : { line: 0, character: 0 };
  const limitNotes: Diagnostic[] = [];
  for (let i = max; i < diagnostics.length && limitNotes.length < LIMIT_NOTES_PAST_CAP; i++) {
    if (diagnostics[i].code === LIMIT_CODE) limitNotes.push(diagnostics[i]);
  }
  const rest = diagnostics.length - kept.length - limitNotes.length + counted;
  if (rest === 0) return kept.concat(limitNotes);
  kept.push({
    code: 'MA004',
    severity: 'information',
    message: `${rest} more problems in this file are not shown (the first ${kept.length} are); fix these and check again.`,
    range: { start: last, end: last },
    file: doc.path,
  });
  return kept.concat(limitNotes);
}

export function applyProjectSuppressions(file: string, diagnostics: Diagnostic[], project: ProjectConfig): Diagnostic[] {
  if (!project.root || project.suppressions.length === 0) return diagnostics;
  const rel = path.relative(project.root, file).split(path.sep).join('/');
  if (rel.startsWith('../')) return diagnostics;
  const here = project.suppressions.filter((s) => s.matches(rel));
  if (here.length === 0) return diagnostics;
  return diagnostics.filter((d) => !here.some((s) => s.code === '*' || s.code === d.code.toUpperCase()));
}
