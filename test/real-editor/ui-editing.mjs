// The editor as a user meets it (issue 8, item 10), in code-server's workbench: "suppress on this line" leaves
// the cursor on the reason (typing replaces the placeholder); a half-typed name gets no problem while it is
// typed, and gets it once the user types elsewhere; a baseline key and a rule type each have one hover; a
// baseline has one outline; the output channel says what the server works from, and that it restarted.
import fs from 'node:fs';
import path from 'node:path';
import { until } from './util.mjs';

/** The text of the line the cursor is on in the focused editor (Monaco draws only lines in view: the cursor's is). */
async function cursorLine(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.monaco-editor.focused');
    const cursor = editor?.querySelector('.cursors-layer .cursor');
    if (!editor || !cursor) return '';
    const top = cursor.getBoundingClientRect().top;
    const lines = [...editor.querySelectorAll('.view-lines .view-line')];
    const line = lines.find((l) => Math.abs(l.getBoundingClientRect().top - top) < 3);
    return line?.textContent?.replace(/\u00a0/g, ' ') ?? '';
  });
}

/**
 * The Problems panel, narrowed to `file`: a function that reads the markers our server put on the workspace's
 * root `file` (source "microagent"; not the rows the `microagent check` task's problem matcher left, nor those
 * of a namesake in a folder), as "CODE message" lines.
 */
async function serverProblems(page, palette, file) {
  await palette(page, 'View: Focus Problems');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: 15000 });
  const box = page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  if (await box.count()) {
    await box.fill(file);
    await page.keyboard.press('Enter');
  }
  // The panel draws only the rows in view: scrolled to the top, where the workspace root's file comes first.
  return async () => (await panel.first().hover({ position: { x: 60, y: 30 } }).catch(() => {}), await page.mouse.wheel(0, -5000), panel.first().evaluate((el, name) => {
    const rows = [...el.querySelectorAll('.monaco-list-row')].sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
    const out = [];
    let mine = false;
    for (const row of rows) {
      if (row.getAttribute('aria-level') === '1') {
        const label = row.querySelector('.label-name')?.textContent?.trim();
        const folder = row.querySelector('.label-description')?.textContent?.trim() ?? '';
        mine = label === name && folder === '';
      } else if (mine) {
        const source = row.querySelector('.marker-source')?.textContent?.trim() ?? '';
        if (!/^microagent\b/.test(source) || /^microagent check/.test(source)) continue;
        const code = /MA\d{3}/.exec(source)?.[0] ?? /MA\d{3}/.exec(row.textContent)?.[0] ?? '';
        out.push(`${code} ${row.querySelector('.marker-message-details, .marker-message')?.textContent?.trim() ?? row.textContent.trim()}`);
      }
    }
    return out.join('\n');
  }, file).catch(() => ''));
}

/**
 * Puts `file` back as the fixture wrote it: reverted when the editor holds unsaved changes, and written back on
 * disk when it was saved (VS Code saves the files a refactoring changed: `files.refactoring.autoSave`); waits
 * until the editor no longer shows `gone`.
 */
async function restore(page, { quickOpen, palette, workspace }, file, original, gone) {
  const shown = () => page.locator('.monaco-editor.focused .view-lines').first().innerText().catch(() => '');
  await page.keyboard.press('Escape');
  await quickOpen(page, file, 'ASC_');
  await palette(page, 'File: Revert File');
  fs.writeFileSync(path.join(workspace, file), original);
  await until(async () => {
    await quickOpen(page, file, 'ASC_');
    return !(await shown()).includes(gone);
  }, 30000, `${file} to be back as written (no more "${gone}")`, shown);
}

async function goTo(page, line, character = 0) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`:${line + 1}:${character + 1}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
}

/** Opens the quick fix list on the cursor's line and picks the fix whose title starts with `title`. */
async function pickQuickFix(page, title) {
  const actions = page.locator('.action-widget .monaco-list-row.action');
  let labels = [];
  let asked = 0;
  const index = await until(async () => {
    // Asked again while the list is not up: the first ask may come before the server has the line's problems.
    if (!(await actions.count()) && asked++ % 5 === 0) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
    }
    labels = (await actions.allInnerTexts().catch(() => [])).map((t) => t.trim());
    const i = labels.findIndex((l) => l.startsWith(title));
    return i >= 0 ? i + 1 : false;
  }, 20000, `the quick fix list to offer "${title}"`, () => labels.join(' | ') || '(no quick fix list)');
  for (let k = 1; k < index; k++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  return labels[index - 1];
}

/**
 * "Suppress MA103 on this line" on the header's 0 s interval: the comment goes in above it with the cursor on the
 * reason's placeholder, selected, so the words typed next replace it; MA103 leaves the Problems panel and no
 * MA001 comes. The file is put back.
 */
export async function suppressionLeavesCursorOnReason(page, { palette, quickOpen, workspace, file, original, line, character, code }) {
  const problems = await serverProblems(page, palette, file);
  await until(async () => (await problems()).includes(code), 20000, `our server's ${code} on ${file} in the Problems panel`, problems);
  await quickOpen(page, file, 'ASC_');
  await goTo(page, line, character);
  const label = await pickQuickFix(page, `Suppress ${code} on this line`);
  const typed = 'checked in code-server';
  await until(async () => (await cursorLine(page)).includes(`microagent-ignore ${code} reason:`), 10000, 'the suppression comment on the cursor\'s line', () => cursorLine(page));
  await page.keyboard.type(typed);
  const after = await until(async () => { const l = await cursorLine(page); return l.includes(typed) && l; }, 10000, 'the reason typed into the comment', () => cursorLine(page));
  if (!after.trim().endsWith(`// microagent-ignore ${code} reason: ${typed}`)) throw new Error(`the typed reason did not replace the placeholder: "${after.trim()}"`);
  await until(async () => !(await problems()).includes(code), 20000, `${code} to leave the Problems panel once suppressed`, problems);
  if ((await problems()).includes('MA001')) throw new Error(`MA001 after the suppression: ${await problems()}`);
  await restore(page, { quickOpen, palette, workspace }, file, original, typed);
  return `${label}: the line reads "${after.trim()}", ${code} gone, no MA001`;
}

