// The UI test run in code-server's workbench through Chromium: quick-open the faulty header, read the Problems
// panel, hover an option name and read the hover widget; quick-open the faulty baseline, read its codes in the
// Problems panel, trigger completion in an empty rule type and read the suggest widget, check that no baseline
// problem comes from VS Code's JSON support; take a screenshot.
// Each check is one pass or fail.
import { until } from './util.mjs';
import { applyQuickFix, codeLensSays, copyArtifact, filterPanel, hostileHtmlReport, hostileShownAsText, openFindingLocation, runFromPalette } from './ui-simulation.mjs';
import { nothingOnTheNameBeingTyped, oneHoverPerNode, oneOutline, outputSaysWhatItUses, suppressionLeavesCursorOnReason } from './ui-editing.mjs';
import { faultyHeader, HOVER_CONTROL_FILE, UNKNOWN_OPTION } from './fixture.mjs';

/** 0-based line of the faulty header holding `text`. */
const headerLine = (text) => faultyHeader.split('\n').findIndex((l) => l.includes(text));

async function palette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${command}`);
  // Enter before the list has filtered would run whatever was first, and a recently used command that also
  // matches may come first: wait for the row that is the command, and pick it.
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const index = await until(async () => {
    const texts = await rows.allInnerTexts().catch(() => []);
    const i = texts.findIndex((t) => t.split('\n')[0].trim() === command || t.replace(/\s+/g, ' ').trim().startsWith(`${command} `) || t.trim() === command);
    return i >= 0 ? i + 1 : false;
  }, 10000, `the palette to list "${command}"`, async () => (await rows.allInnerTexts().catch(() => [])).slice(0, 4).join(' | '));
  await rows.nth(index - 1).click();
}

/** Quick open (Ctrl+P) `file`, then wait until the active editor shows `shows`. Where several files share the
 *  name, the one at the workspace's root (no folder shown beside it) is picked. */
async function quickOpen(page, file, shows) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(file);
  // The suite's own file, not the example's or the hostile profile's namesake: theirs show their folder beside
  // the name, the root's none. Rows are recycled as results come in, so the keyboard picks it: move the focus
  // to it and press Enter once the focused row is the one.
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const describe = () => rows.evaluateAll((els) => els.map((el) => ({
    index: Number(el.getAttribute('data-index')), focused: el.classList.contains('focused'),
    label: el.querySelector('.label-name')?.textContent?.trim() ?? '', folder: el.querySelector('.label-description')?.textContent?.trim() ?? '',
  }))).catch(() => []);
  const isOwn = (r) => r.label === file && !/door-lock|hostile/.test(r.folder) && !r.folder.includes('/');
  let seen = [];
  await until(async () => {
    seen = await describe();
    const target = seen.find(isOwn);
    const focused = seen.find((r) => r.focused);
    if (!target) return false;
    if (focused && isOwn(focused)) return true;
    await page.keyboard.press(focused && focused.index > target.index ? 'ArrowUp' : 'ArrowDown');
    return false;
  }, 10000, `quick open to list ${file} and focus it`, () => seen.map((r) => `${r.focused ? '*' : ''}${r.label} ${r.folder}`).join(' | '));
  await page.keyboard.press('Enter');
  await until(async () => (await activeEditorText(page)).includes(shows), 20000, `the editor to show ${file}`);
  return `opened ${file}`;
}

/** Quick open a workspace-relative path (its name may be shared: the row must show its folder too). */
async function quickOpenPath(page, rel, shows) {
  const name = rel.split('/').pop();
  const dir = rel.split('/').slice(0, -1).join('/');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(rel);
  await until(async () => {
    const row = await page.locator('.quick-input-list .monaco-list-row').first().innerText().catch(() => '');
    return row.includes(name) && row.includes(dir);
  }, 10000, `quick open to list ${rel}`);
  await page.keyboard.press('Enter');
  await until(async () => (await activeEditorText(page)).includes(shows), 20000, `the editor to show ${rel}`);
  return `opened ${rel}`;
}

/** What the editor with keyboard focus (else the first one) shows. */
async function activeEditorText(page) {
  const focused = page.locator('.monaco-editor.focused .view-lines');
  const lines = (await focused.count()) ? focused.first() : page.locator('.monaco-editor .view-lines').first();
  return lines.innerText().catch(() => '');
}

/**
 * Opens the Problems panel and waits until it lists every code in `codes` and names every text in `names`.
 * On timeout it says which MA codes the panel did list (check-breaks.mjs reads that after "last seen:").
 */
async function problemsPanel(page, codes, names, waitMs, filter = '') {
  await palette(page, 'View: Focus Problems');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: 15000 });
  // The panel draws only the rows it has room for: a glob narrows it to the files the check is about.
  const filterBox = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  if (await filterBox.count()) {
    await filterBox.fill(filter);
    await page.keyboard.press('Enter');
  }
  let text = '';
  const listed = () => [...new Set(text.match(/MA\d{3}/g) ?? [])].join(', ') || 'no MA codes';
  await until(async () => {
    text = await panel.innerText().catch(() => '');
    return codes.every((c) => text.includes(c));
  }, waitMs, `the Problems panel to list ${codes.join(', ')}`, () => `${listed()} in: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
  const missing = names.filter((n) => !text.includes(n));
  if (missing.length) throw new Error(`the Problems panel does not name ${missing.join(', ')}: ${text.slice(0, 300)}`);
  return text.split('\n').filter((l) => codes.some((c) => l.includes(c))).slice(0, 6).map((l) => l.slice(0, 120)).join(' | ');
}

