// Config-rules bench: validating an agent header (read + every MA1xx rule) against the real C preprocessor
// (`cpp -dM -E`, GCC) on the same file, for a shipped-size header and a 20,000-line one; plus hover and
// completion latency, throughput and peak memory. Bundles the TypeScript sources itself with esbuild.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'ma-bench-config-'));
const require = createRequire(import.meta.url);

const entry = join(dir, 'entry.ts');
writeFileSync(entry, [
  `export * from ${JSON.stringify(join(root, 'src-core/config/services/config-services.ts'))};`,
  `export { SourceDocument } from ${JSON.stringify(join(root, 'src-core/language/document.ts'))};`,
  `export { defaultSettings } from ${JSON.stringify(join(root, 'src-core/language/settings.ts'))};`,
].join('\n'));
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'config.js'), logLevel: 'error' });
const m = require(join(dir, 'config.js'));

const shipped = [
  '#ifndef ASC_CONFIG_H', '#define ASC_CONFIG_H', '#define ASC_SECURITY_MODULE_ID "defender-iot-micro-agent"',
  '#define SECURITY_MODULE_VERSION_MAJOR 3', '#define SECURITY_MODULE_VERSION_MINOR 5', '#define SECURITY_MODULE_VERSION_PATCH 4',
  '#define ASC_COLLECTOR_HEARTBEAT_ENABLED', '#define ASC_COLLECTOR_NETWORK_ACTIVITY_ENABLED',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 64', '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 64',
  '/* #undef ASC_COLLECTOR_BASELINE_ENABLED */', '#define ASC_COLLECTOR_SYSTEM_INFORMATION_ENABLED', '#define ASC_FIRST_COLLECTION_INTERVAL 30',
  '#define ASC_HIGH_PRIORITY_INTERVAL 10', '#define ASC_MEDIUM_PRIORITY_INTERVAL 30', '#define ASC_LOW_PRIORITY_INTERVAL 60',
  '#define ASC_SECURITY_MODULE_PENDING_TIME 60*5', '#define ASC_SECURITY_MODULE_SEND_MESSAGE_RETRY_TIME 3',
  '#ifdef NX_DISABLE_IPV6', '#undef ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE',
  '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE 0', '#endif',
];
const small = [...shipped, '#endif', ''].join('\n');
const bigLines = [...shipped];
for (let i = 0; bigLines.length < 20000; i++) {
  bigLines.push(`#if APP_LEVEL_${i % 50} > ${i % 7}`, `#define APP_VALUE_${i} (${i} * 4 + APP_LEVEL_${i % 50})`, '#else', `#define ASC_HIGH_PRIORITY_INTERVALS_${i} ${i}`, '#endif');
}
const big = [...bigLines, '#endif', ''].join('\n');

const ctx = { settings: m.defaultSettings, files: { readText: () => '#define NX_ENABLE_IP_PACKET_FILTER\n', exists: (p) => p.endsWith('/nx_user.h') } };
let peakRss = 0;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

function best(runs, fn) {
  let t = Infinity;
  let out;
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    out = fn();
    t = Math.min(t, Number(process.hrtime.bigint() - s) / 1e6);
    sample();
  }
  return { ms: t, out };
}

function cppMs(path, runs) {
  return best(runs, () => {
    const r = spawnSync('cpp', ['-dM', '-E', path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cpp failed: ${r.stderr}`);
    return r.stdout.length;
  }).ms;
}

const rows = [];
for (const [label, text, runs] of [['shipped-size header (23 lines)', small, 30], ['20,000-line header', big, 5]]) {
  const path = join(dir, label.startsWith('shipped') ? 'asc_config.h' : 'big_asc_config.h');
  writeFileSync(path, text);
  const doc = new m.SourceDocument(path, text);
  const ours = best(runs, () => m.ascConfigHeaderService.validate(doc, ctx));
  const peer = cppMs(path, runs);
  const lines = text.split('\n').length;
  rows.push({ label, ms: ours.ms, peer, lines, diags: ours.out.length, bytes: text.length });
}

const doc = new m.SourceDocument(join(dir, 'asc_config.h'), small);
const hover = best(50, () => m.ascConfigHeaderService.hover(doc, { line: 8, character: 12 }, ctx)).ms;
const complete = best(50, () => m.ascConfigHeaderService.complete(new m.SourceDocument('/w/asc_config.h', '#define ASC_'), { line: 0, character: 12 }, ctx)).ms;

console.log('peer: GCC `cpp -dM -E` on the same file (a process per run, so its start-up counts: the editor pays ours in-process)');
for (const r of rows) {
  console.log(`${r.label}: validate ${r.ms.toFixed(2)} ms, cpp ${r.peer.toFixed(2)} ms, ratio ours/cpp ${(r.ms / r.peer).toFixed(2)}; ` +
    `${Math.round(r.lines / (r.ms / 1000)).toLocaleString('en')} lines/s, ${(r.bytes / 1048576 / (r.ms / 1000)).toFixed(1)} MB/s; ${r.diags} diagnostics`);
}
console.log(`hover on a cache option (with footprint): ${hover.toFixed(3)} ms; completion after #define ASC_: ${complete.toFixed(3)} ms`);
console.log(`peak RSS ${(peakRss / 1048576).toFixed(0)} MiB`);
rmSync(dir, { recursive: true, force: true });
