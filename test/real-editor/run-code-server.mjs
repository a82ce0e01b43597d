// Runs the extension in a real VS Code (code-server 4.100.3) opened by headless Chromium: installs the VSIX into
// a fresh extensions folder, runs the in-host Mocha suite through the MICROAGENT_INHOST_TESTS hook, then the UI
// checks. Usage: node test/real-editor/run-code-server.mjs  (after `npm run package`; runs setup when needed)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { codeServerEntry, here, inHostSuite, playwrightDir, repoRoot, runsDir, vsixPath } from './paths.mjs';
import { setup } from './setup.mjs';
import { expectations, writeWorkspace } from './fixture.mjs';
import { runUiChecks } from './ui-checks.mjs';
import { exitWith, freePort, outcome, timedLog, until } from './util.mjs';

export const chromiumFlags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function loadPlaywright() {
  // The cache's copy first (what setup installs); the project's devDependency otherwise.
  for (const from of [path.join(playwrightDir, 'package.json'), path.join(repoRoot, 'package.json')]) {
    try { return createRequire(from)('playwright-core'); } catch { /* try the next */ }
  }
  throw new Error('playwright-core is not installed: run node test/real-editor/setup.mjs');
}

/** Keeps the newest few run folders (about 11 MB each, mostly the browser profile) for looking back at failures. */
function pruneOldRuns(keep = 4) {
  if (!fs.existsSync(runsDir)) return;
  const old = fs.readdirSync(runsDir).filter((n) => n.startsWith('code-server-2')).sort().slice(0, -keep);
  for (const n of old) fs.rmSync(path.join(runsDir, n), { recursive: true, force: true });
}

function makeRunDir() {
  pruneOldRuns();
  const run = path.join(runsDir, `code-server-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const d = { run, ud: `${run}/user-data`, exts: `${run}/extensions`, xdg: `${run}/xdg`, chrome: `${run}/chrome`, ws: `${run}/workspace` };
  for (const p of [d.ud, d.exts, d.xdg, d.chrome]) fs.mkdirSync(p, { recursive: true });
  fs.mkdirSync(`${d.ud}/User`, { recursive: true });
  fs.copyFileSync(path.join(here, 'settings.json'), `${d.ud}/User/settings.json`);
  return d;
}

/** Stops code-server and everything it started (extension host, language server): it leads its own process group. */
function stop(child) {
  if (!child || child.exitCode !== null) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
}

export async function runCodeServer({ tools } = {}) {
  const log = timedLog('code-server');
  const t = tools ?? setup({ codeServer: true });
  if (!t.chromium || !t.codeServerEntry) {
    return outcome('code-server', { skipped: `no ${!t.chromium ? 'chromium' : 'code-server'} (${t.problems.join('; ') || 'not installed'})`, seconds: log.elapsed() });
  }
  if (!fs.existsSync(vsixPath)) return outcome('code-server', { failed: 1, seconds: log.elapsed(), error: `${vsixPath} is missing: run npm run package` });
  if (!fs.existsSync(inHostSuite)) return outcome('code-server', { failed: 1, seconds: log.elapsed(), error: `${inHostSuite} is missing: run npm run build` });

  const d = makeRunDir();
  writeWorkspace(d.ws);
  const expect = expectations();
  const resultsFile = path.join(d.run, 'inhost-results.json');
  const node = process.env.NODE_BIN || process.execPath;
  const env = { ...process.env, XDG_CONFIG_HOME: `${d.xdg}/config`, XDG_DATA_HOME: `${d.xdg}/data`, XDG_CACHE_HOME: `${d.xdg}/cache`,
    MICROAGENT_INHOST_TESTS: resultsFile, MICROAGENT_INHOST_SUITE: inHostSuite };
  const common = ['--config', `${d.run}/config.yaml`, '--user-data-dir', d.ud, '--extensions-dir', d.exts];
  const installOut = execFileSync(node, [codeServerEntry, ...common, '--install-extension', vsixPath], { env, encoding: 'utf8' });
  log(installOut.trim().split('\n').pop());

  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const cs = spawn(node, [codeServerEntry, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', d.ws],
  { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const csLog = fs.createWriteStream(`${d.run}/code-server.log`);
  cs.stdout.pipe(csLog); cs.stderr.pipe(csLog);

  let browser;
  let passed = 0;
  let failed = 0;
  const errors = [];
  const report = { inHost: undefined, ui: [] };
  try {
    await until(async () => { try { return (await fetch(`${url}healthz`)).ok; } catch { return false; } }, 60000, 'code-server to answer /healthz');
    log('code-server up at', url);
    const { chromium } = loadPlaywright();
    browser = await chromium.launchPersistentContext(d.chrome, { executablePath: t.chromium, headless: true, args: chromiumFlags, viewport: { width: 1400, height: 900 } });
    const page = browser.pages()[0] ?? await browser.newPage();
    page.on('pageerror', (e) => fs.appendFileSync(`${d.run}/page-errors.log`, `${e}\n`));
    // The extension host starts only once a browser connects.
    await page.goto(`${url}?folder=${encodeURIComponent(d.ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench rendered');

    const res = JSON.parse(await until(() => fs.existsSync(resultsFile) && fs.readFileSync(resultsFile, 'utf8'), 120000,
      `the in-host suite's results (${resultsFile})`));
    report.inHost = res;
    for (const p of res.passes) log(`PASS in-host: ${p}`);
    for (const f of res.failures) {
      log(`FAIL in-host: ${f.title}\n    ${f.error.split('\n').slice(0, 3).join('\n    ')}`);
      errors.push(`in-host: ${f.title}: ${f.error.split('\n')[0]}`);
    }
    if (res.crashed) { log(`in-host suite crashed: ${res.crashed}`); errors.push(`in-host suite crashed: ${res.crashed}`); }
    passed += res.passes.length;
    failed += res.failures.length + (res.crashed ? 1 : 0);
    log(`in-host suite (VS Code ${res.vscodeVersion}): ${res.passes.length} passed, ${res.failures.length} failed in ${(res.durationMs / 1000).toFixed(1)} s`);

    const shot = path.join(d.run, 'workbench.png');
    // MICROAGENT_EDITOR_UI=0 leaves the UI checks out (a quicker in-host-only run).
    if (process.env.MICROAGENT_EDITOR_UI !== '0') report.ui = await runUiChecks(page, expect, shot, log, { workspace: d.ws, runDir: d.run });
    for (const c of report.ui) if (c.ok) passed += 1; else { failed += 1; errors.push(`UI: ${c.title}: ${c.detail}`); }
    if (fs.existsSync(shot)) fs.copyFileSync(shot, path.join(runsDir, 'code-server-latest.png'));
    if (failed) await page.screenshot({ path: path.join(d.run, 'failure.png') }).catch(() => {});
  } catch (e) {
    failed += 1;
    errors.push(e.message);
    log(`FAIL: ${e.message}`);
    await browser?.pages()[0]?.screenshot({ path: path.join(d.run, 'failure.png') }).catch(() => {});
  } finally {
    await browser?.close().catch(() => {});
    stop(cs);
    fs.writeFileSync(path.join(d.run, 'report.json'), JSON.stringify(report, null, 2));
  }
  log(`run folder: ${d.run}${failed ? ' (code-server.log; extension host logs under user-data/logs)' : ''}`);
  return { ...outcome('code-server', { passed, failed, seconds: log.elapsed() }), error: errors.join('; ') || undefined, runDir: d.run };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) exitWith(await runCodeServer());
