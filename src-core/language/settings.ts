// The one settings object the language server and the CLI work from. The client resolves it per resource
// (answering workspace/configuration); the CLI builds it from flags and the project's config file.
import type { Severity } from './types';
import type { ContentLimits } from '../project-config/content-limits';

export type ValidateWhen = 'onType' | 'onSave' | 'off';
export type DistributionChoice = 'auto' | 'RTOS_BASE' | 'L4_BASE' | 'core';
export type SeverityOverride = Severity | 'off';

export interface ProjectSettings {
  validate: ValidateWhen;
  debounceMs: number;
  /** Which distribution's defaults fill options a file does not set. */
  distribution: DistributionChoice;
  /** nx_user.h to use; empty: the nearest one found walking up from the checked file. */
  nxUserPath: string;
  severityOverrides: Record<string, SeverityOverride>;
  /** Check every recognised file of a workspace folder when it opens (and files changed on disk), so the
   *  Problems panel covers files never opened. */
  checkWorkspaceOnOpen: boolean;
  /** Content limits from the project's .microagent/config.json (never from the editor: the editor and CI
   *  must refuse the same files); what is not set keeps its default. */
  limits?: Partial<ContentLimits>;
}

export const defaultSettings: ProjectSettings = {
  validate: 'onType',
  debounceMs: 200,
  distribution: 'auto',
  nxUserPath: '',
  severityOverrides: {},
  checkWorkspaceOnOpen: true,
};

/** Fills what a partial settings object (from an editor or a file) leaves out, ignoring values of the wrong type. */
export function resolveSettings(partial: Partial<Record<keyof ProjectSettings, unknown>> | undefined): ProjectSettings {
  const p = partial ?? {};
  const pick = <K extends keyof ProjectSettings>(key: K, ok: (v: unknown) => boolean): ProjectSettings[K] =>
    (ok(p[key]) ? p[key] : defaultSettings[key]) as ProjectSettings[K];
  return {
    validate: pick('validate', (v) => v === 'onType' || v === 'onSave' || v === 'off'),
    debounceMs: pick('debounceMs', (v) => typeof v === 'number' && v >= 0 && v <= 60000),
    distribution: pick('distribution', (v) => v === 'auto' || v === 'RTOS_BASE' || v === 'L4_BASE' || v === 'core'),
    nxUserPath: pick('nxUserPath', (v) => typeof v === 'string'),
    severityOverrides: pick('severityOverrides', (v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
    checkWorkspaceOnOpen: pick('checkWorkspaceOnOpen', (v) => typeof v === 'boolean'),
  };
}
