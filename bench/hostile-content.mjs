// Hostile-content bench (issue 10): what checking costs on files built to be expensive, each against a named peer
// measured in the same run, each case in its own process so its peak memory (VmHWM) is its own:
// 1. a baseline whose one object has 10,000 / 20,000 / 40,000 / 1,000,000 keys: this project's check (with the
//    default key limit, and with it raised so every key is checked) against JSON.parse of the same text (the
//    floor any JSON checker pays) and, up to 40,000 keys, vscode-json-languageservice validating it;
// 2. agent headers: 50 MB of `#define`s, and a 10 MB line of `1+1+...`: this project's check against GCC's
//    `cpp -dM -E` on the same file (a process per run: its start-up counts).
// `node bench/hostile-content.mjs` (built by `npm run bench -- hostile`). Figures, not assertions.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'ma-bench-hostile-'));
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d });

// One worker script: `node worker.js <case> <file> [raised]` prints {ms, diagnostics, hwmMiB} as JSON.
const entry = join(dir, 'worker.ts');
writeFileSync(entry, `
import { readFileSync } from 'node:fs';
import { SourceDocument } from ${JSON.stringify(join(root, 'src-core/language/document.ts'))};
import { checkDocument } from ${JSON.stringify(join(root, 'src-core/check/check-document.ts'))};
import { defaultSettings } from ${JSON.stringify(join(root, 'src-core/language/settings.ts'))};
import { parseProjectConfig } from ${JSON.stringify(join(root, 'src-core/project-config/config-file.ts'))};
import * as jsonls from 'vscode-json-languageservice';
import { schemaFiles } from ${JSON.stringify(join(root, 'src-core/baseline/schemas/schema-files.ts'))};
(async () => {
const [what, file, raised] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const hwm = () => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const t0 = performance.now();
let diagnostics = 0;
if (what === 'check') {
  const project = parseProjectConfig('/bench/.microagent/config.json', raised ? JSON.stringify({ limits: { jsonKeys: 1000000, jsonNodes: 2000000 } }) : '{}');
  diagnostics = checkDocument(new SourceDocument(file, text), { settings: defaultSettings, files: { readText: () => undefined, exists: () => false } }, project).diagnostics.length;
} else if (what === 'parse') {
  diagnostics = Object.keys(JSON.parse(text)).length;
} else if (what === 'jsonls') {
  const ls = jsonls.getLanguageService({ schemaRequestService: () => Promise.reject(new Error('offline')) });
  ls.configure({ validate: true, schemas: [{ uri: 'mem://baseline.schema.json', fileMatch: ['*.json'], schema: schemaFiles()['baseline.schema.json'] }] });
  const doc = jsonls.TextDocument.create('file:///bench/x.json', 'json', 1, text);
  diagnostics = (await ls.doValidation(doc, ls.parseJSONDocument(doc))).length;
}
console.log(JSON.stringify({ ms: performance.now() - t0, diagnostics, hwmMiB: hwm() }));
})();
`);
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'worker.js'), logLevel: 'error', mainFields: ['module', 'main'],
  nodePaths: [join(root, 'node_modules')] });

function run(args, timeoutMs = 600_000) {
  const r = spawnSync(process.execPath, [join(dir, 'worker.js'), ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 24 });
  if (r.status !== 0) return { failed: r.signal ? `killed after ${fmt(timeoutMs / 1000)} s` : r.stderr.split('\n')[0] };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
const show = (r) => (r.failed ? r.failed : `${fmt(r.ms)} ms, peak ${fmt(r.hwmMiB)} MiB`);

console.log('peers: JSON.parse of the same text (the floor); vscode-json-languageservice (schema only, up to 40,000 keys); GCC `cpp -dM -E`');
for (const n of [10_000, 20_000, 40_000, 1_000_000]) {
  const obj = { securityGroups: {} };
  for (let i = 0; i < n; i++) obj[`k${i}`] = i;
  const file = join(dir, `keys-${n}.baseline.json`);
  writeFileSync(file, JSON.stringify(obj));
  const ours = run(['check', file]);
  const raised = run(['check', file, 'raised']);
  const parse = run(['parse', file]);
  const peer = n <= 40_000 ? run(['jsonls', file]) : undefined;
  console.log(`baseline, one object of ${fmt(n)} keys: check ${show(ours)} (limit raised, every key checked: ${show(raised)}); ` +
    `JSON.parse ${show(parse)}${peer ? `; vscode-json-languageservice ${show(peer)}` : ''}` +
    (!ours.failed && !parse.failed ? `; ratio check/JSON.parse ${fmt(ours.ms / parse.ms, 1)}` : ''));
}

const hasCpp = spawnSync('cpp', ['--version']).status === 0;
function cppMs(file) {
  const t = performance.now();
  const r = spawnSync('cpp', ['-dM', '-E', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return r.status === 0 ? performance.now() - t : undefined;
}
const defines = join(dir, 'defines', 'asc_config.h');
const parts = ['#define ASC_HIGH_PRIORITY_INTERVAL 10\n'];
for (let i = 0, size = 0; size < 50 * 1024 * 1024; i++) {
  const line = `#define ASC_X_${i} ${i}\n`;
  parts.push(line);
  size += line.length;
}
spawnSync('mkdir', ['-p', dirname(defines)]);
writeFileSync(defines, parts.join(''));
const oneLine = join(dir, 'line', 'asc_config.h');
spawnSync('mkdir', ['-p', dirname(oneLine)]);
writeFileSync(oneLine, `#define ASC_FIRST_COLLECTION_INTERVAL 1${'+1'.repeat(5 * 1024 * 1024)}\n`);
for (const [label, file] of [['50 MB of #defines', defines], ['a 10 MB line of 1+1+...', oneLine]]) {
  const ours = run(['check', file]);
  const cpp = hasCpp ? cppMs(file) : undefined;
  console.log(`header, ${label}: check ${show(ours)}; cpp ${cpp === undefined ? 'not available' : `${fmt(cpp)} ms`}` +
    (cpp && !ours.failed ? `; ratio ours/cpp ${fmt(ours.ms / cpp, 2)}` : ''));
}
rmSync(dir, { recursive: true, force: true });
