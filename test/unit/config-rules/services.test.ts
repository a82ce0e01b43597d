// The three config DocumentServices: recognition, validate with nx_user.h lookup, hover, completion, symbols.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFor } from '../../../src-core/language/services';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings, type ProjectSettings } from '../../../src-core/language/settings';
import type { CheckContext } from '../../../src-core/language/service';
import { ascConfigDistService, ascConfigHeaderService, nxUserHeaderService } from '../../../src-core/config/services/config-services';
import { goodNxUser, rtosBaseDist, rtosBaseHeader, withoutUdpNote } from './fixtures';

function context(files: Record<string, string>, settings: Partial<ProjectSettings> = {}): CheckContext {
  return {
    settings: { ...defaultSettings, ...settings }, workspaceRoot: '/ws',
    files: { readText: (p) => files[p], exists: (p) => p in files },
  };
}

const HEADER = '/ws/app/inc/configs/RTOS_BASE/asc_config.h';
const DIST = '/ws/app/configs/RTOS_BASE.dist';

test('each config file kind is served by its own service, nx_user.h first', () => {
  assert.equal(serviceFor('/ws/nx_user.h', '#define NX_ENABLE_IP_PACKET_FILTER')?.id, 'nx-user-header');
  assert.equal(serviceFor(HEADER, rtosBaseHeader)?.id, 'asc-config-header');
  assert.equal(serviceFor('/ws/board/my_overrides.h', '#define ASC_HIGH_PRIORITY_INTERVAL 5\n')?.id, 'asc-config-header');
  assert.equal(serviceFor(DIST, rtosBaseDist)?.id, 'asc-config-dist');
  assert.equal(ascConfigHeaderService.recognizes('/ws/main.h', '#define LED_PIN 5\n'), false);
});

test('validate finds the nearest nx_user.h walking up and reports the missing packet filter', () => {
  const ctx = context({ '/ws/app/nx_user.h': '#define NXD_MQTT_CLOUD_ENABLE\n', [HEADER]: rtosBaseHeader });
  const d = withoutUdpNote(ascConfigHeaderService.validate(new SourceDocument(HEADER, rtosBaseHeader), ctx));
  assert.deepEqual(d.map((x) => x.code), ['MA109']);
  assert.equal(d[0].related?.[0].file, '/ws/app/nx_user.h');
});

test('validate uses the nxUserPath setting relative to the workspace folder', () => {
  const files = { '/ws/app/nx_user.h': '#define NXD_MQTT_CLOUD_ENABLE\n', '/ws/cfg/nx_user.h': goodNxUser };
  const doc = new SourceDocument(DIST, rtosBaseDist);
  assert.deepEqual(withoutUdpNote(ascConfigDistService.validate(doc, context(files, { nxUserPath: 'cfg/nx_user.h' }))), []);
  assert.equal(withoutUdpNote(ascConfigDistService.validate(doc, context(files))).length, 1);
});

test('validate keeps reader problems (MA100) beside the rules\' findings', () => {
  const text = rtosBaseHeader + '#if\n#define ASC_HIGH_PRIORITY_INTERVAL 0\n#endif\n';
  const d = ascConfigHeaderService.validate(new SourceDocument(HEADER, text), context({ '/ws/nx_user.h': goodNxUser }));
  assert.ok(d.some((x) => x.code === 'MA100'));
});

test('nx_user.h on its own is validated with its own rules', () => {
  const d = nxUserHeaderService.validate(new SourceDocument('/ws/nx_user.h', '#define NXD_MQTT_CLOUD_ENABLE\n'), context({}));
  assert.deepEqual(d.map((x) => x.code), ['MA109']);
});

