// Runs the same in-host Mocha suite under @vscode/test-electron, where a desktop VS Code can be had: the one in
// VSCODE_EXECUTABLE, else one test-electron downloads (VSCODE_VERSION, default stable). When neither is possible
// (offline, no display) it skips with the reason; under CI=true that is a failure.
// Usage: npm run test:electron   (after npm run build; on Linux without a display, run under xvfb-run)
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inHostSuite, repoRoot, runsDir } from './paths.mjs';
import { writeWorkspace } from './fixture.mjs';
import { exitWith, outcome, timedLog } from './util.mjs';

async function desktopVSCode(log) {
  if (process.env.VSCODE_EXECUTABLE) {
    return fs.existsSync(process.env.VSCODE_EXECUTABLE) ? { path: process.env.VSCODE_EXECUTABLE }
      : { why: `VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE} does not exist` };
  }
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  try {
    log(`downloading VS Code ${process.env.VSCODE_VERSION ?? 'stable'} (set VSCODE_EXECUTABLE to use an installed one)`);
    return { path: await downloadAndUnzipVSCode({ version: process.env.VSCODE_VERSION ?? 'stable', timeout: 30000 }) };
  } catch (e) {
    return { why: `no desktop VS Code: download failed (${String(e?.message ?? e).split('\n')[0]}); set VSCODE_EXECUTABLE` };
  }
}

export async function runElectron() {
  const log = timedLog('electron');
  if (!fs.existsSync(inHostSuite)) return { ...outcome('electron', { failed: 1, seconds: log.elapsed() }), error: `${inHostSuite} is missing: run npm run build` };
  const code = await desktopVSCode(log);
  if (!code.path) return outcome('electron', { skipped: code.why, seconds: log.elapsed() });
  const run = path.join(runsDir, `electron-${Date.now()}`);
  const ws = path.join(run, 'workspace');
  writeWorkspace(ws);
  const resultsFile = path.join(run, 'inhost-results.json');
  const { runTests } = await import('@vscode/test-electron');
  let exit;
  try {
    exit = await runTests({
      vscodeExecutablePath: code.path,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: inHostSuite,
      // Not MICROAGENT_INHOST_TESTS: that would make activate() start a second run of the suite.
      extensionTestsEnv: { MICROAGENT_INHOST_RESULTS: resultsFile },
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(run, 'user-data')],
    });
  } catch (e) {
    exit = 1;
    log(`VS Code run failed: ${String(e?.message ?? e)}`);
  }
  if (!fs.existsSync(resultsFile)) return { ...outcome('electron', { failed: 1, seconds: log.elapsed() }), error: `no results file (VS Code exit ${exit})` };
  const res = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  for (const p of res.passes) log(`PASS ${p}`);
  for (const f of res.failures) log(`FAIL ${f.title}: ${f.error.split('\n')[0]}`);
  return outcome('electron', { passed: res.passes.length, failed: res.failures.length + (exit === 0 || res.failures.length ? 0 : 1), seconds: log.elapsed() });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) exitWith(await runElectron());
