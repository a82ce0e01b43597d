// The simulation's UI checks in code-server's workbench through Chromium: Run Simulation from the command
// palette, the alert panel filling, its filter, a finding's location opening the rule at its range, the
// findings in the Problems panel, the code lens on the rule, a quick fix, a screenshot of the panel; then the
// hostile profile (markup and script in a DNS name, feed comments, a file name, a group and a device id):
// shown as text in the panel and in the HTML report, and no script of theirs ran.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths.mjs';
import { until } from './util.mjs';

/** The alert panel's frame (the webview's inner frame holding #app), once it has rendered `what`. */
export async function panelFrame(page, what, ms = 60000) {
  let seen = '';
  return until(async () => {
    for (const f of page.frames()) {
      const has = await f.evaluate((sel) => !!document.querySelector(sel), what).catch(() => false);
      if (has) return f;
      const app = await f.evaluate(() => document.getElementById('app')?.innerText ?? '').catch(() => '');
      if (app) seen = app.slice(0, 200);
    }
    return false;
  }, ms, `the alert panel to show ${what}`, () => seen || `${page.frames().length} frames, none with the panel`);
}

async function palettePick(page, palette, command, pick) {
  await palette(page, command);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15000 });
  await input.fill(pick);
  await until(async () => (await page.locator('.quick-input-list .monaco-list-row').first().innerText().catch(() => '')).includes(pick), 15000, `the pick to list ${pick}`);
  await page.keyboard.press('Enter');
}

/** The panel's summary line (it names the run and when it finished), or '' when no panel shows a run. */
async function panelSummary(page) {
  for (const f of page.frames()) {
    const t = await f.evaluate(() => document.querySelector('#app section.summary')?.textContent ?? '').catch(() => '');
    if (t) return t;
  }
  return '';
}

export async function runFromPalette(page, palette, profile) {
  // An earlier run (the in-host suite's) may already fill the panel: wait for this run's summary instead.
  const before = await panelSummary(page);
  await palettePick(page, palette, 'Micro Agent: Run Simulation', profile);
  await until(async () => { const now = await panelSummary(page); return now && now !== before; }, 120000, `the panel to show the run of ${profile}`, () => before.slice(0, 120));
  // The panel keeps its filters across runs (as a user set them): clear them to see every finding.
  const withTable = await panelFrame(page, 'table.findings');
  const clearButton = withTable.locator('.filters button', { hasText: 'Clear' });
  if (await clearButton.count()) await clearButton.click();
  const frame = await panelFrame(page, 'table.findings tbody tr.finding', 120000);
  const rows = await frame.locator('table.findings tbody tr.finding').count();
  const caption = await frame.locator('table.findings caption').innerText();
  return { frame, detail: `${rows} rows: ${caption}` };
}

export async function filterPanel(frame, text) {
  const before = await frame.locator('table.findings tbody tr.finding').count();
  await frame.locator('input[type=search]').fill(text);
  let rows = [];
  await until(async () => {
    rows = await frame.locator('table.findings tbody tr.finding').allInnerTexts();
    return rows.length > 0 && rows.length < before && rows.every((r) => r.includes(text));
  }, 10000, `the filter "${text}" to narrow the table from ${before} rows`, () => rows.map((r) => r.slice(0, 40)).join(' | '));
  return `${before} rows -> ${rows.length} with "${text}"`;
}

/** Selects the finding with `code`, clicks its first location, and waits until the editor's cursor is on `line` (0-based). */
export async function openFindingLocation(page, frame, code, line) {
  await frame.locator('table.findings tbody tr.finding', { hasText: code }).first().click();
  const link = frame.locator('section.details ul.locations button.link').first();
  await link.waitFor({ state: 'visible', timeout: 10000 });
  const where = await link.innerText();
  await link.click();
  let status = '';
  await until(async () => {
    status = await page.locator('[id="status.editor.selection"]').innerText().catch(() => '');
    return status.includes(`Ln ${line + 1},`);
  }, 15000, `the editor's cursor on line ${line + 1}`, () => status);
  return `${where.trim()} -> ${status.trim()}`;
}