/** A value's label without JSON quotes: VS Code's JSON support labels `"X"`, our server `X`. */
const valueOf = (label) => (/^".*"$/.test(label) ? label.slice(1, -1) : label);

/**
 * Puts the cursor between the quotes of an empty `"ruleType": ""` with Go to Line/Column (Ctrl+G, then
 * `:line:column`, 1-based), presses Ctrl+Space and reads the suggest widget: it must list `c.offers` once (quoted
 * from VS Code's JSON support or bare from our server: either, not both) and not `c.notOffers` in either form.
 */
async function suggestRuleType(page, c) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  // Filling replaces the ':' prefix Ctrl+G starts with; without it the text becomes a file search.
  await input.fill(`:${c.at.line + 1}:${c.at.character + 1}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  const widget = page.locator('.suggest-widget.visible');
  let labels = [];
  await until(async () => {
    // Ctrl+Space again when the widget closed (it does when the list was still empty as the server started).
    if (!(await widget.count())) await page.keyboard.press('Control+Space');
    await widget.first().waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
    labels = (await widget.first().locator('.monaco-list-row .label-name').allInnerTexts().catch(() => [])).map((l) => l.trim());
    return labels.some((l) => valueOf(l) === c.offers);
  }, 30000, `the suggest widget in ${c.list} to list ${c.offers}`, () => labels.join(', ') || '(no suggest widget)');
  if (labels.some((l) => valueOf(l) === c.notOffers)) throw new Error(`the suggest widget in ${c.list} lists ${c.notOffers}, a type of another list: ${labels.join(', ')}`);
  const twice = [...new Set(labels.map(valueOf))].filter((v) => labels.filter((l) => valueOf(l) === v).length > 1);
  if (twice.length) throw new Error(`the suggest widget in ${c.list} lists ${twice.join(', ')} more than once: ${labels.join(', ')}`);
  return `${labels.length} rows: ${labels.join(', ')}`;
}

/**
 * The Problems panel's markers by file, in the order shown: `{ file, markers: [{ text, source }] }`. A marker
 * row (tree level 2) shows its source before the code, "microagent(MA202)"; VS Code's JSON support's show none.
 */
async function problemsByFile(page) {
  return page.locator('.markers-panel').first().evaluate((panel) => {
    const rows = [...panel.querySelectorAll('.monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
    const files = [];
    for (const row of rows) {
      const level = row.getAttribute('aria-level');
      if (level === '1') files.push({ file: row.innerText.split('\n')[0].trim(), markers: [] });
      else if (level === '2' && files.length) {
        const source = row.querySelector('.marker-source')?.textContent?.trim() ?? '';
        files[files.length - 1].markers.push({ text: row.innerText.replace(/\s+/g, ' ').trim().slice(0, 120), source });
      }
    }
    return files;
  });
}

/**
 * The baseline's rows in the Problems panel are all our server's: none from VS Code's JSON support. The positive
 * control: quick-open the baseline's twin under the strict schema and wait until its non-microagent rows show
 * (VS Code's JSON support validates and the panel shows what it reports); then the baseline must have none.
 * Reopens the baseline afterwards so the screenshot shows it.
 */
async function noForeignProblems(page, b, waitMs) {
  const controlName = b.strictControl.split('/').pop();
  await quickOpen(page, controlName, '"$schema"');
  await palette(page, 'View: Focus Problems');
  // The panel lists only the rows it has room for: make room for all three files.
  await palette(page, 'View: Toggle Maximized Panel');
  try {
    return await baselineRowsAllOurs(page, b, controlName, waitMs);
  } finally {
    await palette(page, 'View: Toggle Maximized Panel');
    await quickOpen(page, b.file, '203.0.113.0/24');
  }
}

async function baselineRowsAllOurs(page, b, controlName, waitMs) {
  const isOurs = (m) => m.source.startsWith('microagent');
  let files = [];
  const seen = () => files.map((f) => `${f.file}: ${f.markers.map((m) => m.source || '(no source)').join(', ')}`).join(' | ');
  await until(async () => {
    files = await problemsByFile(page).catch(() => []);
    const control = files.find((f) => f.file.startsWith(controlName));
    const baseline = files.find((f) => f.file.startsWith(b.file));
    return control?.markers.some((m) => !isOurs(m)) && baseline?.markers.some(isOurs);
  }, waitMs, `the Problems panel to list VS Code's JSON reports on ${controlName} and ours on ${b.file}`, seen);
  const foreign = files.find((f) => f.file.startsWith(b.file)).markers.filter((m) => !isOurs(m));
  if (foreign.length) throw new Error(`the Problems panel lists ${foreign.length} rows on ${b.file} not from microagent: ${foreign.map((m) => m.text).join(' | ')}`);
  const control = files.find((f) => f.file.startsWith(controlName));
  return `${b.file}: ${files.find((f) => f.file.startsWith(b.file)).markers.length} rows, all microagent; control ${controlName}: ${control.markers.filter((m) => !isOurs(m)).length} from VS Code's JSON support`;
}