/**
 * The half-typed name: the header's misspelt option name is selected and `ASC_LOW_` typed over it. Once the
 * server has the new text (the typo's MA101 leaves the Problems panel) nothing names ASC_LOW_, with completion
 * open; typing on another line lets its MA101 through. The file is put back.
 */
export async function nothingOnTheNameBeingTyped(page, { palette, quickOpen, workspace, file, original, typoLine, typo, valueLine }) {
  const problems = await serverProblems(page, palette, file);
  await until(async () => (await problems()).includes(typo), 20000, `our server's MA101 on ${typo} in the Problems panel`, problems);
  await quickOpen(page, file, typo);
  await goTo(page, typoLine, '#define '.length);
  for (let i = 0; i < typo.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.type('ASC_LOW_', { delay: 40 });
  // Proof that the server has the last text: a name no option starts with is reported at once (ASC_LOW_X), and
  // its report leaves when the X is taken back; what is then listed is what the server says of `ASC_LOW_`.
  await page.keyboard.type('X');
  await until(async () => (await problems()).includes('ASC_LOW_X is not an option'), 20000, 'MA101 on ASC_LOW_X (no option starts so)', problems);
  await page.keyboard.press('Backspace');
  await until(async () => !(await problems()).includes('ASC_LOW_X'), 20000, 'the Problems panel to drop ASC_LOW_X (the server has ASC_LOW_)', problems);
  const suggest = page.locator('.suggest-widget.visible');
  await until(async () => (await suggest.count()) > 0 || (await page.keyboard.press('Control+Space'), false), 10000, 'the suggest widget to open on ASC_LOW_');
  if ((await problems()).includes(typo)) throw new Error(`the typo is still listed: ${await problems()}`);
  const held = await problems();
  if (held.includes('ASC_LOW_ is not an option')) throw new Error(`the name being typed is reported: ${held}`);
  if (!(await suggest.count())) throw new Error('the suggest widget closed before the check');
  // Typing elsewhere: the 0 s interval's value becomes 0 again (a keystroke, same text).
  await page.keyboard.press('Escape');
  await goTo(page, valueLine, 200);
  await page.keyboard.press('Backspace');
  await page.keyboard.type('0');
  await until(async () => (await problems()).includes('ASC_LOW_ is not an option'), 20000, 'MA101 on ASC_LOW_ once the user typed elsewhere', problems);
  await restore(page, { quickOpen, palette, workspace }, file, original, '#define ASC_LOW_ ');
  return 'no MA101 on ASC_LOW_ while typed with completion open (ASC_LOW_X\'s came and went), MA101 after a keystroke on another line';
}

/**
 * Hovers the first `needle` in the editor until `enough(parts)` and returns the text of each part of the hover
 * (one per markdown answer).
 */
async function hoverParts(page, needle, enough = (parts) => parts.length > 0) {
  const token = page.locator('.view-lines .view-line span span', { hasText: needle }).first();
  const widget = page.locator('.monaco-hover:not(.hidden)').first();
  let parts = [];
  await until(async () => {
    const box = await token.boundingBox();
    if (!box) return false;
    // Move off and back on: the hover starts on a mouse move over the word.
    await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y - 150);
    await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2, { steps: 3 });
    await widget.waitFor({ state: 'visible', timeout: 2000 }).catch(() => {});
    parts = await widget.locator('.hover-row .hover-contents').evaluateAll((rows) => rows.map((r) => r.textContent.trim()).filter(Boolean)).catch(() => []);
    return enough(parts);
  }, 30000, `a hover on ${needle}`, () => `${parts.length} parts: ${parts.join(' | ')}`);
  // The hover may still be gathering a slower provider's answer: read again once it has settled.
  await until(async () => {
    const again = await widget.locator('.hover-row .hover-contents').evaluateAll((rows) => rows.map((r) => r.textContent.trim()).filter(Boolean)).catch(() => []);
    const same = again.length === parts.length;
    parts = again;
    return same;
  }, 5000, `the hover on ${needle} to settle`);
  await page.mouse.move(5, 5);
  return parts;
}

