// The extension's entry point: starts the bundled language server, and wires the simulation's parts (the
// last run, the alert panel, the inline findings, the status bar, the configuration view, the tasks) to the
// commands.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { openLocation, registerCommands, type ClientHolder, type SimulationParts } from './commands';
import { runInHostTestsIfRequested } from './inhost-tests';
import { LastRunStore } from './simulation/last-run';
import { AlertPanel } from './panel/panel-host';
import { FindingDiagnostics } from './findings/finding-diagnostics';
import { RuleCodeLens } from './findings/rule-code-lens';
import { FindingFixes } from './findings/finding-fixes';
import { RunStatusBar } from './status-bar';
import { ConfigurationView } from './configuration-view';
import { MicroAgentTasks, TASK_TYPE } from './tasks';
import { readSettings, readSimulationSettings } from './settings';
import { ServerCrashHandler, type RestartRecord } from './server-restarts';

/** What activate() returns; the in-host tests await languageClientReady before they open files. */
export interface MicroAgentApi {
  languageClientReady: Promise<void>;
  /** The simulation's parts and the configuration view, for the in-host tests. */
  simulation: SimulationParts & { diagnostics: FindingDiagnostics; lenses: RuleCodeLens; statusBar: RunStatusBar };
  configurationView: ConfigurationView;
  /** The language server as it is now (a restart makes a new client), and how its crashes were handled. */
  server: { client(): LanguageClient | undefined; crashes(): RestartRecord };
}

let holder: ClientHolder | undefined;

export function activate(context: vscode.ExtensionContext): MicroAgentApi {
  const output = vscode.window.createOutputChannel('Micro Agent Studio', { log: true });
  context.subscriptions.push(output);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  let crashes: ServerCrashHandler;
  const h: ClientHolder = {
    client: undefined,
    output,
    restart: async () => {
      if (h.client) await h.client.stop().catch((e: unknown) => output.appendLine(`stopping the server: ${String(e)}`));
      // A restart by hand starts the crash count afresh.
      crashes = new ServerCrashHandler(output, () => h.restart());
      h.client = createLanguageClient(context, output, crashes);
      await h.client.start();
    },
  };
  crashes = new ServerCrashHandler(output, () => h.restart());
  holder = h;

  // The simulation: the CLI bundled with the extension runs it in a child process.
  const cli = context.asAbsolutePath('dist/cli/microagent.js');
  const store = new LastRunStore(context.storageUri);
  const diagnostics = new FindingDiagnostics();
  const lenses = new RuleCodeLens();
  const statusBar = new RunStatusBar();
  const sim: SimulationParts = {
    store, cli, version,
    panel: new AlertPanel(context.extensionUri, store, {
      open: openLocation,
      rerun: async () => void vscode.commands.executeCommand('microAgent.rerunSimulation'),
      runSimulation: async () => void vscode.commands.executeCommand('microAgent.runSimulation'),
      export: async (format) => void vscode.commands.executeCommand('microAgent.exportLastRun', format),
      createProfile: async () => void vscode.commands.executeCommand('microAgent.createProfile'),
    }),
  };
  const configView = new ConfigurationView(() => h.client);
  context.subscriptions.push(
    store, diagnostics, lenses, statusBar, sim.panel, configView,
    store.onDidChange((run) => {
      diagnostics.show(run);
      lenses.show(run);
      statusBar.show(run, store.isRunning);
    }),
    store.onDidChangeRunning((running) => statusBar.show(store.current, running)),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' }], lenses),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file', language: 'json' }, { scheme: 'file', language: 'jsonc' }, { scheme: 'file', language: 'c' }, { scheme: 'file', language: 'cpp' }, { scheme: 'file', language: 'microagent-dist' }, { scheme: 'file', language: 'cmake' }, { scheme: 'file', language: 'plaintext' }],
      new FindingFixes(diagnostics), { providedCodeActionKinds: FindingFixes.kinds }),
    vscode.window.registerTreeDataProvider('microAgent.configuration', configView),
    vscode.commands.registerCommand('microAgent.refreshConfigurationView', () => configView.refresh()),
    vscode.window.onDidChangeActiveTextEditor((e) => configView.followEditor(e)),
    vscode.workspace.onDidSaveTextDocument((d) => /(asc_config\.h|nx_user\.h|\.dist)$/.test(d.uri.fsPath) && configView.refresh()),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new MicroAgentTasks(cli)),
  );
  statusBar.show(undefined, false);
  void store.restore();
  registerCommands(context, h, sim);

  const client: LanguageClient = createLanguageClient(context, output, crashes);
  h.client = client;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const s = readSettings(folder?.toString());
  const sims = readSimulationSettings(folder);
  output.info(`Micro Agent Studio ${version}: validate ${s.validate}, distribution ${s.distribution}, nx_user.h ${s.nxUserPath || 'nearest to each file'}; simulation feeds ${sims.feeds.length ? sims.feeds.join(', ') : 'from the profile'}, seed ${sims.seed ?? 'from the profile'}`);
  const languageClientReady = client.start().then(() => configView.refresh()).catch((err: unknown) => {
    output.appendLine(`The Micro Agent language server did not start: ${(err as Error)?.stack ?? err}`);
    void vscode.window.showErrorMessage('Micro Agent: the language server did not start. See "Micro Agent: Show the language server log".');
    throw err;
  });

  // In-host tests: run the Mocha suite only when MICROAGENT_INHOST_TESTS names a results file.
  runInHostTestsIfRequested(context);

  return { languageClientReady, simulation: { ...sim, diagnostics, lenses, statusBar }, configurationView: configView,
    server: { client: () => h.client, crashes: () => crashes.record } };
}

export async function deactivate(): Promise<void> {
  await holder?.client?.stop();
}
