// Values that do not compile where the agent uses the option as a number are errors, in headers and in dist
// files alike, reported on the offending token (issue 8, item 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDist, checkHeader, only } from './fixtures';

const LOW = 'ASC_LOW_PRIORITY_INTERVAL';
/** The header fixture's line of an extra line added after `#undef` (the body has 33 lines). */
const headerLine = 34;
/** The dist fixture's line of an extra line (the shipped dist has 25). */
const distLine = 25;

function headerWith(value: string) {
  return checkHeader(`#undef ${LOW}\n#define ${LOW} ${value}`);
}
function distWith(value: string) {
  return checkDist(`set(${LOW} ${value})`);
}
const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

test('an identifier that no macro defines is an error on that identifier, in a header and in a dist', () => {
  const h = only(headerWith('abc'), 'MA102');
  assert.equal(h.length, 1);
  assert.equal(h[0].severity, 'error');
  assert.match(h[0].message, /ASC_LOW_PRIORITY_INTERVAL does not compile .*`abc` is not a macro this file or nx_user\.h defines/);
  assert.deepEqual(h[0].range, at(headerLine, 34, 37));
  assert.equal(h[0].fixes?.[0].edits[0].newText, '60');
  const d = only(distWith('abc'), 'MA102');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.match(d[0].message, /`abc` is neither a number nor an option the generated asc_config\.h defines/);
  assert.deepEqual(d[0].range, at(distLine, 30, 33));
});

test('the unknown name is found inside an expression and through a macro of the file', () => {
  const h = only(headerWith('(ASC_HIGH_PRIORITY_INTERVAL * factor)'), 'MA102');
  assert.equal(h.length, 1);
  assert.deepEqual(h[0].range, at(headerLine, 64, 70));
  const via = only(checkHeader(`#define APP_SLOW slow_rate\n#undef ${LOW}\n#define ${LOW} APP_SLOW`), 'MA102');
  assert.equal(via.length, 1);
  assert.match(via[0].message, /`slow_rate`/);
  assert.deepEqual(via[0].range.start, { line: headerLine + 1, character: 34 });
});

test('names defined in the file, in nx_user.h, or by NetX Duo / ThreadX headers are not reported', () => {
  assert.deepEqual(only(headerWith('ASC_HIGH_PRIORITY_INTERVAL * 6'), 'MA102'), []);
  assert.deepEqual(only(checkHeader(`#undef ${LOW}\n#define ${LOW} APP_LOW`, '#define NX_ENABLE_IP_PACKET_FILTER\n#define APP_LOW 60\n'), 'MA102'), []);
  assert.deepEqual(only(headerWith('(NX_IP_PERIODIC_RATE / 100)'), 'MA102'), []);
  assert.deepEqual(only(distWith('NX_IP_PERIODIC_RATE'), 'MA102'), []);
  assert.deepEqual(only(headerWith('(uint32_t)60'), 'MA102'), []);
});

test('a number with a unit is an error in both file kinds; in a dist the fix writes whole seconds', () => {
  const h = headerWith('10s').filter((d) => d.severity === 'error');
  assert.equal(h.length, 1);
  assert.deepEqual(h[0].range, at(headerLine, 34, 37));
  const d = only(distWith('10s'), 'MA102');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /`10s` is not an integer constant.*write 10/);
  assert.deepEqual(d[0].range, at(distLine, 30, 33));
  assert.equal(d[0].fixes?.[0].edits[0].newText, '10');
  assert.equal(only(distWith('5min'), 'MA102')[0].fixes?.[0].edits[0].newText, '300');
});

test('a number with a unit gets the same MA102 and whole-seconds fix in a header as in a dist', () => {
  // Before: the header reader reported `10s` as MA100 ("cannot be read"), with its place repeated in the
  // message and no fix, while the dist got MA102 with "write 10".
  const h = headerWith('10s');
  assert.deepEqual(only(h, 'MA100'), []);
  const e = only(h, 'MA102');
  assert.equal(e.length, 1);
  assert.equal(e[0].severity, 'error');
  assert.match(e[0].message, /^ASC_LOW_PRIORITY_INTERVAL does not compile .*`10s` is not an integer constant.*write 10\./);
  assert.deepEqual(e[0].range, at(headerLine, 34, 37));
  assert.equal(e[0].fixes?.[0].edits[0].newText, '10');
  assert.equal(only(headerWith('5min'), 'MA102')[0].fixes?.[0].edits[0].newText, '300');
  const frac = only(headerWith('1.5'), 'MA102');
  assert.equal(frac.length, 1);
  assert.match(frac[0].message, /`1\.5` is not an integer constant/);
});

test('a string literal is an error in a header (with a fix that removes the quotes); in a dist quotes only group', () => {
  const h = only(headerWith('"10"'), 'MA102');
  assert.equal(h.length, 1);
  assert.equal(h[0].severity, 'error');
  assert.match(h[0].message, /string literal "10".*compiler rejects it/);
  assert.equal(h[0].fixes?.[0].edits[0].newText, '10');
  // CMake has no types: set(X "60") writes `#define X 60` into the generated header.
  assert.deepEqual(only(distWith('"60"'), 'MA102'), []);
  assert.deepEqual(only(checkDist('set(ASC_SECURITY_MODULE_ID "42")'), 'MA102'), []);
});

test('an unbalanced expression is an error in both, on the parenthesis', () => {
  const h = headerWith('(10 + 2').filter((d) => d.severity === 'error');
  assert.equal(h.length, 1);
  assert.deepEqual(h[0].range, at(headerLine, 34, 35));
  const d = distWith('"(10 + 2"').filter((x) => x.severity === 'error');
  assert.equal(d.length, 1);
  assert.equal(d[0].code, 'MA102');
  assert.match(d[0].message, /`\(` without its `\)`/);
  assert.deepEqual(d[0].range, at(distLine, 31, 32));
});

test('code and CMake lists are errors on their first offending part', () => {
  const h = only(headerWith('10 ++'), 'MA102');
  assert.equal(h.length, 1);
  assert.deepEqual(h[0].range, at(headerLine, 37, 39));
  const d = only(distWith('10 20'), 'MA102');
  assert.equal(d.length, 1);
  assert.match(d[0].message, /2 arguments make a CMake list, which the generated header writes as `10;20`/);
  assert.deepEqual(d[0].range, at(distLine, 33, 35));
});

test('a name that a project header the file includes could define is a warning that says so', () => {
  const d = only(checkHeader(`#include "app_config.h"\n#undef ${LOW}\n#define ${LOW} APP_LOW_INTERVAL`), 'MA102');
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'warning');
  assert.match(d[0].message, /`APP_LOW_INTERVAL` is not a macro this file or nx_user\.h defines: the compiler sees an undeclared identifier \(unless app_config\.h, which this file includes, defines it\)/);
  // The platform headers asc_config.h includes are NetX Duo's and ThreadX's: the error stands.
  assert.equal(only(checkHeader(`#include "tx_port.h"\n#undef ${LOW}\n#define ${LOW} abc`), 'MA102')[0].severity, 'error');
});
