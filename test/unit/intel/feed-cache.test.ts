// The feed cache gives back the indicator set the feeds build, and is ignored when a feed changed or the
// file is not a whole cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFeeds } from '../../../src-core/intel/indicator-loader';
import { decodeFeeds, encodeFeeds, withFeedCache } from '../../../src-core/intel/feed-cache';
import { parseIPv4, parseIPv6 } from '../../../src-core/intel/ip';

function feeds(dir: string) {
  const list = join(dir, 'a.netset');
  writeFileSync(list, '# x\n1.2.3.0/24 # one\n8.8.8.8\n10.0.0.0/8\nbad line here\n2001:db8:1::/48 # doc\n2a00:1450::/32 # six\nevil.example # dom\n');
  const csv = join(dir, 'b.csv');
  writeFileSync(csv, 'ip,malware\n9.9.9.9,Emotet\n');
  return [{ path: list }, { path: csv, name: 'csv feed' }];
}
const read = (p: string) => readFileSync(p, 'utf8');

test('a cached set answers every lookup as the loaded one, with the feeds\' issues', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-feedcache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const specs = feeds(dir);
  const loaded = loadFeeds(specs, read);
  const back = decodeFeeds(encodeFeeds(loaded), specs)!;
  assert.ok(back);
  assert.deepEqual(back.set.stats, loaded.set.stats);
  for (const a of ['1.2.3.9', '8.8.8.8', '9.9.9.9', '10.1.1.1', '7.7.7.7']) assert.deepEqual(back.set.lookupIPv4(parseIPv4(a)!), loaded.set.lookupIPv4(parseIPv4(a)!), a);
  for (const a of ['2a00:1450::1', '2001:db8:1::5', '2001:4860::1']) assert.deepEqual(back.set.lookupIPv6(parseIPv6(a)!), loaded.set.lookupIPv6(parseIPv6(a)!), a);
  assert.deepEqual(back.set.lookupDomain('x.evil.example'), loaded.set.lookupDomain('x.evil.example'));
  assert.deepEqual(back.feeds.map((f) => f.result?.issues), loaded.feeds.map((f) => f.result?.issues));
});

test('withFeedCache reads the cache the second time, and loads again when a feed changed or the file is damaged', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-feedcache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const cacheDir = join(dir, 'cache');
  const specs = feeds(dir);
  let loads = 0;
  const load = () => (loads++, loadFeeds(specs, read));
  assert.equal(withFeedCache(cacheDir, specs, '1', load).fromCache, false);
  const second = withFeedCache(cacheDir, specs, '1', load);
  assert.equal(second.fromCache, true);
  assert.equal(loads, 1);
  assert.equal(second.set.lookupIPv4(parseIPv4('9.9.9.9')!)?.label, 'Emotet');
  // Another tool version, or a feed touched: loaded again.
  assert.equal(withFeedCache(cacheDir, specs, '2', load).fromCache, false);
  utimesSync(specs[0].path, new Date(), new Date(Date.now() + 5000));
  assert.equal(withFeedCache(cacheDir, specs, '1', load).fromCache, false);
  // A damaged cache file is ignored (and replaced).
  for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), readFileSync(join(cacheDir, f)).subarray(0, 100));
  const again = withFeedCache(cacheDir, specs, '1', load);
  assert.equal(again.fromCache, false);
  assert.equal(again.set.lookupIPv4(parseIPv4('8.8.8.8')!)?.line, 3);
});

test('labels come back from the cache for every labelled entry, shared texts stored once, a cache read in place when aligned', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-feedcache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const list = join(dir, 'many.netset');
  let text = '';
  for (let i = 0; i < 5000; i++) text += `45.${(i >> 8) & 255}.${i & 255}.0/24${i % 3 === 0 ? ' # botnet' : i % 3 === 1 ? ` # host ${i}` : ''}\n`;
  for (let i = 0; i < 300; i++) text += `2a0${i % 10}:${i.toString(16)}::/48${i % 2 ? ' # six' : ''}\n`;
  writeFileSync(list, text);
  const specs = [{ path: list }];
  const loaded = loadFeeds(specs, read);
  const bytes = encodeFeeds(loaded);
  // One "botnet" text for 1,667 entries: the header holds distinct texts, not one per entry.
  assert.ok(bytes.toString('latin1').split('botnet').length - 1 === 1, 'the shared label is stored once');
  for (const buf of [bytes, Buffer.concat([Buffer.alloc(3), bytes]).subarray(3)]) {
    const back = decodeFeeds(buf, specs)!;
    assert.ok(back, `decoded at byte offset ${buf.byteOffset}`);
    for (let i = 0; i < 5000; i += 7) {
      const a = parseIPv4(`45.${(i >> 8) & 255}.${i & 255}.9`)!;
      assert.deepEqual(back.set.lookupIPv4(a), loaded.set.lookupIPv4(a));
    }
    for (let i = 0; i < 300; i += 11) {
      const a = parseIPv6(`2a0${i % 10}:${i.toString(16)}::1`)!;
      assert.deepEqual(back.set.lookupIPv6(a), loaded.set.lookupIPv6(a));
    }
  }
  assert.equal(loaded.set.lookupIPv4(parseIPv4('45.0.4.1')!)?.label, 'host 4');
  assert.equal(loaded.set.lookupIPv4(parseIPv4('45.0.5.1')!)?.label, undefined);
});

test('a cache whose labels do not hold together is not used', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-feedcache-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const specs = feeds(dir);
  const bytes = encodeFeeds(loadFeeds(specs, read));
  const len = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + len));
  // A label text index past the texts: the header says there is one text fewer than the arrays use.
  header.snapshot.v4.labelTexts = [];
  const json = Buffer.from(JSON.stringify(header));
  const start = Math.ceil((12 + len) / 8) * 8;
  const newStart = Math.ceil((12 + json.length) / 8) * 8;
  const out = Buffer.alloc(newStart + bytes.length - start);
  bytes.copy(out, 0, 0, 8);
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  bytes.copy(out, newStart, start);
  assert.equal(decodeFeeds(out, specs), undefined);
});