/**
 * One hover on a baseline's keys and rule types: ours (the editor schemas give VS Code's JSON support no
 * description to show). The control, `control.file`: a baseline whose `$schema` names the strict schema, so VS
 * Code's JSON support hovers its descriptions beside ours: the count must see two there.
 */
export async function oneHoverPerNode(page, { quickOpen, quickOpenPath, file, shows, needles, control }) {
  await quickOpenPath(page, control.file, control.shows);
  // VS Code's JSON support reads the strict schema on first use: its part may come on a later hover.
  const both = await hoverParts(page, control.needle, (parts) => parts.length >= 2);
  await quickOpen(page, file, shows);
  const seen = [];
  for (const needle of needles) {
    const parts = await hoverParts(page, needle);
    if (parts.length !== 1) throw new Error(`${parts.length} hovers on ${needle}: ${parts.map((p) => p.slice(0, 80)).join(' || ')}`);
    seen.push(`${needle}: "${parts[0].slice(0, 50)}"`);
  }
  return `${seen.join('; ')} (the control with the strict schema: ${both.length})`;
}

/**
 * The Outline view of the baseline: one outline, VS Code's JSON tree. With two providers VS Code would show one
 * group per provider ("Micro Agent Studio", "JSON Language Features") and ours would list the rules with their
 * summaries ("0..100 per 5 minutes").
 */
export async function oneOutline(page, { palette, quickOpen, file, shows }) {
  await quickOpen(page, file, shows);
  await palette(page, 'Explorer: Focus on Outline View');
  let rows = [];
  await until(async () => {
    rows = (await page.locator('.outline-pane .monaco-list-row, [id="outline"] .monaco-list-row').allInnerTexts().catch(() => [])).map((r) => r.replace(/\s+/g, ' ').trim());
    return rows.some((r) => r.startsWith('securityGroups') || r.startsWith('Micro Agent Studio') || r.startsWith('JSON Language Features'));
  }, 20000, 'the outline of the baseline', () => rows.join(' | '));
  const groups = rows.filter((r) => r === 'Micro Agent Studio' || r === 'JSON Language Features');
  const ours = rows.filter((r) => /\bper (PT|\d)|\d+ rules?$|allowlist of \d+ value/.test(r));
  const doorLocks = rows.filter((r) => r.startsWith('door-locks')).length;
  if (groups.length || ours.length || doorLocks !== 1) {
    throw new Error(`more than one outline: provider groups ${groups.join(', ') || 'none'}; our symbols ${ours.join(', ') || 'none'}; door-locks ${doorLocks} times; rows: ${rows.join(' | ')}`);
  }
  await palette(page, 'View: Toggle Primary Side Bar Visibility');
  await palette(page, 'View: Toggle Primary Side Bar Visibility');
  return `${rows.length} rows of VS Code's JSON outline (${rows.slice(0, 3).join(', ')}, …), door-locks once, none of ours`;
}

/** The extension's output channel as written to its log file (what the channel shows, whole, not only the lines in view). */
function channelLog(runDir) {
  const logs = path.join(runDir, 'user-data', 'logs');
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name === 'Micro Agent Studio.log') found.push(path.join(dir, e.name));
    }
  };
  if (fs.existsSync(logs)) walk(logs);
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** The output channel: the server's start line and what each agent configuration uses; a restart says so. */
export async function outputSaysWhatItUses(page, { palette, runDir }) {
  await palette(page, 'Micro Agent: Show the language server log');
  const started = (t) => (t.match(/microagent-ls \S+ started/g) ?? []).length;
  await until(() => started(channelLog(runDir)) > 0 && /agent configurations in use/.test(channelLog(runDir)), 30000,
    'the log to say the server started and what it uses', () => channelLog(runDir).slice(-400));
  const before = started(channelLog(runDir));
  await palette(page, 'Micro Agent: Restart the language server');
  await until(() => /the language server restarted/.test(channelLog(runDir)) && started(channelLog(runDir)) > before, 30000,
    'the log to say the server restarted and started again', () => channelLog(runDir).slice(-400));
  const t = channelLog(runDir);
  const settings = t.split('\n').find((l) => /: validate \w+/.test(l)) ?? '';
  const inUse = t.split('\n').find((l) => /asc_config\.h: header, \S+ defaults/.test(l)) ?? '';
  if (!settings || !inUse) throw new Error(`the log lacks the settings or the configuration in use: ${t.slice(-500)}`);
  return `started, restarted, started again; "${settings.trim().slice(0, 90)}…"; "${inUse.trim().slice(0, 90)}…"`;
}
