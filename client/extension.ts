// The extension's entry point: starts the bundled language server and registers the commands.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createLanguageClient } from './language-client';
import { registerCommands, type ClientHolder } from './commands';
import { runInHostTestsIfRequested } from './inhost-tests';

/** What activate() returns; the in-host tests await languageClientReady before they open files. */
export interface MicroAgentApi {
  languageClientReady: Promise<void>;
}

let holder: ClientHolder | undefined;

export function activate(context: vscode.ExtensionContext): MicroAgentApi {
  const output = vscode.window.createOutputChannel('Micro Agent Studio', { log: true });
  context.subscriptions.push(output);
  const h: ClientHolder = {
    client: undefined,
    output,
    restart: async () => {
      if (h.client) await h.client.stop().catch((e: unknown) => output.appendLine(`stopping the server: ${String(e)}`));
      h.client = createLanguageClient(context, output);
      await h.client.start();
    },
  };
  holder = h;
  registerCommands(context, h);
  const client: LanguageClient = createLanguageClient(context, output);
  h.client = client;
  const languageClientReady = client.start().catch((err: unknown) => {
    output.appendLine(`The Micro Agent language server did not start: ${(err as Error)?.stack ?? err}`);
    void vscode.window.showErrorMessage('Micro Agent: the language server did not start. See "Micro Agent: Show the language server log".');
    throw err;
  });

  // In-host tests: run the Mocha suite only when MICROAGENT_INHOST_TESTS names a results file.
  runInHostTestsIfRequested(context);

  return { languageClientReady };
}

export async function deactivate(): Promise<void> {
  await holder?.client?.stop();
}
