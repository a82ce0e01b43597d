import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { readTrace } from '../../../src-core/traffic/trace-reader';
import { tempDir } from './fixtures';

const repoRoot = resolve(__dirname, '../../..');
const captures = resolve(repoRoot, '../shared/data/captures');
const hasTool = (name: string): boolean => spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;

function tsharkCount(path: string): number {
  const r = spawnSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return r.stdout.split('\n').filter((l) => l.trim() !== '').length;
}

test('real captures in ../shared/data/captures (and their editcap pcapng copies) read to the packet count tshark reports', (t) => {
  if (!existsSync(captures)) return t.skip(`../shared/data/captures is absent (${captures}); real-data check skipped`);
  if (!hasTool('tshark') || !hasTool('editcap')) return t.skip('tshark or editcap is not installed; real-data check skipped');
  const files = readdirSync(captures).filter((f) => /\.(pcap|pcapng|cap)$/.test(f)).sort();
  assert.ok(files.length > 0, 'the captures folder holds captures');
  const { dir, cleanup } = tempDir();
  try {
    for (const name of files) {
      const original = join(captures, name);
      const ng = join(dir, `${name}.pcapng`);
      const conv = spawnSync('editcap', ['-F', 'pcapng', original, ng], { encoding: 'utf8' });
      assert.equal(conv.status, 0, `editcap ${name}: ${conv.stderr}`);
      const expected = tsharkCount(original);
      for (const path of [original, ng]) {
        let ip = 0;
        const r = readTrace(path, (p) => {
          if (p.ipVersion !== 0) ip++;
        });
        assert.equal(r.error, undefined, `${path}: ${r.error?.message}`);
        assert.equal(r.packets, expected, `${path}: ${r.packets} packets, tshark ${expected}`);
        assert.ok(ip > 0, `${path}: some IP packets`);
      }
    }
  } finally {
    cleanup();
  }
});
