// Issue 10, item 2: paths a profile names outside its workspace are told by their text (`../../..`, an absolute
// path) and by where they lead (a symbolic link inside the folder pointing out of it), without opening anything;
// the CLI's workspace is the nearest folder holding .microagent/ or .git above the profile, else its folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliWorkspaceOf, isWithin, placeInWorkspace } from '../../../src-core/util/workspace-bounds';

let base: string;
let ws: string;
let outside: string;

before(() => {
  base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bounds-')));
  ws = path.join(base, 'repo');
  outside = path.join(base, 'elsewhere');
  fs.mkdirSync(path.join(ws, 'sim'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'x');
  fs.writeFileSync(path.join(ws, 'feed.txt'), '203.0.113.7\n');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-out.txt'));
  fs.symlinkSync(path.join(ws, 'feed.txt'), path.join(ws, 'sim', 'link-in.txt'));
  fs.symlinkSync(outside, path.join(ws, 'dir-out'));
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

test('a path inside stays inside; one that climbs out or is absolute elsewhere does not', () => {
  assert.deepEqual(placeInWorkspace(path.join(ws, 'feed.txt'), [ws]), { inside: true });
  assert.deepEqual(placeInWorkspace(path.join(ws, 'sim', '../../../etc/passwd'), [ws]), { inside: false });
  assert.deepEqual(placeInWorkspace('/proc/self/environ', [ws]), { inside: false });
  assert.deepEqual(placeInWorkspace(path.join(ws, 'missing.json'), [ws]), { inside: true }, 'a missing file inside is inside (MA302 says it is missing)');
});

test('a symbolic link inside the workspace that leads out is outside, and says where it leads', () => {
  assert.deepEqual(placeInWorkspace(path.join(ws, 'link-out.txt'), [ws]), { inside: false, through: path.join(outside, 'secret.txt') });
  assert.deepEqual(placeInWorkspace(path.join(ws, 'dir-out', 'secret.txt'), [ws]), { inside: false, through: path.join(outside, 'secret.txt') });
  assert.deepEqual(placeInWorkspace(path.join(ws, 'sim', 'link-in.txt'), [ws]), { inside: true });
});

test('any of several workspace folders holds a path', () => {
  assert.deepEqual(placeInWorkspace(path.join(outside, 'secret.txt'), [ws, outside]), { inside: true });
});

test('isWithin is about path segments, not string prefixes', () => {
  assert.equal(isWithin('/a/bc', '/a/b'), false);
  assert.equal(isWithin('/a/b/..c', '/a/b'), true);
  assert.equal(isWithin('/a/b', '/a/b'), true);
});

test('the CLI\'s workspace: the nearest folder with .microagent/ or .git above the profile, else the profile\'s folder', () => {
  const profile = path.join(ws, 'sim', 'microagent.json');
  assert.equal(cliWorkspaceOf(profile), path.join(ws, 'sim'));
  fs.mkdirSync(path.join(ws, '.git'));
  assert.equal(cliWorkspaceOf(profile), ws);
  fs.mkdirSync(path.join(ws, 'sim', '.microagent'));
  assert.equal(cliWorkspaceOf(profile), path.join(ws, 'sim'));
});
