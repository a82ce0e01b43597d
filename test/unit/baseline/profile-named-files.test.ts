// Issue 10, item 2: what a profile names, checked without trusting it. A device or FIFO is MA302 with the reason
// (not "not found"); a path outside the workspace (`../..`, absolute, a symbolic link out) is MA307 on the path's
// value, and the editor does not open it (nor, untrusted, anything a profile names); the CLI reads it and warns.
// Files are real (a FIFO the editor opened would block this test); reads are recorded to prove what was not read.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { validateProfile } from '../../../src-core/baseline/validate-profile';
import { diskFileAccess } from '../../../src-core/check/disk-files';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import type { FileAccess } from '../../../src-core/language/service';
import type { Diagnostic } from '../../../src-core/language/types';
import type { WorkspaceBounds } from '../../../src-core/util/workspace-bounds';

let base: string;
let ws: string;
let fifo: string | undefined;
const hasDevZero = fs.existsSync('/dev/zero') && fs.statSync('/dev/zero').isCharacterDevice();

before(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-named-')));
  ws = path.join(base, 'repo');
  fs.mkdirSync(ws);
  fs.mkdirSync(path.join(base, 'outside'));
  fs.writeFileSync(path.join(base, 'outside', 'groups.baseline.json'), JSON.stringify({ securityGroups: { vault: {} } }));
  fs.writeFileSync(path.join(ws, 'locks.baseline.json'), JSON.stringify({ securityGroups: { 'door-locks': {} } }));
  fs.symlinkSync(path.join(base, 'outside', 'groups.baseline.json'), path.join(ws, 'linked.baseline.json'));
  if (hasDevZero) fs.symlinkSync('/dev/zero', path.join(ws, 'zero.baseline.json'));
  if (spawnSync('mkfifo', [path.join(ws, 'pipe.baseline.json')]).status === 0) fifo = path.join(ws, 'pipe.baseline.json');
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

/** Disk access that records every file read (stat-only looks are not reads). */
function recording(): { files: FileAccess; read: string[] } {
  const disk = diskFileAccess();
  const read: string[] = [];
  return { read, files: { ...disk, readText: (p, kind) => (read.push(p), disk.readText(p, kind)) } };
}

function check(profile: unknown, workspace?: WorkspaceBounds): { ds: Diagnostic[]; read: string[]; doc: SourceDocument } {
  const { files, read } = recording();
  const doc = new SourceDocument(path.join(ws, 'microagent.json'), JSON.stringify(profile, null, 2));
  return { ds: validateProfile(doc, { settings: defaultSettings, files, workspace }), read, doc };
}

const editor = (trusted = true): WorkspaceBounds => ({ roots: [ws], reader: 'editor', trusted });
const cli = (): WorkspaceBounds => ({ roots: [ws], reader: 'cli', trusted: true });
const device = { id: 'lock-1', securityGroup: 'door-locks', addresses: ['192.168.1.20'] };
const text = (doc: SourceDocument, d: Diagnostic) => doc.text.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end));

describe('a profile naming a device or a FIFO', () => {
  test('/dev/zero as the baseline is MA302 saying why, at once, and the rest is still checked', { skip: hasDevZero ? false : 'no /dev/zero here' }, () => {
    const t0 = performance.now();
    const { ds, doc } = check({ baseline: '/dev/zero', agentConfig: '/dev/zero', devices: [{ ...device, addresses: ['10.0.0.300'] }] }, cli());
    assert.ok(performance.now() - t0 < 2000);
    const ma302 = ds.filter((d) => d.code === 'MA302');
    assert.deepEqual(ma302.map((d) => d.message), [
      'Agent configuration "/dev/zero" cannot be read: not a regular file (a character device); microagent reads only regular files.',
      'Baseline "/dev/zero" cannot be read: not a regular file (a character device); microagent reads only regular files.',
    ]);
    assert.equal(text(doc, ma302[1]), '"/dev/zero"');
    assert.ok(ds.some((d) => d.code === 'MA304'), 'the bad address beside it is still reported');
  });

  test('a FIFO inside the workspace is MA302, not opened (opening it would block)', { skip: fifo ? false : 'mkfifo is not available' }, () => {
    const { ds, read } = check({ baseline: 'pipe.baseline.json', devices: [device] }, editor());
    assert.deepEqual(ds.map((d) => `${d.code} ${d.message}`), ['MA302 Baseline "pipe.baseline.json" cannot be read: not a regular file (a FIFO); microagent reads only regular files.']);
    assert.deepEqual(read, []);
  });

  test('a missing file is still "not found"', () => {
    const { ds } = check({ baseline: 'gone.baseline.json' }, editor());
    assert.match(ds[0].message, /^Baseline "gone\.baseline\.json" not found \(looked for .*gone\.baseline\.json\)\.$/);
  });
});