/** The option name's token on screen; the C grammar gives it its own span, else fall back to the line. */
async function optionTarget(page, name) {
  const token = page.locator('.view-lines .view-line span span', { hasText: new RegExp(`^${name}$`) }).first();
  if (await token.count()) return token.boundingBox();
  const line = page.locator('.view-lines .view-line', { hasText: `#define ${name}` }).first();
  const box = await line.boundingBox();
  if (!box) return null;
  const text = await line.innerText();
  const charWidth = box.width / Math.max(1, text.length);
  return { x: box.x + charWidth * '#define '.length, y: box.y, width: charWidth * name.length, height: box.height };
}

async function hover(page, expect) {
  // Close the panel's focus so the mouse hover goes to the editor.
  await page.keyboard.press('Escape');
  let text = '';
  await until(async () => {
    const box = await optionTarget(page, expect.hoverOption);
    if (!box) return false;
    // Move off and back on: the hover controller starts on a mouse move over the word.
    await page.mouse.move(box.x + box.width / 2, box.y - 200);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const widget = page.locator('.monaco-hover:not(.hidden)').first();
    await widget.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
    text = await widget.innerText().catch(() => '');
    return expect.hoverMentions.every((w) => text.toLowerCase().includes(w.toLowerCase()));
  }, 30000, `a hover on ${expect.hoverOption} mentioning ${expect.hoverMentions.join(', ')}`, () => text.slice(0, 300));
  // The widget fades in; the screenshot that follows should show it whole.
  await until(() => page.locator('.monaco-hover:not(.hidden)').first()
    .evaluate((el) => getComputedStyle(el).opacity === '1').catch(() => false), 5000, 'the hover to finish fading in');
  return text.replace(/\s+/g, ' ').slice(0, 160);
}

