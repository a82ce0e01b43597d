// Proves the real-editor suites can fail: runs the Neovim check and the in-host suite (in code-server) with
// MICROAGENT_BREAK_EXPECTATION=1, which adds an impossible code (MA999) to what they expect, and asserts both
// fail, and fail for that reason only. Exit 0 when both fail as they should. (CI runs this.)
// Usage: node test/real-editor/check-breaks.mjs   (packages the VSIX itself)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { here, isCI, repoRoot, vsixPath } from './paths.mjs';
import { IMPOSSIBLE_CODE, expectations } from './fixture.mjs';

const env = { ...process.env, MICROAGENT_BREAK_EXPECTATION: '1', MICROAGENT_EDITOR_UI: '0', MICROAGENT_WAIT_MS: '8000' };
const verdicts = [];
// This process runs without the break, so these are the codes the editor really shows.
const realCodes = expectations().codes;
/** A failure is the right one when it asks for MA999 and reports every real code as seen. */
const brokenOnlyBy = (text, seenMarker) => text.includes(IMPOSSIBLE_CODE) && text.includes(seenMarker)
  && realCodes.every((c) => text.split(seenMarker)[1].includes(c));

function runScript(name) {
  const r = spawnSync(process.execPath, [path.join(here, name)], { cwd: repoRoot, env, encoding: 'utf8', timeout: 300000 });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

function judge(name, ok, why) {
  verdicts.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}: ${why}`);
}

// Build and package first (4 s): a stale server or VSIX would test yesterday's code.
{
  const pkg = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (pkg.status !== 0 || !fs.existsSync(vsixPath)) console.error(`npm run package failed:\n${pkg.stdout}\n${pkg.stderr}`);
}

// Neovim: must exit 1, and the only failing check is the one that wants MA999.
{
  const r = runScript('nvim-check.mjs');
  if (/^SKIP /m.test(r.out) && !isCI) console.log(`SKIP neovim: ${r.out.match(/^SKIP .*$/m)[0]}`);
  else {
    const failLines = r.out.split('\n').filter((l) => /\] FAIL /.test(l));
    const onlyTheBrokenOne = failLines.length === 1 && brokenOnlyBy(failLines[0], ': saw ');
    judge('the Neovim check fails on an impossible expectation', r.status === 1 && onlyTheBrokenOne,
      `exit ${r.status}; failing checks: ${failLines.map((l) => l.replace(/^.*\] FAIL /, '')).join(' | ') || 'none'}`);
  }
}

// In-host suite in code-server: must exit 1, with the diagnostics test failing on MA999 and the rest passing.
{
  const r = runScript('run-code-server.mjs');
  if (/^SKIP /m.test(r.out) && !isCI) console.log(`SKIP in-host: ${r.out.match(/^SKIP .*$/m)[0]}`);
  else {
    const runDir = /run folder: (\S+)/.exec(r.out)?.[1];
    const report = runDir && fs.existsSync(path.join(runDir, 'report.json')) ? JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) : {};
    const failures = report.inHost?.failures ?? [];
    const onlyTheBrokenOne = failures.length === 1 && brokenOnlyBy(failures[0].error, 'last seen:');
    judge('the in-host suite fails on an impossible expectation', r.status === 1 && onlyTheBrokenOne,
      `exit ${r.status}; ${report.inHost ? `${report.inHost.passes.length} passed, failing: ${failures.map((f) => f.title).join(' | ') || 'none'}` : `no in-host results (${r.out.trim().split('\n').slice(-3).join(' / ')})`}`);
  }
}

const bad = verdicts.filter((v) => !v.ok).length;
console.log(`${verdicts.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
