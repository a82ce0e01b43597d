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
