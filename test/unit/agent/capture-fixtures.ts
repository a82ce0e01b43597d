// Captures written from a scenario with the project's generator, and the CLI bundled as `npm run build`
// bundles it (esbuild, same options) into a temp folder, run as `node microagent.js ...` in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { PcapWriter } from '../../../src-core/traffic/pcap-writer';
import { generateScenario } from '../../../src-core/traffic/generator';
import { checkScenario, type Scenario } from '../../../src-core/traffic/scenario';

const ROOT = join(__dirname, '..', '..', '..');

/** Writes the scenario's pcap to dir/name (the scenario must be valid) and returns the path. */
export function writeScenario(dir: string, name: string, s: Scenario): string {
  assert.deepEqual(checkScenario(s), [], 'the test scenario is valid');
  const path = join(dir, name);
  const w = new PcapWriter(path);
  generateScenario(s, w);
  w.close();
  return path;
}

let bundle: string | undefined;

/**
 * The CLI bundled from the current sources, once per test process: dist/ may be stale or absent while
 * the unit tests run, and what `npm run build` ships is this same esbuild bundle (scripts/build.mjs).
 */
export function bundledCli(_t?: unknown): { json: (args: string[], cwd: string) => any } {
  if (!bundle) {
    const dir = mkdtempSync(join(tmpdir(), 'ma-cli-bundle-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'microagent.js');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const esbuild = require('esbuild') as typeof import('esbuild');
    esbuild.buildSync({
      entryPoints: [join(ROOT, 'src-core', 'cli', 'main.ts')], outfile: out, bundle: true, platform: 'node', target: 'node18',
      format: 'cjs', logLevel: 'warning', mainFields: ['module', 'main'], banner: { js: '#!/usr/bin/env node' },
    });
    bundle = out;
  }
  const path = bundle;
  return {
    json(args, cwd) {
      const r = spawnSync(process.execPath, [path, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.equal(r.status, 0, `microagent ${args.join(' ')}\n${r.stderr}`);
      return JSON.parse(r.stdout);
    },
  };
}
