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
  });
}
