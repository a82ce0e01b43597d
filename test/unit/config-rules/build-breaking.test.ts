// Options whose source files NetX Duo's copy of the agent lacks break the build when turned on: MA105 is an
// error that says what happens (CMake stops at generation, an IDE build fails to link), in headers and dist
// files alike, with a fix that turns the option off (issue 8, item 1; docs/agent-facts.md §1.6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { optionInfo } from '../../../src-core/catalogue/options';
import { ruleCode } from '../../../src-core/catalogue/codes';
import { checkDist, checkHeader, only } from './fixtures';

const BREAKING = [
  'ASC_COLLECTOR_BASELINE_ENABLED', 'ASC_COLLECTOR_LISTENING_PORTS_ENABLED', 'ASC_COLLECTOR_LOG_ENABLED', 'ASC_COLLECTOR_PROCESS_ENABLED',
  'ASC_COMPONENT_CLI_PLAT', 'ASC_COMPONENT_COMMAND_EXECUTOR', 'ASC_COMPONENT_CONFIGURATION', 'ASC_LINKED_LIST_NODE_SUPPORT', 'ASC_DYNAMIC_MEMORY_ENABLED',
];

test('the catalogue names the missing source files of every option of §1.6, and MA105 defaults to error', () => {
  for (const name of BREAKING) {
    const info = optionInfo(name);
    assert.ok(info, `${name} is in the catalogue`);
    assert.equal(info.implemented, false, name);
    assert.ok(info.missingSources?.length && info.missingSources.every((f) => f.startsWith('src/') && f.endsWith('.c')), name);
  }
  assert.deepEqual(optionInfo('ASC_COLLECTOR_BASELINE_ENABLED')!.missingSources, ['src/collectors/baseline.c', 'src/serializer/baseline.c', 'src/model/objects/object_baseline_ext.c']);
  assert.deepEqual(optionInfo('ASC_DYNAMIC_MEMORY_ENABLED')!.missingSources, ['src/object_pool_dynamic.c']);
  // Present in NetX Duo's copy, so safe to turn on.
  for (const name of ['ASC_BEST_EFFORT_EVENT_LOOP', 'ASC_COLLECTORS_INFO_SUPPORT', 'ASC_SERIALIZER_USE_CUSTOM_ALLOCATOR']) assert.equal(optionInfo(name)!.missingSources, undefined, name);
  assert.equal(ruleCode('MA105')!.defaultSeverity, 'error');
});

for (const name of BREAKING) {
  test(`${name} ON is an error in a header and in a dist, saying the build breaks`, () => {
    const h = only(checkHeader(`#define ${name}`), 'MA105');
    assert.equal(h.length, 1);
    assert.equal(h[0].severity, 'error');
    assert.match(h[0].message, /breaks the build.*fails to link.*stops at generation \("Cannot find source file"\)/);
    assert.doesNotMatch(h[0].message, /does nothing/);
    assert.equal(h[0].fixes?.[0].edits[0].newText, `/* #undef ${name} */`);
    const d = only(checkDist(`set(${name} ON)`), 'MA105');
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'error');
    assert.match(d[0].message, new RegExp(`Turning ${name} on breaks the build: NetX Duo's copy of the agent lacks iot-security-module-core/src/.*so CMake stops at generation \\("Cannot find source file"\\)`));
    assert.equal(d[0].fixes?.[0].edits[0].newText, 'OFF');
    assert.deepEqual(only(checkDist(`set(${name} OFF)`), 'MA105'), []);
  });
}

test('the message names every missing file', () => {
  const d = only(checkDist('set(ASC_COLLECTOR_BASELINE_ENABLED ON)'), 'MA105');
  for (const f of ['src/collectors/baseline.c', 'src/serializer/baseline.c', 'src/model/objects/object_baseline_ext.c']) assert.ok(d[0].message.includes(`iot-security-module-core/${f}`), f);
});
