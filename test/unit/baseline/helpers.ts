// Small builders for the baseline and profile tests: documents from objects, diagnostics by code.
import { SourceDocument } from '../../../src-core/language/document';
import type { CheckContext } from '../../../src-core/language/service';
import { defaultSettings } from '../../../src-core/language/settings';
import type { Diagnostic } from '../../../src-core/language/types';

export function doc(text: string, path = '/ws/app.baseline.json'): SourceDocument {
  return new SourceDocument(path, text);
}

export function rule(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 30, timeWindowSize: 'PT15M', ...extra };
}

export function allow(values: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: values, ...extra };
}

export function baseline(group: Record<string, unknown>, name = 'default'): string {
  return JSON.stringify({ securityGroups: { [name]: group } }, null, 2);
}

export function codes(ds: Diagnostic[], code: string): Diagnostic[] {
  return ds.filter((d) => d.code === code);
}

/** The text a diagnostic's range covers. */
export function textOf(d: SourceDocument, diag: Diagnostic): string {
  return d.text.slice(d.offsetAt(diag.range.start), d.offsetAt(diag.range.end));
}

/** Applies a fix's edits (back to front) and returns the new text. */
export function applyFix(d: SourceDocument, diag: Diagnostic): string {
  const fix = diag.fixes?.[0];
  if (!fix) throw new Error(`no fix on ${diag.code}`);
  let text = d.text;
  const edits = fix.edits.map((e) => ({ s: d.offsetAt(e.range.start), e: d.offsetAt(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const e of edits) text = text.slice(0, e.s) + e.t + text.slice(e.e);
  return text;
}

export function memoryFiles(files: Record<string, string>): CheckContext {
  return {
    settings: defaultSettings,
    files: { readText: (p) => files[p], exists: (p) => p in files },
  };
}
