// The alert panel and the HTML report are safe with hostile inputs (issue 10, item 4): the corpus of
// hostile-corpus.mjs is simulated with the bundled CLI, then its HTML report (as written, and again with its
// content security policy taken out) and the panel's page (dist/panel/panel.js in a plain page with a stub
// acquireVsCodeApi, and no CSP: the page's own escaping must hold without it) are opened in one headless
// Chromium session. Each finding is selected in turn so its details render too. Checked on every page: no script
// of the inputs ran (the mark they set, dialogs, console errors, requests for anything but the page's own files),
// no element of their markup exists, and every field's text is on the page as text.
// MICROAGENT_BREAK_ESCAPING=1 plays an escaping bug (one field put in raw, in the report and in the panel): every
// check must then fail (check-breaks.mjs asserts it).
// Usage: node test/real-editor/hostile-render.mjs   (after npm run build)
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { repoRoot, runsDir } from './paths.mjs';
import { setup } from './setup.mjs';
import { chromiumFlags, loadPlaywright } from './run-code-server.mjs';
import { MARK, writeHostileCorpus } from './hostile-corpus.mjs';
import { exitWith, outcome, timedLog } from './util.mjs';

const cli = path.join(repoRoot, 'dist', 'cli', 'microagent.js');
const breakEscaping = process.env.MICROAGENT_BREAK_ESCAPING === '1';
const panelDir = path.join(repoRoot, 'dist', 'panel');

function simulate(profile, format, out) {
  const r = spawnSync(process.execPath, [cli, 'simulate', '--profile', profile, '--format', format, '-o', out, '--force'], { cwd: path.dirname(profile), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`microagent simulate --format ${format} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

/** The panel's page as the extension serves it, minus the CSP and nonce, with a stub for VS Code's webview API. */
function panelPage(file) {
  const asset = (name) => pathToFileURL(path.join(panelDir, name)).href;
  fs.writeFileSync(file, `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<link rel="stylesheet" href="${asset('codicon.css')}"><link rel="stylesheet" href="${asset('panel.css')}">
<title>panel under test</title></head>
<body><div id="app"></div>
<script>
window.posted = [];
let saved;
function acquireVsCodeApi() { return { postMessage: (m) => window.posted.push(m), getState: () => saved, setState: (s) => { saved = s; } }; }
</script>
<script src="${asset('panel.js')}"></script>
</body></html>
`);
  return [pathToFileURL(file).href, ...['codicon.css', 'panel.css', 'panel.js', 'codicon.ttf'].map(asset)];
}

/** Watches a page for what an injected script would cause. */
function watch(page, allowedUrls) {
  const seen = { dialogs: [], consoleErrors: [], pageErrors: [], requests: [] };
  page.on('dialog', (d) => { seen.dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss().catch(() => {}); });
  page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  // The icon font is asked for with a cache-busting query: the file is what counts.
  page.on('request', (r) => { if (!allowedUrls.includes(r.url().replace(/\?.*$/, '')) && !r.url().startsWith('data:')) seen.requests.push(r.url()); });
  return seen;
}

/** What the page holds that only the inputs' markup could have put there. */
function injectedElements(page, root, ownSvgClass) {
  return page.evaluate(({ root, ownSvgClass, mark }) => {
    const scope = document.querySelector(root) ?? document.body;
    const found = [];
    for (const e of scope.querySelectorAll('*')) {
      const on = [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name);
      if (on.length) found.push(`<${e.tagName.toLowerCase()} ${on.join(' ')}>`);
      else if (['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'B', 'STYLE', 'LINK', 'META', 'BASE', 'FORM'].includes(e.tagName.toUpperCase())) found.push(`<${e.tagName.toLowerCase()}>`);
      else if (e.tagName.toLowerCase() === 'svg' && !e.classList.contains(ownSvgClass)) found.push('<svg> not ours');
    }
    return { found, marked: window[mark] };
  }, { root, ownSvgClass, mark: MARK });
}

/** Text a user can read or hear: the content, plus titles and labels (tooltips, screen readers). */
function pageText(page, root) {
  return page.evaluate((root) => {
    const scope = document.querySelector(root) ?? document.body;
    const attrs = [...scope.querySelectorAll('[title], [aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`);
    return `${scope.textContent}\n${attrs.join('\n')}`;
  }, root);
}

function problemsOf(where, seen, injected, text, expected) {
  const problems = [];
  if (injected.marked !== undefined) problems.push(`${where}: a script from the inputs ran (window.${MARK} = '${injected.marked}')`);
  if (injected.found.length) problems.push(`${where}: markup from the inputs became elements: ${[...new Set(injected.found)].slice(0, 8).join(', ')}`);
  if (seen.dialogs.length) problems.push(`${where}: ${seen.dialogs.length} dialogs opened: ${[...new Set(seen.dialogs)].slice(0, 5).join('; ')}`);
  if (seen.pageErrors.length || seen.consoleErrors.length) problems.push(`${where}: errors: ${[...seen.pageErrors, ...seen.consoleErrors].slice(0, 3).map((e) => e.slice(0, 160)).join('; ')}`);
  if (seen.requests.length) problems.push(`${where}: requests beyond its own files: ${[...new Set(seen.requests)].slice(0, 5).join(', ')}`);
  const missing = Object.entries(expected).filter(([, t]) => !text.includes(t)).map(([field]) => field);
  if (missing.length) problems.push(`${where}: not shown as text: ${missing.join(', ')}`);
  return problems;
}

