// The example workspace the README, the walkthrough, the real-editor tests and `npm run demo` use is kept in
// the repository (examples/door-lock); it must stay what the generator writes, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_FOLDER, writeExampleWorkspace } from '../../../src-core/example/workspace';

const repo = join(__dirname, '..', '..', '..');

test('examples/door-lock is what writeExampleWorkspace writes (regenerate it with microagent demo --out examples/door-lock --force)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ma-example-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let total = 0;
  for (const f of writeExampleWorkspace(dir)) {
    const kept = join(repo, EXAMPLE_FOLDER, f.path);
    assert.deepEqual(readFileSync(kept), readFileSync(join(dir, f.path)), `${EXAMPLE_FOLDER}/${f.path} differs from the generator`);
    total += statSync(kept).size;
  }
  assert.ok(total < 1024 * 1024, `the example stays under 1 MB (${total} bytes)`);
});
