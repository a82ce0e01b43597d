// Macros that expand into themselves (issue 10): `#define A B`, `#define B A`, an option set to `A`. The
// preprocessor stops at the repeated name and leaves it, so the option does not compile: MA102 names the chain
// and where each macro is defined; an #if on such a macro gets a warning; hover says the value cannot be
// resolved instead of showing the default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import { ascConfigHeaderService } from '../../../src-core/config/services/config-services';
import { checkHeader, only, rtosBaseHeaderBody } from './fixtures';

const HEADER = '/ws/inc/configs/RTOS_BASE/asc_config.h';
const ctx = { settings: defaultSettings, workspaceRoot: '/ws', files: { readText: () => undefined, exists: () => false } };
const cycle = '#undef ASC_HIGH_PRIORITY_INTERVAL\n#define A B\n#define B A\n#define ASC_HIGH_PRIORITY_INTERVAL A';

test('an option set to a macro that expands into itself: MA102 names the chain, at the value, with the definitions', () => {
  const d = only(checkHeader(cycle), 'MA102');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.match(d[0].message, /^ASC_HIGH_PRIORITY_INTERVAL does not compile where the agent uses it as a number: `A` expands to itself \(`A` -> `B` -> `A`\): the preprocessor stops there/);
  assert.doesNotMatch(d[0].message, /is not a macro this file/);
  assert.deepEqual(d[0].related?.map((r) => r.message), ['A is defined here', 'B is defined here']);
  // A macro defined as itself is the shortest cycle.
  const self = only(checkHeader('#undef ASC_LOW_PRIORITY_INTERVAL\n#define C (C + 1)\n#define ASC_LOW_PRIORITY_INTERVAL C'), 'MA102');
  assert.match(self[0].message, /`C` expands to itself \(`C` -> `C`\)/);
});

test('an #if on such a macro is valid C (it counts as 0) but gets a warning naming the chain', () => {
  const d = only(checkHeader('#define A B\n#define B A\n#if A\n#define ASC_LOG_LEVEL 3\n#endif'), 'MA100');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'warning');
  assert.match(d[0].message, /#if condition: `A` expands to itself \(`A` -> `B` -> `A`\), so it counts as 0/);
});

test('hover on the option says its value cannot be resolved, not the default', () => {
  const text = `${rtosBaseHeaderBody}${cycle}\n#endif\n`;
  const doc = new SourceDocument(HEADER, text);
  const at = doc.positionAt(text.lastIndexOf('ASC_HIGH_PRIORITY_INTERVAL') + 3);
  const h = ascConfigHeaderService.hover!(doc, at, ctx)!;
  assert.match(h.contents, /In effect here: cannot be resolved: `A` expands to itself \(`A` -> `B` -> `A`\)/);
  assert.doesNotMatch(h.contents, /In effect here: 10\b/);
  // A resolvable value still shows what is in effect.
  const plain = new SourceDocument(HEADER, `${rtosBaseHeaderBody}#endif\n`);
  const ph = ascConfigHeaderService.hover!(plain, plain.positionAt(plain.text.indexOf('ASC_HIGH_PRIORITY_INTERVAL') + 3), ctx)!;
  assert.match(ph.contents, /In effect here: 10/);
});