async function checkReport(context, file, expected, where) {
  const page = await context.newPage();
  try {
    const seen = watch(page, [pathToFileURL(file).href]);
    await page.goto(pathToFileURL(file).href);
    await page.waitForLoadState('load');
    return problemsOf(where, seen, await injectedElements(page, 'body', 'tl'), await pageText(page, 'body'), expected);
  } finally {
    await page.close();
  }
}

async function checkPanel(context, pageFile, run, expected, raw) {
  const page = await context.newPage();
  try {
    const seen = watch(page, panelPage(pageFile));
    await page.goto(pathToFileURL(pageFile).href);
    await page.waitForFunction(() => window.posted?.some((m) => m.type === 'ready'), undefined, { timeout: 15000 });
    await page.evaluate((r) => window.postMessage({ type: 'run', run: r }, '*'), run);
    await page.waitForSelector('table.findings tbody tr.finding', { timeout: 15000 });
    if (raw) await page.evaluate((html) => document.getElementById('app').insertAdjacentHTML('beforeend', `<p>${html}</p>`), raw);
    const rows = await page.locator('table.findings tbody tr.finding').count();
    // Each finding's details, one after another: the evidence, the rule, the locations.
    let text = await pageText(page, '#app');
    const problems = [];
    for (let i = 0; i < rows; i++) {
      await page.locator('table.findings tbody tr.finding').nth(i).click();
      await page.waitForSelector('section.details', { timeout: 5000 });
      text += `\n${await pageText(page, '#app')}`;
      const injected = await injectedElements(page, '#app', 'chart');
      if (injected.marked !== undefined || injected.found.length) {
        problems.push(...problemsOf(`panel, finding ${i + 1}`, seen, injected, text, {}));
        break;
      }
    }
    problems.push(...problemsOf('panel', seen, await injectedElements(page, '#app', 'chart'), text, expected));
    return { problems, rows };
  } finally {
    await page.close();
  }
}

export async function runHostileRender({ tools } = {}) {
  const log = timedLog('hostile');
  const t = tools ?? setup({ codeServer: false });
  if (!t.chromium) return outcome('hostile', { skipped: `no chromium (${t.problems.join('; ') || 'not installed'})`, seconds: log.elapsed() });
  for (const f of [cli, path.join(panelDir, 'panel.js')]) {
    if (!fs.existsSync(f)) return { ...outcome('hostile', { failed: 1, seconds: log.elapsed() }), error: `${f} is missing: run npm run build` };
  }
  let playwright;
  try {
    playwright = loadPlaywright();
  } catch (e) {
    return outcome('hostile', { skipped: e.message, seconds: log.elapsed() });
  }
  const dir = path.join(runsDir, 'hostile');
  const { profile, expected } = writeHostileCorpus(path.join(dir, 'workspace'));
  const reportFile = path.join(dir, 'report.html');
  const resultFile = path.join(dir, 'result.json');
  const checks = [];
  let browser;
  try {
    simulate(profile, 'html', reportFile);
    simulate(profile, 'json', resultFile);
    // The report again without its CSP: the escaping alone must keep the inputs inert.
    const bare = path.join(dir, 'report-without-csp.html');
    const raw = breakEscaping ? expected.report['device id'] : undefined;
    if (raw) fs.writeFileSync(reportFile, fs.readFileSync(reportFile, 'utf8').replace('</main>', `<p>${raw}</p></main>`));
    const html = fs.readFileSync(reportFile, 'utf8');
    const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    if (withoutCsp === html) throw new Error('the HTML report has no Content-Security-Policy meta to take out: the check is out of date');
    fs.writeFileSync(bare, withoutCsp);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    // As the extension gives it to the panel (client/panel/protocol.ts), with a title that is markup too.
    const title = `run<img src=x onerror="window.${MARK}='title'">`;
    const run = { result, title, target: profile, finishedAt: Date.now(), root: path.dirname(profile), configSource: 'RTOS_BASE defaults' };

    browser = await playwright.chromium.launch({ executablePath: t.chromium, headless: true, args: chromiumFlags });
    const context = await browser.newContext({ javaScriptEnabled: true });
    const report = await checkReport(context, reportFile, expected.report, 'HTML report');
    checks.push({ title: `the HTML report shows its ${Object.keys(expected.report).length} hostile fields as text, and none of it runs`, problems: report });
    checks.push({ title: 'the HTML report without its CSP: the escaping alone keeps the inputs inert', problems: await checkReport(context, bare, expected.report, 'HTML report without CSP') });
    const panel = await checkPanel(context, path.join(dir, 'panel.html'), run, { ...expected.panel, 'run title': title }, raw);
    checks.push({ title: `the alert panel (no CSP, each of its ${panel.rows} findings opened) shows its ${Object.keys(expected.panel).length + 1} hostile fields as text, and none of it runs`, problems: panel.problems });
  } catch (e) {
    checks.push({ title: 'hostile inputs rendered', problems: [String(e?.stack ?? e)] });
  } finally {
    await browser?.close().catch(() => {});
  }
  let passed = 0;
  let failed = 0;
  const errors = [];
  for (const c of checks) {
    if (c.problems.length) {
      failed++;
      errors.push(...c.problems);
      log(`FAIL ${c.title}\n    ${c.problems.join('\n    ')}`);
    } else {
      passed++;
      log(`PASS ${c.title}`);
    }
  }
  log(`corpus and pages: ${dir}`);
  return { ...outcome('hostile', { passed, failed, seconds: log.elapsed() }), error: errors.join('; ') || undefined };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) exitWith(await runHostileRender());
