// Issue 10, item 2 ("memory bounded by design"): the simulator's baseline reader (loadSecurityGroups) in a worker
// whose heap is bounded, as the fuzz suite bounds its readers. A 20,000-rule baseline (3.4 MB) is read whole,
// every rule kept, within 64 MB (it needs about 40; jsonc-parser's full tree needed about 90); a 1,000,000-key
// baseline is refused at the default key limit (MA005) without being read, where it used to take about 750 MB.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TSX = require.resolve('tsx/cjs');
const LOADER = join(__dirname, '../../../src-core/cloud/security-groups.ts');
/** The old-generation heap the reader runs under, in MB: generous for what it needs, far below what a full tree of
 *  these files takes. */
const HEAP_MB = 64;

interface Loaded { groups: number; rules: number; refusals: string[] }

/** loadSecurityGroups on `file` in a worker with a HEAP_MB heap; rejects when the worker runs out of it. */
function loadInBoundedWorker(file: string): Promise<Loaded> {
  const code = `require(${JSON.stringify(TSX)});
    const { parentPort, workerData } = require('node:worker_threads');
    const { loadSecurityGroups } = require(workerData.loader);
    const loaded = loadSecurityGroups(workerData.file, require('node:fs').readFileSync(workerData.file, 'utf8'));
    let rules = 0;
    for (const g of loaded.groups.values()) rules += g.countRules.length + g.listRules.length;
    parentPort.postMessage({ groups: loaded.groups.size, rules, refusals: loaded.refusals });`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { loader: LOADER, file }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 16 } });
    w.once('message', (m: Loaded) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', (err: Error & { code?: string }) => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new Error(`the reader ran out of its ${HEAP_MB} MB heap`) : err));
  });
}

/** `count` enabled rules in one group: two in three ActiveConnectionsNotInAllowedRange windows, one in three
 *  ConnectionToIpNotAllowed allowlists of two CIDRs. */
function ruleBaseline(count: number): string {
  const timeWindowRules: unknown[] = [];
  const allowlistRules: unknown[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 3 === 1) allowlistRules.push({ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`, '192.168.1.0/24'] });
    else timeWindowRules.push({ ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 100 + i, timeWindowSize: i % 3 ? 'PT15M' : 'PT5M' });
  }
  return JSON.stringify({ securityGroups: { 'door-locks': { timeWindowRules, allowlistRules, thresholdRules: [], denylistRules: [] } } }, null, 1);
}

/** A securityGroups object of `count` empty groups, written compactly (about 12 MB for a million). */
function keyBaseline(count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`"g${i}":{}`);
  return `{"securityGroups":{${parts.join(',')}}}`;
}

describe('the simulator\'s baseline reader within a bounded heap', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ma-groups-memory-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`a 20,000-rule baseline: every rule read within a ${HEAP_MB} MB heap`, async () => {
    const file = join(dir, 'rules.baseline.json');
    writeFileSync(file, ruleBaseline(20_000));
    const loaded = await loadInBoundedWorker(file);
    assert.deepEqual(loaded, { groups: 1, rules: 20_000, refusals: [] });
  });

  test(`a 1,000,000-key baseline: refused at the key limit (MA005, naming the place) within a ${HEAP_MB} MB heap`, async () => {
    const file = join(dir, 'keys.baseline.json');
    writeFileSync(file, keyBaseline(1_000_000));
    const loaded = await loadInBoundedWorker(file);
    assert.equal(loaded.groups, 0);
    assert.equal(loaded.refusals.length, 1);
    assert.equal(loaded.refusals[0], `${file}:1:19: MA005 This object has 1,000,000 keys, over the limit of 10,000 (\`limits.jsonKeys\` in .microagent/config.json): the baseline is not read`);
  });
});
