// Benchmarks for baselines and threat feeds, each against a named peer measured in the same run:
// 1. validating a generated 1 MB baseline, valid and with faults: this project (schema + meaning checks) vs
//    vscode-json-languageservice validating the same text against the same schema;
// 2. the indicator set: build time, memory and lookups/s for 1,000,000 IPv4 CIDRs and 100,000 IPv6 prefixes,
//    with node's net.BlockList on 10,000 IPv4 subnets as the peer (it scans its rules linearly), and for IPv6
//    the word lookups against the bigint entry point (the per-lookup bigint work the words avoid).
import { createRequire } from 'node:module';
import { BlockList } from 'node:net';
import { register } from 'tsx/cjs/api';

register();
const require = createRequire(import.meta.url);
const { SourceDocument } = require('../src-core/language/document.ts');
const { validateBaseline } = require('../src-core/baseline/validate-baseline.ts');
const { schemaFiles } = require('../src-core/baseline/schemas/schema-files.ts');
const { validatorFor } = require('../src-core/baseline/schema-check.ts');
const { IndicatorSetBuilder } = require('../src-core/intel/indicator-set.ts');
const { feedService } = require('../src-core/intel/service.ts');
const { readFeed } = require('../src-core/intel/feed-reader.ts');
const { formatIPv4, mask4 } = require('../src-core/intel/ip.ts');
const jsonls = require('vscode-json-languageservice');

let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
const now = () => Number(process.hrtime.bigint()) / 1e6;
function rng(seed) { let s = seed >>> 0; return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s; }; }
const fmt = (n, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d });

async function median(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) { const t = now(); await fn(); times.push(now() - t); sample(); }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** A generated baseline of about `targetBytes`: every 10th group gets one fault (of eight kinds, schema and
 *  meaning) when `faulty`, none otherwise (a valid document gives no diagnostic here nor at the peer). */