test('hover on a cache option shows meaning, defaults per distribution, source and the footprint', () => {
  const doc = new SourceDocument(HEADER, rtosBaseHeader);
  const line = rtosBaseHeader.split('\n').findIndex((l) => l.includes('MAX_IPV4_OBJECTS_IN_CACHE 64'));
  const h = ascConfigHeaderService.hover!(doc, { line, character: 12 }, context({ '/ws/nx_user.h': goodNxUser }));
  assert.ok(h);
  assert.match(h.contents, /\*\*ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE\*\* \(int, count\)/);
  assert.match(h.contents, /\| 64 when on \| 64 \| 64 \| 4 \|/);
  assert.match(h.contents, /max message size 6644 B; emitter page 13312 B/);
  assert.match(h.contents, /Source: docs\/agent-facts\.md §1\.2, §3\.5; in NetX Duo's azure_iot_security_module: /);
  assert.deepEqual(h.range, { start: { line, character: 8 }, end: { line, character: 8 + 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE'.length } });
});

test('hover tells a value the build overrides, and is absent off an option name', () => {
  const text = rtosBaseDist + 'set(ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED OFF)\n';
  const doc = new SourceDocument(DIST, text);
  const line = text.split('\n').findIndex((l) => l.includes('MAX_IPV6_OBJECTS_IN_CACHE'));
  const h = ascConfigDistService.hover!(doc, { line, character: 10 }, context({ '/ws/nx_user.h': goodNxUser }));
  assert.match(h!.contents, /In effect here: 0 \(written 64; the network activity collector is off, dependency rule 5 of docs\/agent-facts\.md §1\.3\)/);
  assert.equal(ascConfigDistService.hover!(doc, { line: 0, character: 2 }, context({})), undefined);
});

test('completion offers option names after #define with the default as a snippet', () => {
  const doc = new SourceDocument(HEADER, '#define ASC_HIGH');
  const items = ascConfigHeaderService.complete!(doc, { line: 0, character: 16 }, context({}));
  const hi = items.find((i) => i.label === 'ASC_HIGH_PRIORITY_INTERVAL');
  assert.equal(hi?.insertText, 'ASC_HIGH_PRIORITY_INTERVAL ${1:10}');
  assert.deepEqual(hi?.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 16 } });
  assert.ok(!items.some((i) => i.label === 'NX_DISABLE_IPV6'), 'nx_user.h macros belong to nx_user.h');
});

test('completion inside set( offers names with ON/OFF choices, and values after the name', () => {
  const names = ascConfigDistService.complete!(new SourceDocument(DIST, 'set(ASC_COLLECTOR_HEA'), { line: 0, character: 21 }, context({}));
  assert.equal(names.find((i) => i.label === 'ASC_COLLECTOR_HEARTBEAT_ENABLED')?.insertText, 'ASC_COLLECTOR_HEARTBEAT_ENABLED ${1|ON,OFF|}');
  const values = ascConfigDistService.complete!(new SourceDocument(DIST, 'set(ASC_COLLECTOR_HEARTBEAT_ENABLED '), { line: 0, character: 36 }, context({}));
  assert.deepEqual(values.map((v) => v.label), ['ON', 'OFF']);
  const num = ascConfigDistService.complete!(new SourceDocument(DIST, 'set(ASC_LOW_PRIORITY_INTERVAL '), { line: 0, character: 30 }, context({}));
  assert.deepEqual(num.map((v) => v.label), ['60']);
  assert.deepEqual(ascConfigDistService.complete!(new SourceDocument(DIST, 'message(STATUS '), { line: 0, character: 15 }, context({})), []);
});

test('nx_user.h completion offers the NetX macros the agent needs', () => {
  const items = nxUserHeaderService.complete!(new SourceDocument('/ws/nx_user.h', '#define NX_EN'), { line: 0, character: 13 }, context({}));
  assert.ok(items.some((i) => i.label === 'NX_ENABLE_IP_PACKET_FILTER'));
});

test('symbols: one per setting with its value, inactive branches marked', () => {
  const text = '#define ASC_HIGH_PRIORITY_INTERVAL 20\n/* #undef ASC_COLLECTOR_BASELINE_ENABLED */\n#if 0\n#define ASC_LOW_PRIORITY_INTERVAL 90\n#endif\n';
  const s = ascConfigHeaderService.symbols!(new SourceDocument(HEADER, text), context({}));
  assert.deepEqual(s.map((x) => [x.name, x.detail, x.kind]), [
    ['ASC_HIGH_PRIORITY_INTERVAL', '20', 'option'],
    ['ASC_COLLECTOR_BASELINE_ENABLED', 'OFF (#undef)', 'option'],
    ['ASC_LOW_PRIORITY_INTERVAL', '90 (inactive branch)', 'option'],
  ]);
  assert.deepEqual(s[0].selectionRange, { start: { line: 0, character: 8 }, end: { line: 0, character: 34 } });
});
