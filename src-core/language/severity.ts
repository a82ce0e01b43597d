// Per-code severity overrides, applied after a checker runs so every service, the server and the CLI agree.
import type { Diagnostic } from './types';
import type { SeverityOverride } from './settings';

const valid = new Set(['error', 'warning', 'information', 'hint', 'off']);

export function isSeverityOverride(v: unknown): v is SeverityOverride {
  return typeof v === 'string' && valid.has(v);
}

/** Later maps win: pass the project file's overrides first, then the editor's (see docs/server.md, precedence). */
export function mergeOverrides(...layers: (Record<string, SeverityOverride> | undefined)[]): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  for (const layer of layers) {
    if (!layer) continue;
    // Entries of the wrong type are ignored rather than trusted: the settings may come from hand-edited JSON.
    for (const [code, sev] of Object.entries(layer)) if (isSeverityOverride(sev)) out[code.toUpperCase()] = sev;
  }
  return out;
}

/** Returns the diagnostics with their severity replaced, dropping codes set to 'off'. Codes match case-insensitively. */
export function applySeverityOverrides(diagnostics: Diagnostic[], overrides: Record<string, SeverityOverride>): Diagnostic[] {
  const norm = mergeOverrides(overrides);
  if (Object.keys(norm).length === 0) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const o = norm[d.code.toUpperCase()];
    if (o === undefined) out.push(d);
    else if (o !== 'off') out.push(o === d.severity ? d : { ...d, severity: o });
  }
  return out;
}
