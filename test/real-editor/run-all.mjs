// `npm run test:editors`: setup, VSIX packaging (with a look inside the VSIX), the hostile-input rendering check
// (HTML report and panel page in Chromium), the code-server run (in-host suite + UI), and the Neovim check. Ends with `N passed, N failed`; exit 1 when anything failed. A suite whose
// tool cannot be had here prints SKIP with the reason, except under CI=true, where that fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { repoRoot, vsixPath } from './paths.mjs';
import { setup } from './setup.mjs';
import { runCodeServer } from './run-code-server.mjs';
import { runNeovimCheck } from './nvim-check.mjs';
import { runHostileRender } from './hostile-render.mjs';
import { outcome, timedLog } from './util.mjs';

/** What must be in the VSIX, and what must not (see `files` in package.json). */
const mustHave = ['extension/package.json', 'extension/dist/client/extension.js', 'extension/dist/server/server.js', 'extension/dist/cli/microagent.js',
  'extension/dist/panel/panel.js', 'extension/dist/panel/codicon.ttf', 'extension/docs/rules.md', 'extension/docs/agent-facts.md'];
const mustNot = [/\.ts$/, /\.map$/, /node_modules\//, /dist\/client\/test\//, /^extension\/(src-core|server|client|test|scripts|bench)\//];

function vsixEntries() {
  const r = spawnSync('unzip', ['-Z1', vsixPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot list ${vsixPath}: ${r.stderr || 'unzip missing'}`);
  return r.stdout.split('\n').filter(Boolean);
}

function packageVsix() {
  const log = timedLog('package');
  fs.rmSync(vsixPath, { force: true });
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0 || !fs.existsSync(vsixPath)) {
    const why = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-6).join('\n  ');
    log(`FAIL npm run package:\n  ${why}`);
    return { ...outcome('package', { failed: 1, seconds: log.elapsed() }), error: 'npm run package failed' };
  }
  const entries = vsixEntries();
  const missing = mustHave.filter((e) => !entries.includes(e));
  const unwanted = entries.filter((e) => mustNot.some((re) => re.test(e)));
  const kb = (fs.statSync(vsixPath).size / 1024).toFixed(0);
  const problems = [...missing.map((m) => `missing ${m}`), ...unwanted.map((u) => `should not ship ${u}`)];
  for (const p of problems) log(`FAIL ${p}`);
  if (!problems.length) log(`PASS ${vsixPath}: ${entries.length} entries, ${kb} KB, bundles only`);
  return { ...outcome('package', { passed: problems.length ? 0 : 1, failed: problems.length ? 1 : 0, seconds: log.elapsed() }),
    error: problems.join('; ') || undefined };
}

export async function runAll() {
  const log = timedLog('editors');
  const tools = setup({ codeServer: true });
  log(`setup: ${tools.cached ? 'already installed' : tools.codeServerEntry ? 'installed' : 'incomplete'} in ${tools.seconds.toFixed(1)} s${tools.problems.length ? `; ${tools.problems.join('; ')}` : ''}`);
  const results = [];
  results.push(packageVsix());
  const packaged = results[0].failed === 0;
  // Packaging built dist/: the CLI and the panel page the hostile check renders.
  if (packaged) results.push(await runHostileRender({ tools }));
  else results.push({ ...outcome('hostile', { failed: 1 }), error: 'not run: packaging failed' });
  if (packaged) results.push(await runCodeServer({ tools }));
  else results.push({ ...outcome('code-server', { failed: 1 }), error: 'not run: packaging failed' });
  results.push(await runNeovimCheck());
  console.log('\nReal-editor tests:');
  for (const r of results) {
    const state = r.skipped ? `SKIP (${r.skipped})` : `${r.passed} passed, ${r.failed} failed`;
    console.log(`  ${r.name.padEnd(12)} ${state}${r.seconds !== undefined ? ` in ${r.seconds.toFixed(1)} s` : ''}${r.error && r.failed ? `\n      ${r.error}` : ''}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`total ${log.elapsed().toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return { passed, failed, results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { failed } = await runAll();
  process.exit(failed > 0 ? 1 : 0);
}
