// "Micro Agent: Run Simulation": what to simulate (the chosen file, the profile or capture in front of the user,
// else the workspace's profile), the device address when nothing can tell it, then the bundled CLI under a
// cancellable progress notification. A failed or cancelled run leaves the last results in place.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { panelResult, type PanelRun } from '../panel/protocol';
import { readSimulationSettings } from '../settings';
import { runCliSimulation, type SimulationRequest } from './cli-runner';
import type { LastRunStore } from './last-run';

export const PROFILE_GLOB = '**/{microagent.json,*.microagent.json}';
const CAPTURE_EXTENSIONS = ['.pcap', '.pcapng', '.cap', '.log', '.ndjson', '.jsonl'];

export interface Target {
  kind: 'profile' | 'capture';
  uri: vscode.Uri;
}

export function targetOf(uri: vscode.Uri | undefined): Target | undefined {
  if (!uri || uri.scheme !== 'file') return undefined;
  const name = path.basename(uri.fsPath).toLowerCase();
  if (name === 'microagent.json' || name.endsWith('.microagent.json')) return { kind: 'profile', uri };
  if (CAPTURE_EXTENSIONS.some((e) => name.endsWith(e))) return { kind: 'capture', uri };
  return undefined;
}

/**
 * In Restricted Mode a profile is not run: the CLI would read every file it names, and a cloned repository's
 * profile should not make the editor read files outside it (the language server, untrusted, opens none of
 * them either). A capture the user picked names nothing else, so it still runs.
 */
/** A capture run without an address that simulated no device (the CLI exits 2 and says so: nothing in the
 *  capture tells the device): the user is asked for the address. */
export function needsDeviceAddress(outcome: { exitCode?: number; messages: readonly string[] }, target: Target, deviceIps: readonly string[] | undefined): boolean {
  if (target.kind !== 'capture' || deviceIps?.length) return false;
  return outcome.exitCode === 2 && outcome.messages.some((m) => m.includes('no device was simulated'));
}

export function simulationNeedsTrust(target: Target, trusted: boolean): boolean {
  return target.kind === 'profile' && !trusted;
}

/** The file in front of the user: the active editor's, or the active tab's (captures open in a binary editor). */
function activeFile(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor?.document.uri;
  if (editor) return editor;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input && typeof input === 'object' && 'uri' in input && input.uri instanceof vscode.Uri ? input.uri : undefined;
}

async function chooseTarget(arg: unknown): Promise<Target | undefined> {
  const given = targetOf(arg instanceof vscode.Uri ? arg : undefined) ?? targetOf(activeFile());
  if (given) return given;
  const profiles = await vscode.workspace.findFiles(PROFILE_GLOB, '**/node_modules/**', 50);
  if (profiles.length === 1) return { kind: 'profile', uri: profiles[0] };
  if (profiles.length > 1) {
    const pick = await vscode.window.showQuickPick(profiles.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: 'Micro Agent: which simulation profile?' });
    return pick && { kind: 'profile', uri: pick.uri };
  }
  const captures = await vscode.workspace.findFiles('**/*.{pcap,pcapng}', '**/node_modules/**', 50);
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(new-file) Create a starter profile', action: 'create' as const },
      ...captures.map((u) => ({ label: `$(file-binary) ${vscode.workspace.asRelativePath(u)}`, description: 'simulate this capture with the default configuration', uri: u, action: 'capture' as const })),
    ],
    { title: 'Micro Agent: no simulation profile (microagent.json) in the workspace', placeHolder: 'Create one, or pick a capture' });
  if (!choice) return undefined;
  if (choice.action === 'create') {
    await vscode.commands.executeCommand('microAgent.createProfile');
    return undefined;
  }
  return { kind: 'capture', uri: choice.uri! };
}

function folderOf(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
}

export async function runSimulationCommand(arg: unknown, store: LastRunStore, cli: string, output: vscode.LogOutputChannel, deviceIps?: string[]): Promise<PanelRun | undefined> {
  if (store.isRunning) {
    void vscode.window.showInformationMessage('Micro Agent: a simulation is already running.');
    return undefined;
  }
  const target = await chooseTarget(arg);
  if (!target) return undefined;
  if (simulationNeedsTrust(target, vscode.workspace.isTrusted)) {
    const manage = 'Manage Workspace Trust';
    const pick = await vscode.window.showWarningMessage(
      'Micro Agent: a simulation profile names files to read (captures, feeds, the agent configuration), possibly outside this folder. In Restricted Mode only a capture can be simulated; trust the workspace to run its profile.',
      manage);
    if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const cwd = folderOf(target.uri);
  const settings = readSimulationSettings(target.uri);
  const req: SimulationRequest = {
    cwd,
    ...(target.kind === 'profile' ? { profile: target.uri.fsPath } : { capture: target.uri.fsPath }),
    feeds: settings.feeds.map((f) => path.resolve(cwd, f)),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(deviceIps?.length ? { devices: deviceIps } : {}),
  };
  const title = vscode.workspace.asRelativePath(target.uri);
  output.info(`simulate ${title}${deviceIps?.length ? ` (device ${deviceIps.join(' ')})` : ''}`);
  store.setRunning(true);
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Micro Agent: simulating ${title}`, cancellable: true },
      (progress, token) => runCliSimulation(cli, req, token, (p) => {
        if (p.phase === 'report') progress.report({ message: 'the cloud\'s findings' });
        else if (p.packets !== undefined) progress.report({ message: `${p.packets.toLocaleString()} packets` });
      }),
    );
    for (const m of outcome.messages) output.warn(m);
    if (outcome.cancelled) {
      void vscode.window.showInformationMessage('Micro Agent: simulation cancelled; the last results stay.');
      return undefined;
    }
    // Nothing could tell the device (no unicast traffic): ask, and run again with it.
    if (needsDeviceAddress(outcome, target, deviceIps)) {
      const ip = await vscode.window.showInputBox({ title: 'Micro Agent: the device\'s address', prompt: 'The capture does not tell which address is the device. Its IPv4 or IPv6 address (several: comma-separated):', ignoreFocusOut: true });
      store.setRunning(false);
      return ip ? runSimulationCommand(target.uri, store, cli, output, [ip.trim()]) : undefined;
    }
    const result = outcome.result;
    if (!result) {
      const why = outcome.messages.filter((m) => !m.startsWith('warning:')).slice(-3).join(' ') || `exit status ${outcome.exitCode}`;
      void vscode.window.showErrorMessage(`Micro Agent: the simulation failed: ${why}`, 'Show log').then((a) => a && output.show(true));
      return undefined;
    }
    const run: PanelRun = {
      result: panelResult(result), title, target: target.uri.fsPath, ...(deviceIps?.length ? { deviceIps } : {}),
      finishedAt: Date.now(), root: cwd, configSource: result.summary.configuration ?? 'RTOS_BASE defaults',
    };
    await store.set(run);
    output.info(`simulated ${title}: ${result.findings.length} findings, ${result.summary.packetsRead} packets`);
    return run;
  } finally {
    store.setRunning(false);
  }
}
