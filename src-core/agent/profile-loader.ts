// Loads a simulation profile for `microagent simulate`: parses and validates it with the baseline work's
// code (schema, files that exist, addresses that parse), resolves its paths against its folder, and says
// what stops the run (errors, with file:line:column) apart from what only deserves a warning.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SourceDocument } from '../language/document';
import { defaultSettings } from '../language/settings';
import type { FileAccess } from '../language/service';
import type { Diagnostic } from '../language/types';
import { readProfile, type Profile } from '../baseline/profile-model';
import { validateProfile } from '../baseline/validate-profile';

export interface LoadedProfile {
  profile?: Profile;
  /** Problems that stop the simulation (exit 2), each as `file:line:col: CODE message`. */
  errors: string[];
  /** Problems worth showing that do not stop it. */
  warnings: string[];
}

const diskFiles: FileAccess = {
  readText: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  exists: (p) => existsSync(p),
};

const place = (d: Diagnostic) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code} ${d.message}`;

/** Reads and checks the profile at `path` (absolute). Never throws for bad input. */
export function loadProfile(path: string, files: FileAccess = diskFiles): LoadedProfile {
  let text: string | undefined;
  try {
    if (statSync(path).isDirectory()) return { errors: [`${path}: is a folder, not a profile`], warnings: [] };
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { errors: [`${path}: cannot read the profile: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`], warnings: [] };
  }
  const diagnostics = validateProfile(new SourceDocument(path, text), { settings: defaultSettings, files });
  const errors = diagnostics.filter((d) => d.severity === 'error').map(place);
  const warnings = diagnostics.filter((d) => d.severity !== 'error').map(place);
  const profile = readProfile(path, text);
  // What the simulator needs beyond the schema: something to replay for every device.
  if (profile.devices.length > 1) {
    for (const d of profile.devices) {
      if (d.addresses.length === 0) errors.push(`${path}: device "${d.id}" has no addresses; with several devices each needs its own (one device alone may be guessed)`);
    }
  }
  return { profile, errors, warnings };
}
