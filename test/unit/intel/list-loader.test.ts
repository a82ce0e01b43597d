// The simulator's fast list loader answers every lookup as the list reader plus the builder do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IndicatorSetBuilder } from '../../../src-core/intel/indicator-set';
import { loadListInto } from '../../../src-core/intel/list-loader';
import { readFeed } from '../../../src-core/intel/feed-reader';
import { addFeedEntries } from '../../../src-core/intel/indicator-loader';
import { parseIPv4 } from '../../../src-core/intel/ip';

const text = [
  '# header', '', '1.2.3.4', '5.6.7.0/24 # a label', '  9.9.9.9/32\t; semicolon label', '10.0.0.0/8', '0.0.0.0/1 # covers private space',
  '8.8.8.8/33', '010.1.1.1', '1.2.3', '5.6.7.8/24 # host bits', 'evil.example.net # a domain', '2001:db8::/32', '2a00:1450::/32 # v6',
  '1.2.3.4 5.6.7.8', '203.0.113.7', '100.64.1.1', '44.44.44.44/0', '255.255.255.255', '\ufeff7.7.7.7', '6.6.6.6/', '4.4.4.4#tight',
].join('\n');

test('the fast list loader and the list reader build the same indicator set', () => {
  const fast = new IndicatorSetBuilder();
  const loaded = loadListInto(fast, 'f', text);
  const slow = new IndicatorSetBuilder();
  const read = readFeed('f.netset', text, 'list');
  addFeedEntries(slow, 'f', read);
  const a = fast.build();
  const b = slow.build();
  assert.deepEqual(a.stats, b.stats);
  assert.equal(loaded.usable, read.usable);
  assert.equal(loaded.dropped, read.dropped);
  for (const addr of ['1.2.3.4', '5.6.7.9', '9.9.9.9', '10.1.2.3', '8.8.8.8', '1.1.1.1', '5.6.7.200', '203.0.113.7', '44.1.1.1', '4.4.4.4', '7.7.7.7', '200.1.1.1']) {
    const n = parseIPv4(addr)!;
    assert.deepEqual(a.lookupIPv4(n), b.lookupIPv4(n), addr);
  }
  assert.deepEqual(a.lookupDomain('x.evil.example.net'), b.lookupDomain('x.evil.example.net'));
  // Bad lines get the reader's own messages.
  assert.deepEqual(loaded.issues.map((i) => i.message), read.issues.filter((i) => i.code === 'MA310').map((i) => i.message));
});