describe('paths outside the workspace', () => {
  test('the editor reports `../..`, an absolute path and a link out with MA307 on the value, and opens none of them', () => {
    const { ds, read, doc } = check({
      baseline: '../outside/groups.baseline.json',
      agentConfig: '../../../../../../etc/passwd',
      feeds: ['/proc/self/environ', 'linked.baseline.json'],
      devices: [{ ...device, securityGroup: 'vault' }],
    }, editor());
    const ma307 = ds.filter((d) => d.code === 'MA307');
    assert.deepEqual(ma307.map((d) => text(doc, d)), ['"../../../../../../etc/passwd"', '"../outside/groups.baseline.json"', '"/proc/self/environ"', '"linked.baseline.json"']);
    assert.ok(ma307.every((d) => d.severity === 'warning'));
    assert.match(ma307[1].message, /^Baseline "\.\.\/outside\/groups\.baseline\.json" is outside the workspace \(.*outside\/groups\.baseline\.json\): the editor does not read it \(microagent simulate does, with a warning\)\.$/);
    assert.match(ma307[3].message, /^Feed "linked\.baseline\.json" leads outside the workspace through a symbolic link \(to .*outside\/groups\.baseline\.json\)/);
    assert.deepEqual(read, [], 'nothing outside was read');
    assert.ok(!ds.some((d) => d.code === 'MA302'), 'nor even looked at: no "not found" for /etc/passwd');
    assert.ok(!ds.some((d) => d.code === 'MA303'), 'the baseline outside was not read for its groups');
  });

  test('a link inside the workspace to /dev/zero is outside, not read', { skip: hasDevZero ? false : 'no /dev/zero here' }, () => {
    const { ds, read } = check({ baseline: 'zero.baseline.json' }, editor());
    assert.deepEqual(ds.map((d) => d.code), ['MA307']);
    assert.match(ds[0].message, /through a symbolic link \(to \/dev\/zero\)/);
    assert.deepEqual(read, []);
  });

  test('the CLI reads a path outside, and warns: the groups of the baseline outside are known', () => {
    const { ds, read } = check({ baseline: '../outside/groups.baseline.json', devices: [{ ...device, securityGroup: 'vault' }] }, cli());
    assert.deepEqual(ds.map((d) => d.code), ['MA307']);
    assert.match(ds[0].message, /microagent reads it, but the editor will not; the workspace is .*repo\.$/);
    assert.deepEqual(read, [path.join(base, 'outside', 'groups.baseline.json')]);
  });
});

describe('an untrusted workspace (Restricted Mode)', () => {
  test('no file a profile names is opened; whether those inside exist is still checked', () => {
    const { ds, read } = check({ baseline: 'locks.baseline.json', devices: [{ ...device, securityGroup: 'not-there' }], feeds: ['missing.netset'] }, editor(false));
    assert.deepEqual(read, []);
    assert.deepEqual(ds.map((d) => d.code), ['MA302'], 'the missing feed; no MA303, since the baseline was not read');
  });

  test('trusted, the same profile reads the baseline and finds the unknown group', () => {
    const { ds, read } = check({ baseline: 'locks.baseline.json', devices: [{ ...device, securityGroup: 'not-there' }] }, editor(true));
    assert.deepEqual(read, [path.join(ws, 'locks.baseline.json')]);
    assert.deepEqual(ds.map((d) => d.code), ['MA303']);
  });
});

test('a file over its size limit is MA302 naming the limit', () => {
  const big = path.join(ws, 'big.baseline.json');
  fs.writeFileSync(big, JSON.stringify({ securityGroups: { x: {} }, pad: 'x'.repeat(5000) }));
  const files = diskFileAccess({ maxFileSize: { configuration: 1, json: 4096, feed: 1, events: 1, connLog: 1, capture: 1, message: 1 }, howToRaise: () => 'raise it somehow' });
  const doc = new SourceDocument(path.join(ws, 'microagent.json'), JSON.stringify({ baseline: 'big.baseline.json' }));
  const ds = validateProfile(doc, { settings: defaultSettings, files, workspace: editor() });
  assert.deepEqual(ds.map((d) => d.message), ['Baseline "big.baseline.json" cannot be read: 4.9 KiB is over the 4 KiB limit for a baseline, profile, hub settings or other JSON file; raise it somehow.']);
});
