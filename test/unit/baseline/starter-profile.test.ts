// A starter profile from a workspace's files: what it finds goes in, relative to the folder, and it validates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { starterProfile } from '../../../src-core/baseline/starter-profile';
import { validateProfile } from '../../../src-core/baseline/validate-profile';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';

test('a starter profile names the configuration, nx_user.h, baseline, feeds and one device per capture', () => {
  const root = '/ws';
  const { profile, notes } = starterProfile(root, ['/ws/fw/inc/asc_config.h', '/ws/fw/nx_user.h', '/ws/b/locks.baseline.json', '/ws/feeds/a.netset', '/ws/caps/lock-1.pcap', '/ws/caps/lock-2.pcapng', '/ws/other/asc_config.h']);
  assert.equal(profile.agentConfig, 'fw/inc/asc_config.h');
  assert.equal(profile.nxUser, 'fw/nx_user.h');
  assert.equal(profile.baseline, 'b/locks.baseline.json');
  assert.deepEqual(profile.feeds, ['feeds/a.netset']);
  assert.deepEqual((profile.devices as { id: string; capture: string }[]).map((d) => [d.id, d.capture]), [['lock-1', 'caps/lock-1.pcap'], ['lock-2', 'caps/lock-2.pcapng']]);
  assert.ok(notes.some((n) => n.includes('addresses')));
  // It is a valid profile (files exist in a workspace like the one described).
  const files = new Set(['/ws/fw/inc/asc_config.h', '/ws/fw/nx_user.h', '/ws/b/locks.baseline.json', '/ws/feeds/a.netset', '/ws/caps/lock-1.pcap', '/ws/caps/lock-2.pcapng']);
  const doc = new SourceDocument('/ws/microagent.json', JSON.stringify(profile, null, 2));
  const problems = validateProfile(doc, { settings: defaultSettings, files: { exists: (p) => files.has(p), readText: () => '' } }).filter((d) => d.severity === 'error');
  assert.deepEqual(problems.map((p) => `${p.code} ${p.message}`), []);
});

test('an empty workspace gets a profile that says what to fill in', () => {
  const { profile, notes } = starterProfile('/ws', []);
  assert.equal(profile.agentConfig, undefined);
  assert.equal((profile.devices as unknown[]).length, 1);
  assert.ok(notes.length >= 4, notes.join('\n'));
});
