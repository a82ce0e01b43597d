// Test hook for the real-editor harness: when the editor process carries MICROAGENT_INHOST_TESTS=<results file>,
// run the in-host Mocha suite once the extension is active and write its results there. Inert otherwise.
// code-server has no --extensionTestsPath, so this is how the suite gets into its extension host.
import type * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface SuiteModule {
  /** Writes its results to MICROAGENT_INHOST_TESTS itself. */
  run(): Promise<void>;
}

export function runInHostTestsIfRequested(context: vscode.ExtensionContext): void {
  const resultsFile = process.env.MICROAGENT_INHOST_TESTS;
  if (!resultsFile) return;
  // The published VSIX leaves the test bundle out; the harness points at the working tree's build instead.
  const suitePath = process.env.MICROAGENT_INHOST_SUITE || path.join(context.extensionPath, 'dist', 'client', 'test', 'index.js');
  const crashed = (why: string) => {
    try {
      fs.writeFileSync(resultsFile, JSON.stringify({ passes: [], failures: [], failureCount: 1, durationMs: 0, crashed: why }, null, 2));
    } catch {
      // Nowhere left to report; the harness times out and says the results file never came.
    }
  };
  // Start after activate() has returned: the suite awaits this extension's activation.
  setImmediate(() => {
    let suite: SuiteModule;
    try {
      // A runtime path, so esbuild leaves this require alone and the suite stays out of the extension bundle.
      suite = require(suitePath) as SuiteModule;
    } catch (e) {
      crashed(`cannot load the in-host suite ${suitePath}: ${String((e as Error)?.message ?? e)}`);
      return;
    }
    // run() writes the results itself; a rejection only means tests failed, which the file already says.
    suite.run().catch((e: unknown) => {
      if (!fs.existsSync(resultsFile)) crashed(String((e as Error)?.stack ?? e));
    });
  });
}