/** The checks of ui-editing.mjs, on the suite's header and baseline; the server restart comes last. */
function editingChecks(page, expect, env) {
  const h = { palette, quickOpen, quickOpenPath, workspace: env.workspace, runDir: env.runDir, original: faultyHeader };
  const b = expect.baseline;
  return [
    { title: '"suppress on this line" leaves the cursor on the reason: typing replaces the placeholder, no MA001', fn: () => suppressionLeavesCursorOnReason(page, {
      ...h, file: expect.file, line: headerLine('#define ASC_HIGH_PRIORITY_INTERVAL 0'), character: '#define ASC_HIGH_PRIORITY_INTERVAL '.length, code: 'MA103' }) },
    { title: 'nothing is reported on a name while it is typed (completion open), and it is once the user types elsewhere', fn: () => nothingOnTheNameBeingTyped(page, {
      ...h, file: expect.file, typoLine: headerLine(UNKNOWN_OPTION), typo: UNKNOWN_OPTION, valueLine: headerLine('#define ASC_HIGH_PRIORITY_INTERVAL 0') }) },
    { title: 'a baseline key and a rule type have one hover each (a strict-schema control has two)', fn: () => oneHoverPerNode(page, {
      ...h, file: b.file, shows: b.shows, needles: ['"isEnabled"', '"ActiveConnectionsNotInAllowedRange"', '"timeWindowRules"'],
      control: { file: HOVER_CONTROL_FILE, shows: '"$schema"', needle: '"isEnabled"' } }) },
    { title: 'a baseline has one outline', fn: () => oneOutline(page, { ...h, file: b.file, shows: b.shows }) },
    { title: 'the output channel says what the server uses at start, and a restart says it restarted', fn: () => outputSaysWhatItUses(page, h) },
  ];
}

/**
 * Runs the checks in order and returns one entry per check. A check marked `opens` opens a file: when it fails,
 * the checks after it that need that file are reported as not run; every other failure stands alone.
 */
