// The UI test run in code-server's workbench through Chromium: quick-open the faulty header, read the Problems
// panel, hover an option name and read the hover widget, take a screenshot. Each check is one pass or fail.
import { until } from './util.mjs';

async function palette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${command}`);
  // Enter before the list has filtered would run whatever was first: wait until the command is listed.
  await until(async () => (await page.locator('.quick-input-list .monaco-list-row').first().innerText().catch(() => '')).includes(command),
    10000, `the palette to list "${command}"`);
  await page.keyboard.press('Enter');
}

async function quickOpen(page, expect) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(expect.file);
  await until(async () => (await page.locator('.quick-input-list .monaco-list-row').first().innerText().catch(() => '')).includes(expect.file),
    10000, `quick open to list ${expect.file}`);
  await page.keyboard.press('Enter');
  await until(async () => (await page.locator('.monaco-editor .view-lines').first().innerText().catch(() => '')).includes(expect.unknownOption),
    20000, `the editor to show ${expect.file}`);
  return `opened ${expect.file}`;
}

async function problemsPanel(page, expect) {
  await palette(page, 'View: Focus Problems');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: 15000 });
  let text = '';
  await until(async () => {
    text = await panel.innerText().catch(() => '');
    return expect.codes.every((c) => text.includes(c));
  }, expect.waitMs, `the Problems panel to list ${expect.codes.join(', ')}`, () => text.replace(/\s+/g, ' ').slice(0, 300));
  if (!text.includes(expect.unknownOption)) throw new Error(`the Problems panel does not name ${expect.unknownOption}: ${text.slice(0, 300)}`);
  return text.split('\n').filter((l) => /MA\d{3}/.test(l)).slice(0, 6).join(' | ');
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

/** Runs the checks in order; all need the file open, the rest stand alone. Returns one entry per check. */
export async function runUiChecks(page, expect, screenshotPath, log) {
  const checks = [
    ['quick open shows the faulty asc_config.h', () => quickOpen(page, expect)],
    ['the Problems panel lists the expected codes', () => problemsPanel(page, expect)],
    ['hovering an option name shows its meaning', () => hover(page, expect)],
    ['a screenshot is written', async () => { await page.screenshot({ path: screenshotPath }); return screenshotPath; }],
  ];
  const results = [];
  let broken = false;
  for (const [title, fn] of checks) {
    if (broken) { results.push({ title, ok: false, detail: 'not run: the file did not open' }); continue; }
    try {
      const detail = await fn();
      results.push({ title, ok: true, detail });
      log(`PASS ${title}: ${detail}`);
    } catch (e) {
      broken = results.length === 0; // only a failed quick open stops the rest
      results.push({ title, ok: false, detail: e.message });
      log(`FAIL ${title}: ${e.message}`);
    }
  }
  return results;
}