export async function codeLensSays(page, text) {
  let lenses = [];
  await until(async () => {
    lenses = await page.locator('.contentWidgets .codelens-decoration, .codelens-decoration').allInnerTexts().catch(() => []);
    return lenses.some((l) => l.includes(text));
  }, 20000, `a code lens saying "${text}"`, () => lenses.join(' | ') || '(no code lens)');
  return lenses.find((l) => l.includes(text));
}

/** Ctrl+. on `line` (0-based) of the open editor, picks the quick fix starting `title`, and waits for `after` on screen. */
export async function applyQuickFix(page, line, title, after) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line + 1}:1`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  await page.keyboard.press('Control+.');
  // The quick fix list takes the keyboard: move down to the fix (headers are skipped) and press Enter.
  const actions = page.locator('.action-widget .monaco-list-row.action');
  let labels = [];
  const index = await until(async () => {
    labels = (await actions.allInnerTexts().catch(() => [])).map((t) => t.trim());
    const i = labels.findIndex((l) => l.includes(title));
    return i >= 0 ? i + 1 : false;
  }, 15000, `the quick fix list to offer "${title}"`, () => labels.join(' | ') || '(no quick fix list)');
  const label = labels[index - 1];
  for (let k = 1; k < index; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('.monaco-editor.focused .view-lines').innerText().catch(() => '')).match(after), 10000, `the editor to show ${after} after the quick fix`);
  return label.trim();
}

/** The hostile strings are on screen as text, and none of their scripts set the mark. */
export async function hostileShownAsText(frame, hostile) {
  const pwned = await frame.evaluate((mark) => (window)[mark], hostile.mark);
  if (pwned !== undefined) throw new Error(`a script from the inputs ran in the panel (window.${hostile.mark} = ${pwned})`);
  const rows = frame.locator('table.findings tbody tr.finding');
  await rows.first().click();
  const text = await frame.locator('#app').innerText();
  for (const needle of [hostile.text, '<script>', 'onload=']) if (!text.includes(needle)) throw new Error(`the panel does not show "${needle}" as text`);
  const markup = await frame.evaluate(() => document.querySelectorAll('#app img, #app script, #app b, #app svg:not(.chart):not(.chart *)').length);
  if (markup) throw new Error(`${markup} elements from the inputs' markup are in the panel's DOM`);
  return `window.${hostile.mark} unset; "${hostile.text}" and the script tags shown as text`;
}

/** The hostile run's HTML report, opened in the same browser: text shown, no script run. */
export async function hostileHtmlReport(context, workspace, hostile, runDir) {
  const out = path.join(runDir, 'hostile-report.html');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli', 'microagent.js'), 'simulate', '--profile', hostile.profile, '--format', 'html', '-o', out], { cwd: workspace, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`microagent simulate --format html failed: ${r.stderr}`);
  const page = await context.newPage();
  try {
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${out}`);
    const pwned = await page.evaluate((mark) => (window)[mark], hostile.mark);
    if (pwned !== undefined) throw new Error(`a script from the inputs ran in the HTML report (window.${hostile.mark} = ${pwned})`);
    const text = await page.locator('body').innerText();
    if (!text.includes(hostile.text)) throw new Error(`the HTML report does not show "${hostile.text}" as text`);
    const markup = await page.evaluate(() => document.querySelectorAll('img, script, b').length);
    if (markup) throw new Error(`${markup} elements from the inputs' markup are in the report's DOM`);
    return `${path.basename(out)}: text shown, no script ran${errors.length ? `, page errors: ${errors.join('; ')}` : ''}`;
  } finally {
    await page.close();
  }
}

export function copyArtifact(from, name) {
  const dir = path.join(repoRoot, 'test', 'real-editor', '.run');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(from, path.join(dir, name));
}
