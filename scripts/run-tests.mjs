// Runs every *.test.ts under the given folders with node's own test runner; tsx compiles TypeScript on load.
// Node 20's --test takes no globs, so the files are listed here.
import { readdirSync, statSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));
const files = only.flatMap((d) => (d.endsWith('.ts') ? [d] : collect(d, [])));
if (files.length === 0) {
  console.error(`no test files under ${only.join(', ')}`);
  process.exit(1);
}
// The CLI caches loaded feeds between runs: the tests get a cache of their own, not the user's.
const cache = mkdtempSync(join(tmpdir(), 'microagent-test-cache-'));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env: { ...process.env, MICROAGENT_CACHE_DIR: cache } });
rmSync(cache, { recursive: true, force: true });
process.exit(r.status ?? 1);
