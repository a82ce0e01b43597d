// Documentation that travels (issue 8, item 7): no file the repository keeps names a path on a build machine,
// and only the tests that read the real third-party data (and skip without it) name the folder it sits in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
/** Folders that are built, installed or written by test runs: not the repository's own text. */
const SKIPPED = new Set(['node_modules', '.git', 'dist', '.run', '.cache']);
const TEXT = /\.(ts|mjs|js|json|jsonc|md|lua|h|dist|cmake|txt|yml|yaml|sh|netset|csv)$|^run$/;

function repositoryFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIPPED.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) repositoryFiles(p, out);
    else if (TEXT.test(name) && name !== 'package-lock.json') out.push(p);
  }
  return out;
}

// Built from parts so that this file does not match itself.
const machinePath = new RegExp(['/wo' + 'rk/', '/ro' + 'ot/', '/ho' + 'me/[a-z]'].join('|'));
const sharedFolder = new RegExp('\\.\\./sh' + 'ared|reference/micro' + '-agent');

test('no file of the repository names an absolute path of a build machine', () => {
  const files = repositoryFiles(repo);
  assert.ok(files.length > 100, `walked ${files.length} files`);
  const found: string[] = [];
  for (const f of files) {
    const lines = readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (machinePath.test(line)) found.push(`${relative(repo, f)}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(found, []);
});

test('outside the tests on real data, nothing names the folder beside the repository or the internal reference', () => {
  const found: string[] = [];
  for (const f of repositoryFiles(repo)) {
    const rel = relative(repo, f).split('\\').join('/');
    if (rel.startsWith('test/')) continue; // the real-data tests say which folder they read, and skip without it
    if (rel.startsWith('.ci/')) continue; // CI may point the tests at it
    const lines = readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (sharedFolder.test(line)) found.push(`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  assert.deepEqual(found, []);
});
