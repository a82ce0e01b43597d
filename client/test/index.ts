// The in-extension-host test runner: what @vscode/test-electron's extensionTestsPath loads, and what
// client/inhost-tests.ts loads inside code-server. Mocha is bundled in, so it needs nothing from node_modules.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import { registerActivationSuite } from './suite/activation.test';
import { registerDiagnosticsSuite } from './suite/diagnostics.test';
import { registerHoverSuite } from './suite/hover.test';
import { registerCompletionSuite } from './suite/completion.test';
import { registerBaselineSuite } from './suite/baseline.test';
import { registerSimulationSuite } from './suite/simulation.test';
import { registerWorkbenchSuite } from './suite/workbench.test';
import { registerServerRestartSuite } from './suite/server-restart.test';
import { registerNothingLostSuite } from './suite/nothing-lost.test';

export interface InHostResults {
  passes: string[];
  failures: { title: string; error: string }[];
  failureCount: number;
  durationMs: number;
  vscodeVersion?: string;
  crashed?: string;
}

/**
 * Runs every suite and rejects when a test failed (test-electron's contract). Takes no parameters on purpose:
 * VS Code calls run(testsPath, callback). Results go to MICROAGENT_INHOST_RESULTS (set by run-electron.mjs) or
 * MICROAGENT_INHOST_TESTS (the code-server hook), when set.
 */
export function run(): Promise<void> {
  const resultsFile = process.env.MICROAGENT_INHOST_RESULTS || process.env.MICROAGENT_INHOST_TESTS;
  const started = Date.now();
  const mocha = new Mocha({ ui: 'tdd', timeout: 45000, color: false, reporter: 'spec' });
  // Bundled suites are not files Mocha can require: hand Mocha's tdd globals (suite, test) to them directly.
  mocha.suite.emit('pre-require', globalThis, 'in-host-suite', mocha);
  registerActivationSuite();
  registerDiagnosticsSuite();
  registerHoverSuite();
  registerCompletionSuite();
  registerBaselineSuite();
  registerSimulationSuite();
  registerWorkbenchSuite();
  registerNothingLostSuite();
  // Last: it kills the language server (the client brings it back before the UI checks run).
  registerServerRestartSuite();
  const results: InHostResults = { passes: [], failures: [], failureCount: 0, durationMs: 0 };
  try {
    results.vscodeVersion = (require('vscode') as typeof import('vscode')).version;
  } catch {
    // Outside an extension host the version is unknown; the suites will fail and say why.
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      results.failureCount = failures;
      results.durationMs = Date.now() - started;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} in-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.passes.push(t.fullTitle()));
    runner.on('fail', (t, err: unknown) =>
      results.failures.push({ title: t.fullTitle(), error: String((err as Error)?.stack ?? err) }));
  });
}
