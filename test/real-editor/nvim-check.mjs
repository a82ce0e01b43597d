// Neovim 0.7 as a second LSP client: runs nvim-check.lua headless against dist/server/server.js on the faulty
// header and the faulty baseline, and checks the diagnostic codes, the lines they sit on, the hover text, and
// that completion in the baseline's empty rule types comes from our server (VS Code leaves it to its JSON
// support; other editors have only ours).
// Exit 1 on any miss.
// Usage: node test/real-editor/nvim-check.mjs   (after npm run build)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { here, runsDir, serverBundle } from './paths.mjs';
import { which } from './setup.mjs';
import { expectations, faultyHeader, writeWorkspace } from './fixture.mjs';
import { exitWith, outcome, timedLog } from './util.mjs';

/** Runs nvim once and returns what the Lua script printed (or why nothing came). */
function runNvim(header, expect) {
  const r = spawnSync('timeout', ['60', 'nvim', '--headless', '--clean', '-S', path.join(here, 'nvim-check.lua')], {
    cwd: path.dirname(header), encoding: 'utf8', timeout: 70000,
    env: { ...process.env, MICROAGENT_NVIM_SERVER: serverBundle, MICROAGENT_NVIM_FILE: header,
      MICROAGENT_NVIM_CODES: expect.codes.join(','), MICROAGENT_NVIM_HOVER: expect.hoverOption,
      MICROAGENT_NVIM_BASELINE: path.join(path.dirname(header), expect.baseline.file), MICROAGENT_NVIM_BASELINE_CODES: expect.baseline.codes.join(','),
      MICROAGENT_NVIM_COMPLETIONS: JSON.stringify(expect.baseline.completions.map((c) => c.at)),
      MICROAGENT_NVIM_WAIT_MS: String(expect.waitMs) },
  });
  if (r.status === 124) return { error: 'nvim did not finish within 60 s (killed by timeout)' };
  const line = (r.stdout ?? '').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('{')).pop();
  if (!line) return { error: `nvim printed no JSON (exit ${r.status}); stderr: ${(r.stderr ?? '').trim().slice(0, 400)}` };
  try { return JSON.parse(line); } catch (e) { return { error: `nvim printed bad JSON: ${line.slice(0, 200)}` }; }
}

/** The baseline's checks: its codes arrive (in a buffer of filetype json), each on the line fixture.mjs says. */
function baselineChecks(got, b) {
  if (!got || typeof got !== 'object') return [[`the baseline ${b.file} is checked`, false, 'nvim reported nothing for the baseline']];
  const diags = got.diagnostics ?? [];
  const codes = new Set(diags.map((d) => d.code));
  const placed = Object.entries(b.lines);
  return [
    [`${b.file} (filetype ${got.filetype}, detected ${got.detected_filetype || 'none'}) carries ${b.codes.join(', ')}`,
      got.filetype === 'json' && b.codes.every((c) => codes.has(c)), `saw ${[...codes].join(', ') || 'none'}`],
    [`${placed.map(([c, l]) => `${c} on line ${l + 1}`).join(', ')} of ${b.file}`,
      placed.every(([c, l]) => diags.some((d) => d.code === c && d.lnum === l)), diags.map((d) => `${d.code}@${d.lnum + 1}`).join(', ') || 'none'],
    // Our server labels values bare; each list gets its own rule types, each once.
    ...b.completions.map((c, i) => {
      const labels = got.completions?.[i] ?? [];
      return [`completion in an empty ruleType of ${c.list} offers ${c.offers} once and not ${c.notOffers}`,
        labels.filter((l) => l === c.offers).length === 1 && !labels.includes(c.notOffers), `${labels.length} items: ${labels.join(', ') || 'none'}`];
    }),
  ];
}

export async function runNeovimCheck() {
  const log = timedLog('neovim');
  if (!which('nvim')) return outcome('neovim', { skipped: 'nvim is not installed (apt-get install neovim)', seconds: log.elapsed() });
  if (!fs.existsSync(serverBundle)) return outcome('neovim', { failed: 1, error: `${serverBundle} is missing: run npm run build`, seconds: log.elapsed() });
  const ws = path.join(runsDir, 'neovim-workspace');
  const header = writeWorkspace(ws);
  const expect = expectations();
  const got = runNvim(header, expect);
  fs.writeFileSync(path.join(runsDir, 'neovim-result.json'), JSON.stringify(got, null, 2));
  if (got.error) {
    log(`FAIL ${got.error}`);
    return { ...outcome('neovim', { failed: 1, seconds: log.elapsed() }), error: got.error };
  }
  const diags = got.diagnostics ?? [];
  const codes = new Set(diags.map((d) => d.code));
  const unknownLine = faultyHeader.split('\n').findIndex((l) => l.includes(`#define ${expect.unknownOption}`));
  const hover = typeof got.hover === 'string' ? got.hover : '';
  const checks = [
    [`diagnostics carry ${expect.codes.join(', ')}`, expect.codes.every((c) => codes.has(c)), `saw ${[...codes].join(', ') || 'none'}`],
    [`the unknown option is reported on line ${unknownLine + 1}`, diags.some((d) => d.code === expect.codes[0] && d.lnum === unknownLine),
      diags.map((d) => `${d.code}@${d.lnum + 1}`).join(', ')],
    [`hover on ${expect.hoverOption} mentions ${expect.hoverMentions.join(', ')}`,
      expect.hoverMentions.every((w) => hover.toLowerCase().includes(w.toLowerCase())), hover.replace(/\s+/g, ' ').slice(0, 160) || '(no hover)'],
    ...baselineChecks(got.baseline, expect.baseline),
  ];
  let passed = 0;
  const errors = [];
  for (const [title, ok, detail] of checks) {
    log(`${ok ? 'PASS' : 'FAIL'} ${title}: ${detail}`);
    if (ok) passed += 1; else errors.push(`${title}: ${detail}`);
  }
  log(`Neovim ${got.nvim}: ${diags.length} diagnostics on ${expect.file}, ${got.baseline?.diagnostics?.length ?? 0} on ${expect.baseline.file}`);
  return { ...outcome('neovim', { passed, failed: checks.length - passed, seconds: log.elapsed() }), error: errors.join('; ') || undefined };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) exitWith(await runNeovimCheck());
