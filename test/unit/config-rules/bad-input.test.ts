// Bad input never crashes a config service: garbage, absurd numbers and half-typed lines all give
// diagnostics (or nothing), and hover, completion and symbols still answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import type { CheckContext } from '../../../src-core/language/service';
import { ascConfigDistService, ascConfigHeaderService, nxUserHeaderService } from '../../../src-core/config/services/config-services';
import { computeFootprint } from '../../../src-core/config/footprint';

const ctx: CheckContext = { settings: defaultSettings, files: { readText: () => '#define NX_ENABLE_IP_PACKET_FILTER\n', exists: (p) => p.endsWith('/nx_user.h') } };

const inputs = [
  '\u0000\u0001\uffff#define\n#define ASC_\n#undef\n',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 99999999999\n#define ASC_HIGH_PRIORITY_INTERVAL -5\n',
  '#define ASC_SECURITY_MODULE_ID "unterminated\n#define ASC_LOW_PRIORITY_INTERVAL (60/0)\n#if ASC_LOW_PRIORITY_INTERVAL\n',
  'set(\nset(ASC_HIGH_PRIORITY_INTERVAL\nset(ASC_HIGH_PRIORITY_INTERVAL 1e999)\nif(\nCONF_DEFINE_BASE()\n',
  '#define ASC_HIGH_PRIORITY_INTERVAL ASC_HIGH_PRIORITY_INTERVAL\n#define FLATCC_EMITTER_PAGE_SIZE 0\n',
  'x'.repeat(100000),
];

test('every service answers every request on garbage without throwing', () => {
  for (const text of inputs) {
    for (const [svc, path] of [[ascConfigHeaderService, '/w/asc_config.h'], [ascConfigDistService, '/w/RTOS_BASE.dist'], [nxUserHeaderService, '/w/nx_user.h']] as const) {
      const doc = new SourceDocument(path, text);
      const d = svc.validate(doc, ctx);
      assert.ok(Array.isArray(d));
      for (const x of d) assert.ok(x.range.start.line >= 0 && x.message.length > 0, `${path}: ${x.message}`);
      for (let line = 0; line < Math.min(doc.lineCount, 6); line++) {
        svc.hover?.(doc, { line, character: 10 }, ctx);
        svc.complete?.(doc, { line, character: doc.lineText(line).length }, ctx);
      }
      svc.symbols?.(doc, ctx);
    }
  }
});

test('absurd cache sizes give a positive page size and flag both limits', () => {
  const f = computeFootprint({ ipv4: 1e8, ipv6: 1e8 });
  assert.ok(f.pageSize > 0 && Number.isFinite(f.pageSize));
  assert.deepEqual(f.vectorOverflow, { ipv4: true, ipv6: true });
});

test('a huge cache is reported (MA113) with the value range, not a crash', () => {
  const doc = new SourceDocument('/w/asc_config.h', '#define ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED\n#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 99999999999\n');
  const d = ascConfigHeaderService.validate(doc, ctx);
  assert.ok(d.some((x) => x.code === 'MA113' && x.range.start.line === 1 && x.range.start.character === 65));
});
