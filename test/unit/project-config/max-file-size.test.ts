// Issue 10, item 2: `maxFileSize` in .microagent/config.json raises or lowers the largest file read per kind, for
// the editor and the CLI alike; an entry that is not a known kind with a size is MA003 at its place, and the
// valid rest applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProjectConfig } from '../../../src-core/project-config/config-file';
import { defaultInputLimits, withMaxFileSizes } from '../../../src-core/util/input-limits';

test('known kinds with sizes are read; a wrong kind or size is MA003 on the entry, the rest applies', () => {
  const text = '{\n  "maxFileSize": { "capture": "64GB", "json": 1048576, "pcap": "1GB", "feed": "lots" }\n}\n';
  const cfg = parseProjectConfig('/p/.microagent/config.json', text);
  assert.deepEqual(cfg.maxFileSize, { capture: 64 * 2 ** 30, json: 2 ** 20 });
  assert.deepEqual(cfg.problems.map((p) => [p.code, p.range.start.line, p.message]), [
    ['MA003', 1, '"maxFileSize": unknown file kind "pcap" (kinds: configuration, json, feed, events, connLog, capture, message)'],
    ['MA003', 1, '"maxFileSize": size for feed must be a number of bytes or text such as "64MB" or "2GB" (got "lots")'],
  ]);
  const limits = withMaxFileSizes(defaultInputLimits, cfg.maxFileSize, { json: 4096 });
  assert.equal(limits.maxFileSize.capture, 64 * 2 ** 30, 'the file raises captures');
  assert.equal(limits.maxFileSize.json, 4096, 'a CLI flag given after it wins');
  assert.equal(limits.maxFileSize.feed, defaultInputLimits.maxFileSize.feed, 'what neither sets keeps its default');
});

test('"maxFileSize" that is not an object is one MA003', () => {
  const cfg = parseProjectConfig('/p/.microagent/config.json', '{ "maxFileSize": "1GB" }');
  assert.equal(cfg.maxFileSize, undefined);
  assert.match(cfg.problems[0].message, /"maxFileSize" must be an object of file kind to size/);
});
