// Files a simulation profile names as feeds are checked as feeds, in the format the profile gives, whatever
// their name; other file kinds keep their own check; the index follows profile changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProfileFeedIndex, profilesAbove, serviceWithProfiles } from '../../../src-core/check/profile-feeds';
import { checkDocument } from '../../../src-core/check/check-document';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import { emptyProjectConfig } from '../../../src-core/project-config/config-file';
import type { FileAccess } from '../../../src-core/language/service';

const ws = '/ws';
const profile = JSON.stringify({ feeds: ['feeds/c2.csv', { path: 'lists/bad.txt', format: 'list' }, { path: 'lists/as-list.csv', format: 'list' }, 'base.baseline.json'] });

function indexOf(...profiles: [string, string][]): ProfileFeedIndex {
  const index = new ProfileFeedIndex();
  for (const [p, text] of profiles) index.update(p, text);
  return index;
}

function check(file: string, text: string, index: ProfileFeedIndex | undefined) {
  const files: FileAccess = { readText: () => undefined, exists: () => false };
  const service = serviceWithProfiles(file, text, index);
  return { service, diagnostics: checkDocument(new SourceDocument(file, text), { settings: defaultSettings, files }, emptyProjectConfig, service).diagnostics };
}

test('a CSV and a .txt list a profile names are checked as feeds; without the profile they are not recognised', () => {
  const index = indexOf([`${ws}/microagent.json`, profile]);
  const csv = check(`${ws}/feeds/c2.csv`, 'ip,malware\n8.8.8.8,X\nnot-an-ip,Y\n10.1.2.3,Z\n', index);
  assert.equal(csv.service?.id, 'threat-feed');
  assert.deepEqual(csv.diagnostics.map((d) => [d.code, d.range.start.line]), [['MA310', 2], ['MA311', 3]]);
  const list = check(`${ws}/lists/bad.txt`, '1.1.1.1\nbogus line here\n192.168.0.1\n', index);
  assert.deepEqual(list.diagnostics.map((d) => d.code), ['MA310', 'MA311']);
  assert.equal(check(`${ws}/feeds/c2.csv`, 'ip\n8.8.8.8\n', undefined).service, undefined);
  assert.equal(check(`${ws}/other/c2.csv`, 'ip\n8.8.8.8\n', index).service, undefined, 'a file the profile does not name');
});

test('the format the profile gives wins over the file name: a .csv named with format list is read as a list', () => {
  const index = indexOf([`${ws}/microagent.json`, profile]);
  const r = check(`${ws}/lists/as-list.csv`, '8.8.8.8\n9.9.9.9\n', index);
  assert.deepEqual(r.diagnostics, [], 'one address a line is a valid list (as CSV it would have no IP column header)');
  assert.deepEqual(check(`${ws}/feeds/c2.csv`, '8.8.8.8\n9.9.9.9\n', index).diagnostics.map((d) => d.code), ['MA314'], 'as CSV: no IP column');
});

test('a file another checker claims (a baseline named as a feed) keeps its own check', () => {
  const index = indexOf([`${ws}/microagent.json`, profile]);
  assert.equal(check(`${ws}/base.baseline.json`, '{"securityGroups": {}}', index).service?.id, 'baseline');
});

test('several profiles: an explicit format beats auto; update reports whether the named feeds changed', () => {
  const index = indexOf([`${ws}/a/microagent.json`, JSON.stringify({ feeds: ['../f.dat'] })], [`${ws}/b.microagent.json`, JSON.stringify({ feeds: [{ path: 'f.dat', format: 'csv' }] })]);
  assert.equal(index.feedFor(`${ws}/f.dat`)?.format, 'csv');
  assert.equal(index.feedFor(`${ws}/f.dat`)?.profile, `${ws}/b.microagent.json`);
  assert.equal(index.update(`${ws}/b.microagent.json`, JSON.stringify({ feeds: [{ path: 'f.dat', format: 'csv' }], devices: [] })), false, 'same feeds');
  assert.equal(index.update(`${ws}/b.microagent.json`, undefined), true, 'profile removed');
  assert.equal(index.feedFor(`${ws}/f.dat`)?.format, 'auto');
  assert.equal(index.update(`${ws}/a/microagent.json`, '{"feeds": ['), true, 'a broken profile names nothing');
  assert.equal(index.feedFor(`${ws}/f.dat`), undefined);
});

test('profilesAbove finds profiles in the folder of a file and the folders above it, not beside or below', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-pf-'));
  try {
    fs.mkdirSync(path.join(root, 'feeds', 'deep'), { recursive: true });
    fs.mkdirSync(path.join(root, 'other'));
    fs.writeFileSync(path.join(root, 'microagent.json'), '{}');
    fs.writeFileSync(path.join(root, 'feeds', 'lab.microagent.json'), '{}');
    fs.writeFileSync(path.join(root, 'other', 'microagent.json'), '{}');
    const found = profilesAbove(path.join(root, 'feeds', 'deep', 'x.csv'));
    assert.ok(found.includes(path.join(root, 'microagent.json')));
    assert.ok(found.includes(path.join(root, 'feeds', 'lab.microagent.json')));
    assert.ok(!found.includes(path.join(root, 'other', 'microagent.json')));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('hover on a CSV feed the profile names describes the address in the cell under the cursor, not the others', () => {
  const index = indexOf([`${ws}/microagent.json`, profile]);
  const text = 'ip,malware\n"8.8.8.8",X\n';
  const d = new SourceDocument(`${ws}/feeds/c2.csv`, text);
  const service = serviceWithProfiles(d.path, text, index)!;
  const files: FileAccess = { readText: () => undefined, exists: () => false };
  const h = service.hover!(d, { line: 1, character: 3 }, { settings: defaultSettings, files });
  assert.match(h?.contents ?? '', /\*\*8\.8\.8\.8\/32\*\*/);
  assert.deepEqual(h?.range, { start: { line: 1, character: 1 }, end: { line: 1, character: 8 } });
  assert.equal(service.hover!(d, { line: 1, character: 10 }, { settings: defaultSettings, files }), undefined, 'the malware cell is no address');
});