export async function runUiChecks(page, expect, screenshotPath, log, env = {}) {
  const b = expect.baseline;
  const sim = expect.simulation;
  const panelShot = screenshotPath.replace(/\.png$/, '-panel.png');
  let frame;
  const fixFile = sim.fix.file;
  // The UI completes in the allowlist: it has three rule types, so the suggest widget shows them all unscrolled.
  const uiCompletion = b.completions.find((c) => c.list === 'allowlistRules') ?? b.completions[0];
  const checks = [
    { title: 'quick open shows the faulty asc_config.h', opens: 'header', fn: () => quickOpen(page, expect.file, expect.unknownOption) },
    { title: 'the Problems panel lists the expected codes', needs: 'header', fn: async () => {
      // The panel covers the whole workspace (checked on opening): narrowed to the header's name.
      try {
        return await problemsPanel(page, expect.codes, [expect.unknownOption], expect.waitMs, expect.file);
      } finally {
        await problemsPanel(page, [], [], 5000, '');
        await quickOpen(page, expect.file, expect.unknownOption);
      }
    } },
    { title: 'hovering an option name shows its meaning', needs: 'header', fn: () => hover(page, expect) },
    { title: `quick open shows the faulty ${b.file}`, opens: 'baseline', fn: () => quickOpen(page, b.file, '203.0.113.0/24') },
    { title: 'the Problems panel lists the baseline codes', needs: 'baseline', fn: async () => {
      const r = await problemsPanel(page, b.codes, [b.file], expect.waitMs, b.file);
      await problemsPanel(page, [], [], 5000, '');
      // Back to the suite's own baseline (its 203.0.113.0/24 is in no other baseline).
      await quickOpen(page, b.file, '203.0.113.0/24');
      return r;
    } },
    { title: `Ctrl+Space in an empty ruleType suggests ${uiCompletion.offers}, once`, needs: 'baseline', fn: () => suggestRuleType(page, uiCompletion) },
    { title: 'the Problems panel lists nothing from VS Code\'s JSON support on the baseline', needs: 'baseline', fn: () => noForeignProblems(page, b, expect.waitMs) },
    { title: 'a screenshot is written', fn: async () => { await page.screenshot({ path: screenshotPath }); return screenshotPath; } },
    { title: 'Run Simulation from the command palette fills the alert panel', opens: 'panel', fn: async () => {
      const r = await runFromPalette(page, palette, sim.profile.split('/')[0]);
      frame = r.frame;
      return r.detail;
    } },
    { title: 'a screenshot of the alert panel is written', needs: 'panel', fn: async () => {
      // The panel alone, a finding's details open: the picture the README shows.
      await palette(page, 'View: Hide Panel');
      await palette(page, 'View: Close Primary Side Bar');
      await frame.locator('table.findings tbody tr.finding', { hasText: 'MA400' }).first().click();
      await frame.locator('section.details').waitFor({ state: 'visible', timeout: 10000 });
      await page.screenshot({ path: panelShot });
      copyArtifact(panelShot, 'alert-panel-latest.png');
      await palette(page, 'View: Toggle Primary Side Bar Visibility');
      return panelShot;
    } },
    { title: 'the panel\'s filter narrows the table', needs: 'panel', fn: () => filterPanel(frame, 'MA410') },
    { title: 'a finding\'s location in the panel opens the rule at its range', needs: 'panel', fn: () => openFindingLocation(page, frame, 'MA410', sim.rule.line) },
    { title: 'a code lens above the rule says how often it fired', needs: 'panel', fn: () => codeLensSays(page, 'fired') },
    { title: 'the Problems panel lists the simulation\'s findings', needs: 'panel', fn: async () => {
      await palette(page, 'View: Toggle Maximized Panel');
      try {
        return await problemsPanel(page, sim.codes, ['Micro Agent simulation'], expect.waitMs, `${sim.profile.split('/')[0]}/**`);
      } finally {
        await problemsPanel(page, [], [], 5000, '');
        await palette(page, 'View: Toggle Maximized Panel');
      }
    } },
    { title: 'a finding\'s quick fix applies in the editor', needs: 'panel', fn: async () => {
      await quickOpenPath(page, fixFile, 'ASC_');
      const label = await applyQuickFix(page, sim.fix.line, sim.fix.titleStarts, new RegExp(sim.fix.lineAfter));
      await palette(page, 'File: Revert File');
      return label;
    } },
    { title: 'markup and script in the inputs show as text in the panel, and none of it runs', opens: 'hostile', fn: async () => {
      const r = await runFromPalette(page, palette, sim.hostile.profile.split('/')[0]);
      return hostileShownAsText(r.frame, sim.hostile);
    } },
    { title: 'markup and script in the inputs show as text in the HTML report, and none of it runs', fn: () => hostileHtmlReport(page.context(), env.workspace, sim.hostile, env.runDir) },
    // The editor as a user meets it (issue 8, item 10). Each puts back what it changed.
    ...editingChecks(page, expect, env),
  ];
  const results = [];
  const notOpened = new Set();
  for (const { title, opens, needs, fn } of checks) {
    if (needs && notOpened.has(needs)) { results.push({ title, ok: false, detail: `not run: the ${needs} did not open` }); continue; }
    try {
      const detail = await fn();
      results.push({ title, ok: true, detail });
      log(`PASS ${title}: ${detail}`);
    } catch (e) {
      if (opens) notOpened.add(opens);
      results.push({ title, ok: false, detail: e.message });
      log(`FAIL ${title}: ${e.message}`);
      await page.screenshot({ path: screenshotPath.replace(/\.png$/, `-fail-${results.length}.png`) }).catch(() => {});
      // Whatever the failed check left open (a widget, a picker) must not trip the next one.
      await page.keyboard.press('Escape').catch(() => {});
    }
  }
  return results;
}
