// Reads the typed settings object for a resource: the client's answer to the server's workspace/configuration.
import * as vscode from 'vscode';
import { resolveSettings, type ProjectSettings } from '../src-core/language/settings';

export const SECTION = 'microAgent';

/** Adding a setting: declare it in package.json, add it to ProjectSettings (and resolveSettings),
 *  read it here, use it in src-core. The server never reads raw editor settings. */
export function readSettings(scopeUri?: string): ProjectSettings {
  let scope: vscode.Uri | undefined;
  try {
    scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  } catch {
    scope = undefined;
  }
  const cfg = vscode.workspace.getConfiguration(SECTION, scope);
  return resolveSettings({
    validate: cfg.get('validate'),
    debounceMs: cfg.get('debounceMs'),
    distribution: cfg.get('distribution'),
    nxUserPath: cfg.get('nxUserPath'),
    severityOverrides: cfg.get('severityOverrides'),
    checkWorkspaceOnOpen: cfg.get('checkWorkspaceOnOpen'),
  });
}

/** The simulation's settings (the extension reads these itself: the simulator runs from the client). */
export interface SimulationSettings {
  /** Feeds added to every run (workspace-relative or absolute paths). */
  feeds: string[];
  /** Seed of the agent's random first-collection offset; undefined: the profile's, else 1. */
  seed: number | undefined;
  /** The --fail-on list the build task uses. */
  failOn: string;
}

export function readSimulationSettings(scope?: vscode.Uri): SimulationSettings {
  const cfg = vscode.workspace.getConfiguration(`${SECTION}.simulation`, scope);
  const feeds = cfg.get<unknown>('feeds');
  const seed = cfg.get<unknown>('seed');
  const failOn = cfg.get<unknown>('failOn');
  return {
    feeds: Array.isArray(feeds) ? feeds.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
    seed: typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 ? seed : undefined,
    failOn: typeof failOn === 'string' ? failOn : 'medium',
  };
}