function generateBaseline(targetBytes, faulty) {
  const r = rng(7);
  const groups = {};
  let size = 0;
  for (let g = 0; size < targetBytes; g++) {
    const allow = new Set();
    while (allow.size < 40) allow.add(`${(r() % 223) + 1}.${r() % 256}.${r() % 256}.0/24`);
    const active = { ruleType: 'ActiveConnectionsNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: 10 + (g % 50), timeWindowSize: 'PT15M' };
    const group = {
      timeWindowRules: [
        active,
        { ruleType: 'MqttD2CMessagesNotInAllowedRange', isEnabled: true, minThreshold: 0, maxThreshold: g % 3, timeWindowSize: 'PT1H' },
        { ruleType: 'TwinUpdatesNotInAllowedRange', isEnabled: true, minThreshold: g % 5, maxThreshold: 5, timeWindowSize: 'PT30M' },
      ],
      allowlistRules: [{ ruleType: 'ConnectionToIpNotAllowed', isEnabled: true, allowlistValues: [...allow] }],
      denylistRules: [], thresholdRules: [],
    };
    if (faulty && g % 10 === 0) {
      const tw = group.timeWindowRules;
      const values = group.allowlistRules[0].allowlistValues;
      switch ((g / 10) % 8) {
        case 0: tw[2].minThreshold = 9; break; // MA202
        case 1: tw[1].timeWindowSize = '15m'; break; // MA203
        case 2: values[3] = '10.0.0/8'; break; // MA205
        case 3: values[5] = '192.168.1.7/24'; break; // MA206
        case 4: tw[0] = { ...active, maxTreshold: active.maxThreshold }; delete tw[0].maxThreshold; break; // MA201 misspelt
        case 5: tw[1].maxThreshold = '5'; break; // MA201 wrong type
        case 6: tw[2].ruleType = 'TwinUpdatesNotInAlowedRange'; break; // MA201 unknown rule type
        case 7: tw.push({ ...active }); break; // MA209 duplicate rule
      }
    }
    groups[`group-${g}`] = group;
    size += 1700;
  }
  return JSON.stringify({ securityGroups: groups }, null, 2);
}

async function benchValidationOf(label, text, schema) {
  const mb = text.length / 1024 / 1024;
  const doc = () => new SourceDocument('/bench/big.baseline.json', text);
  // A new document each run: nothing is cached between runs (the tree cache is per document object). One
  // untimed run of each first, so no side is timed while the JIT is still compiling it.
  const diagnostics = validateBaseline(doc()).length;
  const ours = await median(7, () => validateBaseline(doc()));
  validateBaseline(doc(), { fastPath: false });
  const treePath = await median(3, () => validateBaseline(doc(), { fastPath: false }));
  // The floor the issue quotes: JSON.parse plus the compiled ajv validator, no meaning checks, no places.
  const validate = validatorFor('baseline.schema.json');
  const floor = await median(7, () => validate(JSON.parse(text)));
  const ls = jsonls.getLanguageService({});
  ls.configure({ validate: true, allowComments: true, schemas: [{ uri: 'inmemory://baseline.schema.json', fileMatch: ['*.baseline.json'], schema }] });
  const td = jsonls.TextDocument.create('file:///bench/big.baseline.json', 'json', 1, text);
  await ls.doValidation(td, ls.parseJSONDocument(td));
  const peer = await median(5, async () => { const jd = ls.parseJSONDocument(td); await ls.doValidation(td, jd); });
  const peerDiagnostics = (await ls.doValidation(td, ls.parseJSONDocument(td))).length;
  console.log(`baseline validation, ${label}: ${fmt(mb, 2)} MB generated baseline (schema + meaning checks; ${diagnostics} diagnostics)`);
  console.log(`  this project:                 ${fmt(ours, 2)} ms (median of 7), ${fmt(mb / (ours / 1000))} MB/s`);
  console.log(`  floor, JSON.parse + compiled ajv: ${fmt(floor, 2)} ms (median of 7; no meaning checks, no positions)`);
  console.log(`  this project, tree path:      ${fmt(treePath, 1)} ms (median of 3; jsonc-parser's full tree, the path JSONC text takes)`);
  console.log(`  vscode-json-languageservice:  ${fmt(peer, 1)} ms (median of 5, schema only; ${peerDiagnostics} diagnostics)`);
  console.log(`  ratio: this project takes ${fmt(ours / peer, 3)}x the peer's time (${fmt(peer / ours, 1)}x faster); the tree path ${fmt(treePath / peer, 2)}x`);
}

async function benchValidation() {
  const schema = schemaFiles()['baseline.schema.json'];
  await benchValidationOf('valid', generateBaseline(1024 * 1024, false), schema);
  await benchValidationOf('with faults', generateBaseline(1024 * 1024, true), schema);
}

function timeLookups(n, fn) {
  const t = now();
  let hits = 0;
  for (let i = 0; i < n; i++) if (fn(i) >= 0) hits++;
  const ms = now() - t;
  return { perSec: n / (ms / 1000), hits };
}

function benchIndicators() {
  const r = rng(11);
  const N4 = 1_000_000;
  const lens = [16, 20, 22, 24, 24, 24, 28, 32, 32, 32, 32];
  global.gc?.();
  const before = process.memoryUsage();
  let t = now();
  const b = new IndicatorSetBuilder();
  const nets = new Uint32Array(N4);
  for (let i = 0; i < N4; i++) {
    const len = lens[r() % lens.length];
    const net = (r() & mask4(len)) >>> 0;
    nets[i] = net;
    b.addIPv4(net, len, 'bench.netset', i + 1);
  }
  const addMs = now() - t;
  t = now();
  const set = b.build();
  const buildMs = now() - t;
  sample();
  const after = process.memoryUsage();
  const mem = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 1024 / 1024;
  const L = 4_000_000;
  const probes = new Uint32Array(L);
  for (let i = 0; i < L; i++) probes[i] = i % 2 ? r() : (nets[r() % N4] + (r() & 0xff)) >>> 0;
  const ours = timeLookups(L, (i) => set.lookupIPv4Id(probes[i]));
  const withMatch = timeLookups(L / 4, (i) => (set.lookupIPv4(probes[i]) ? 1 : -1));
  console.log(`indicator set, ${fmt(N4, 0)} IPv4 CIDRs (/16../32)`);
  console.log(`  add ${fmt(addMs)} ms, build ${fmt(buildMs)} ms, memory ${fmt(mem)} MB (heap + array buffers)`);
  console.log(`  lookups: ${fmt(ours.perSec / 1e6, 2)} M/s by id (${fmt(100 * ours.hits / L)}% hits), ${fmt(withMatch.perSec / 1e6, 2)} M/s with the match record`);

  const N6 = 100_000;
  t = now();
  const b6 = new IndicatorSetBuilder();
  const nets6 = [];
  for (let i = 0; i < N6; i++) {
    const len = [32, 48, 56, 64, 128][r() % 5];
    const hi = (0x2000n << 112n) | (BigInt(r() & 0x1fff) << 112n) | (BigInt(r()) << 80n) | (BigInt(r()) << 48n) | (BigInt(r()) << 16n);
    nets6.push(hi);
    b6.addIPv6(hi, len, 'bench6.netset', i + 1);
  }
  const set6 = b6.build();
  const build6 = now() - t;
  const L6 = 400_000;
  const probes6 = Array.from({ length: L6 }, (_, i) => (i % 2 ? nets6[r() % N6] | BigInt(r() & 0xffff) : (0x2000n << 112n) | (BigInt(r()) << 80n)));
  // The packet decoder's form: four big-endian 32-bit words per address.
  const words6 = new Uint32Array(4 * L6);
  probes6.forEach((p, i) => { for (let k = 0; k < 4; k++) words6[4 * i + k] = Number((p >> BigInt(96 - 32 * k)) & 0xffffffffn); });
  const six = timeLookups(L6, (i) => set6.lookupIPv6Id(words6[4 * i], words6[4 * i + 1], words6[4 * i + 2], words6[4 * i + 3]));
  const sixBig = timeLookups(L6, (i) => (set6.lookupIPv6(probes6[i]) ? 1 : -1));
  sample();
  console.log(`indicator set, ${fmt(N6, 0)} IPv6 prefixes: add + build ${fmt(build6)} ms`);
  console.log(`  ${fmt(six.perSec / 1e6, 2)} M lookups/s on 32-bit words (${fmt(100 * six.hits / L6)}% hits); peer: the bigint entry point on the same table ${fmt(sixBig.perSec / 1e6, 2)} M/s`);
  console.log(`  ratio: words answer ${fmt(six.perSec / sixBig.perSec, 1)}x faster than bigint arguments`);

  const NB = 10_000;
  const bl = new BlockList();
  const small = new IndicatorSetBuilder();
  for (let i = 0; i < NB; i++) {
    const len = lens[r() % lens.length];
    const net = (r() & mask4(len)) >>> 0;
    bl.addSubnet(formatIPv4(net), len, 'ipv4');
    small.addIPv4(net, len, 'peer.netset', i + 1);
  }
  const smallSet = small.build();
  const LB = 2_000;
  const texts = Array.from({ length: LB }, (_, i) => formatIPv4(probes[i]));
  const peer = timeLookups(LB, (i) => (bl.check(texts[i], 'ipv4') ? 1 : -1));
  const oursSmall = timeLookups(LB * 500, (i) => smallSet.lookupIPv4Id(probes[i % L]));
  console.log(`peer: node net.BlockList, ${fmt(NB, 0)} IPv4 subnets (reduced size; it scans its rules linearly)`);
  console.log(`  BlockList ${fmt(peer.perSec, 0)} lookups/s; this project on the same ${fmt(NB, 0)} subnets ${fmt(oursSmall.perSec / 1e6, 2)} M lookups/s`);
  console.log(`  ratio: this project answers ${fmt(oursSmall.perSec / peer.perSec, 0)}x faster (on 100x more prefixes: ${fmt(ours.perSec / peer.perSec, 0)}x)`);
}

/** Time of `fn`, and the heap + external memory its result keeps (after a GC when run with --expose-gc). */
function measured(fn) {
  global.gc?.();
  const before = process.memoryUsage();
  const t = now();
  const result = fn();
  const ms = now() - t;
  sample();
  global.gc?.();
  const after = process.memoryUsage();
  const mb = (after.heapUsed + after.external - before.heapUsed - before.external) / 1024 / 1024;
  return { ms, mb, result };
}

function benchFeedCheck() {
  const r = rng(5);
  const lines = [];
  for (let i = 0; i < 2_000_000; i++) lines.push(i % 3 ? `${(r() % 150) + 24}.${r() % 256}.${r() % 256}.${r() % 256}` : `${(r() % 150) + 24}.${r() % 256}.${r() % 256}.0/24`);
  const text = lines.join('\n') + '\n';
  lines.length = 0;
  const ctx = { settings: {}, files: { readText: () => undefined, exists: () => false } };
  const check = measured(() => feedService.validate(new SourceDocument('/bench/big.netset', text), ctx));
  const n = check.result.length;
  check.result = undefined;
  const load = measured(() => readFeed('/bench/big.netset', text));
  console.log(`feed check, ${fmt(text.length / 1024 / 1024)} MB netset, 2,000,000 lines (${n} findings)`);
  console.log(`  check (entries not kept): ${fmt(check.ms)} ms, ${fmt(text.length / 1024 / 1024 / (check.ms / 1000))} MB/s, ${fmt(check.mb)} MB retained after`);
  console.log(`  peer: loading the same feed with its entries (the simulator's read): ${fmt(load.ms)} ms, ${fmt(load.mb)} MB retained`);
  console.log(`  ratio: the check takes ${fmt(check.ms / load.ms, 2)}x the load's time and ${fmt(Math.max(check.mb, 0.1) / load.mb, 3)}x its memory`);
}

// `node --expose-gc bench/baseline.mjs validation` (or feeds, indicators) runs one part.
const only = process.argv[2];
if (!only || only === 'validation') await benchValidation();
if (!only || only === 'feeds') benchFeedCheck();
if (!only || only === 'indicators') benchIndicators();
sample();
console.log(`peak RSS ${fmt(peakRss / 1024 / 1024)} MB`);
