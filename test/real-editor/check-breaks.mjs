// Proves the real-editor suites can fail: runs the Neovim check and the code-server run (in-host suite and UI
// checks) with MICROAGENT_BREAK_EXPECTATION=1, which adds an impossible code (MA999) to what they expect of each
// faulty file (asc_config.h and the baseline) and of the example's simulation, and asserts each fails, and fails
// for that reason only: exactly the checks that wait for codes fail, one per subject, each naming MA999 and
// reporting that subject's real codes as seen. Then the hostile-input check with MICROAGENT_BREAK_ESCAPING=1 (one field put in raw): each of its pages
// must fail because markup became elements or a script ran. Exit 0 when all fail as they should. (CI runs this.)
// Usage: node test/real-editor/check-breaks.mjs   (packages the VSIX itself)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { here, isCI, repoRoot, vsixPath } from './paths.mjs';
import { IMPOSSIBLE_CODE, expectations } from './fixture.mjs';

const env = { ...process.env, MICROAGENT_BREAK_EXPECTATION: '1', MICROAGENT_EDITOR_UI: '1', MICROAGENT_WAIT_MS: '8000' };
const verdicts = [];
// This process runs without the break, so these are the codes the editor really shows: per faulty file
// (asc_config.h, the baseline) and, where the suite runs a simulation, the findings of the example's run.
const diagnosticCodeSets = [expectations().codes, expectations().baseline.codes];
const withSimulation = [...diagnosticCodeSets, expectations().simulation.codes];
/** A failure is the right one when it asks for MA999 and reports every real code of its subject as seen. */
const brokenOnlyBy = (text, seenMarkers, codes) => text.includes(IMPOSSIBLE_CODE)
  && seenMarkers.some((m) => text.includes(m) && codes.every((c) => text.split(m)[1].includes(c)));
/** The failures are exactly one per subject, each broken only by MA999. */
const onePerSubjectBrokenOnly = (texts, seenMarkers, codeSets) => texts.length === codeSets.length
  && codeSets.every((codes) => texts.some((t) => brokenOnlyBy(t, seenMarkers, codes)));

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

// Neovim: must exit 1, and the only failing checks are the two that want MA999 (header, baseline).
{
  const r = runScript('nvim-check.mjs');
  if (/^SKIP /m.test(r.out) && !isCI) console.log(`SKIP neovim: ${r.out.match(/^SKIP .*$/m)[0]}`);
  else {
    const failLines = r.out.split('\n').filter((l) => /\] FAIL /.test(l));
    const onlyTheBrokenOne = onePerSubjectBrokenOnly(failLines, [': saw '], diagnosticCodeSets);
    judge('the Neovim check fails on an impossible expectation', r.status === 1 && onlyTheBrokenOne,
      `exit ${r.status}; failing checks: ${failLines.map((l) => l.replace(/^.*\] FAIL /, '')).join(' | ') || 'none'}`);
  }
}

// code-server: must exit 1. In-host: the two diagnostics tests and the simulation's findings test fail on
// MA999, the rest pass. UI: the three Problems panel checks (header, baseline, findings) fail on MA999, the
// rest pass.
{
  const r = runScript('run-code-server.mjs');
  if (/^SKIP /m.test(r.out) && !isCI) console.log(`SKIP code-server: ${r.out.match(/^SKIP .*$/m)[0]}`);
  else {
    const runDir = /run folder: (\S+)/.exec(r.out)?.[1];
    const report = runDir && fs.existsSync(path.join(runDir, 'report.json')) ? JSON.parse(fs.readFileSync(path.join(runDir, 'report.json'), 'utf8')) : {};
    const failures = report.inHost?.failures ?? [];
    judge('the in-host suite fails on an impossible expectation', r.status === 1 && onePerSubjectBrokenOnly(failures.map((f) => f.error), ['last seen:', ' among '], withSimulation),
      `exit ${r.status}; ${report.inHost ? `${report.inHost.passes.length} passed, failing: ${failures.map((f) => f.title).join(' | ') || 'none'}` : `no in-host results (${r.out.trim().split('\n').slice(-3).join(' / ')})`}`);
    const ui = report.ui ?? [];
    const uiFailures = ui.filter((c) => !c.ok);
    judge('the UI checks fail on an impossible expectation', r.status === 1 && onePerSubjectBrokenOnly(uiFailures.map((c) => c.detail), ['last seen:'], withSimulation),
      ui.length ? `${ui.length - uiFailures.length} passed, failing: ${uiFailures.map((c) => c.title).join(' | ') || 'none'}` : 'no UI results');
  }
}

// Hostile inputs: an escaping bug in the report or the panel must be caught on every page.
{
  const r = spawnSync(process.execPath, [path.join(here, 'hostile-render.mjs')], { cwd: repoRoot, env: { ...process.env, MICROAGENT_BREAK_ESCAPING: '1' }, encoding: 'utf8', timeout: 300000 });
  const out = `${r.stdout}\n${r.stderr}`;
  if (/^SKIP /m.test(out) && !isCI) console.log(`SKIP hostile: ${out.match(/^SKIP .*$/m)[0]}`);
  else {
    const pages = out.split('\n').filter((l) => /\] (PASS|FAIL) the /.test(l));
    const caught = pages.filter((l) => /\] FAIL /.test(l));
    const why = /a script from the inputs ran|markup from the inputs became elements/.test(out);
    judge('the hostile-input check fails on an escaping bug', r.status === 1 && pages.length === 3 && caught.length === 3 && why,
      `exit ${r.status}; ${caught.length} of ${pages.length} pages failed${why ? '' : ', none for the injected markup'}`);
  }
}

const bad = verdicts.filter((v) => !v.ok).length;
console.log(`${verdicts.length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
