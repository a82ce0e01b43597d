// Loads a simulation profile for `microagent simulate`: parses and validates it with the baseline work's
// code (schema, files that exist, addresses that parse), resolves its paths against its folder, and says
// what stops the run (errors, with file:line:column) apart from what only deserves a warning.
import { SourceDocument } from '../language/document';
import { defaultSettings } from '../language/settings';
import type { FileAccess } from '../language/service';
import type { Diagnostic } from '../language/types';
import { readProfile, type Profile } from '../baseline/profile-model';
import { validateProfile } from '../baseline/validate-profile';
import { diskFiles } from '../check/disk-files';
import { InputFileError, readInputText } from '../util/input-file';
import { cliWorkspaceOf } from '../util/workspace-bounds';
import { defaultContentLimits, type ContentLimits } from '../project-config/content-limits';

export interface LoadedProfile {
  profile?: Profile;
  /** Problems that stop the simulation (exit 2), each as `file:line:col: CODE message`. */
  errors: string[];
  /** Problems worth showing that do not stop it. */
  warnings: string[];
}

const place = (d: Diagnostic) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.code} ${d.message}`;

/** Reads and checks the profile at `path` (absolute) under `limits` (the project's content limits, as
 *  `microagent check` applies them: past one is an error, MA005). Never throws for bad input. */
export function loadProfile(path: string, files: FileAccess = diskFiles, limits: ContentLimits = defaultContentLimits): LoadedProfile {
  let text: string | undefined;
  try {
    text = readInputText(path, 'json');
  } catch (err) {
    const why = !(err instanceof InputFileError) ? `cannot read the profile: ${(err as Error).message}`
      : err.reason === 'folder' ? 'is a folder, not a profile' : err.reason === 'missing' ? 'cannot read the profile: ENOENT' : err.problem;
    return { errors: [`${path}: ${why}`], warnings: [] };
  }
  // Paths leading out of the profile's project are read, and reported (MA307): the editor will not read them.
  const workspace = { roots: [cliWorkspaceOf(path)], reader: 'cli' as const, trusted: true };
  const diagnostics = validateProfile(new SourceDocument(path, text), { settings: { ...defaultSettings, limits }, files, workspace });
  const errors = diagnostics.filter((d) => d.severity === 'error').map(place);
  const warnings = diagnostics.filter((d) => d.severity !== 'error').map(place);
  const profile = readProfile(path, text, limits);
  // What the simulator needs beyond the schema: something to replay for every device.
  if (profile.devices.length > 1) {
    for (const d of profile.devices) {
      if (d.addresses.length === 0) errors.push(`${path}: device "${d.id}" has no addresses; with several devices each needs its own (one device alone may be guessed)`);
    }
  }
  return { profile, errors, warnings };
}
