// Benchmarks the language server and `microagent check` against named peers run on the same input in this run:
//  - round trip (didChange -> publishDiagnostics) of the real server on a generated 5,000-line asc_config.h,
//    against vscode-json-languageservice parsing + validating (in process) a JSON document of the same byte size;
//  - `microagent check` throughput in lines/s against the C preprocessor `cpp -dM -E` on the same file;
//  - peak memory (maxRSS) of each.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const jsonls = require('vscode-json-languageservice');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverJs = path.join(root, 'dist/server/server.js');
const cliJs = path.join(root, 'dist/cli/microagent.js');
for (const f of [serverJs, cliJs]) if (!fs.existsSync(f)) throw new Error(`${f} missing: run npm run build`);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const LINES = 5000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;

/** A header as a large project might write it: known options, #if branches, comments, some unknown names. */
function generateHeader(lines) {
  const opts = ['ASC_HIGH_PRIORITY_INTERVAL', 'ASC_MEDIUM_PRIORITY_INTERVAL', 'ASC_LOW_PRIORITY_INTERVAL', 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE', 'ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV6_OBJECTS_IN_CACHE', 'ASC_SECURITY_MODULE_PENDING_TIME'];
  const out = ['#ifndef ASC_CONFIG_H', '#define ASC_CONFIG_H'];
  let i = 0;
  while (out.length < lines - 1) {
    const k = i++ % 10;
    if (k === 0) out.push(`/* block ${i}: tuning for board variant ${i % 7} */`);
    else if (k === 1) out.push(`#if BOARD_VARIANT == ${i % 7}`);
    else if (k === 2) out.push(`#undef ${opts[i % opts.length]}`);
    else if (k === 3) out.push(`#define ${opts[i % opts.length]} ${10 + (i % 50)}`);
    else if (k === 4) out.push('#endif');
    else if (k === 5) out.push(`#define ASC_PROJECT_CUSTOM_${i} ${i}`);
    else if (k === 6) out.push(`// note ${i}: values measured on the lab board`);
    else if (k === 7) out.push(`#define BOARD_SETTING_${i} (${i} * 2)`);
    else out.push('');
  }
  out.push('#endif');
  return out.join('\n') + '\n';
}

async function serverRoundTrip(file, text) {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiters.get(p.version);
    if (w) w(p);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ validate: 'onType', debounceMs: 0, distribution: 'auto', nxUserPath: '', severityOverrides: {} })));
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const uri = pathToFileURL(file).href;
  const published = (v) => new Promise((r) => waiters.set(v, r));
  let wait = published(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'c', version: 1, text } });
  const first = await wait;
  const times = [];
  for (let v = 2; v < 2 + ROUNDS; v++) {
    // Alternate a value so every round really changes the document.
    const changed = text.replace('#define ASC_HIGH_PRIORITY_INTERVAL', `#define ASC_HIGH_PRIORITY_INTERVAL ${v} //`);
    wait = published(v);
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: changed }] });
    await wait;
    times.push(performance.now() - t0);
  }
  const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  return { ms: median(times), diagnostics: first.diagnostics.length, maxRssKb: hwm };
}

async function jsonPeer(byteSize) {
  const items = [];
  let s = '';
  for (let i = 0; s.length < byteSize - 40; i++) {
    items.push({ name: `ASC_OPTION_${i}`, value: i % 97, enabled: i % 3 === 0 });
    if (i % 200 === 0) s = JSON.stringify({ options: items }, null, 2);
  }
  const text = JSON.stringify({ options: items }, null, 2).slice(0, byteSize);
  const fixed = text.slice(0, text.lastIndexOf('}') + 1) + '\n]}';
  const ls = jsonls.getLanguageService({});
  ls.configure({ validate: true, allowComments: false });
  const times = [];
  for (let i = 0; i < ROUNDS; i++) {
    const doc = jsonls.TextDocument.create('file:///peer.json', 'json', i, fixed);
    const t0 = performance.now();
    const parsed = ls.parseJSONDocument(doc);
    await ls.doValidation(doc, parsed);
    times.push(performance.now() - t0);
  }
  return { ms: median(times), bytes: fixed.length };
}

function timed(cmd, args, runs = 3) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result: last };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-bench-'));
  try {
    const file = path.join(dir, 'asc_config.h');
    const text = generateHeader(LINES);
    fs.writeFileSync(file, text);
    const lines = text.split('\n').length - 1;
    console.log(`input: generated asc_config.h, ${lines} lines, ${text.length} bytes; ${ROUNDS} rounds, medians`);

    const rt = await serverRoundTrip(file, text);
    const peer = await jsonPeer(text.length);
    console.log(`round trip didChange -> publishDiagnostics (microagent-ls over stdio): ${rt.ms.toFixed(1)} ms, ${rt.diagnostics} diagnostics`);
    console.log(`peer: vscode-json-languageservice parse+validate in process, ${peer.bytes}-byte JSON (no schema): ${peer.ms.toFixed(1)} ms`);
    console.log(`ratio round trip / JSON peer: ${(rt.ms / peer.ms).toFixed(2)}x  (the server's figure includes IPC and JSON-RPC encoding)`);
    console.log(`server peak memory (VmHWM): ${mb(rt.maxRssKb)}`);

    const rssFile = path.join(dir, 'rss.txt');
    const preload = path.join(dir, 'rss.cjs');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const check = timed(process.execPath, ['--require', preload, cliJs, 'check', '--format', 'json', file]);
    if (check.result.status === 2 || !check.result.stdout) throw new Error(`check failed: ${check.result.stderr}`);
    const checkRss = Number(fs.readFileSync(rssFile, 'utf8'));
    const cpp = timed('cpp', ['-dM', '-E', file]);
    if (cpp.result.status !== 0) throw new Error(`cpp failed: ${cpp.result.stderr}`);
    const checkLps = lines / (check.ms / 1000);
    const cppLps = lines / (cpp.ms / 1000);
    console.log(`microagent check (whole process, node start included): ${check.ms.toFixed(0)} ms, ${Math.round(checkLps)} lines/s`);
    console.log(`peer: cpp -dM -E (whole process): ${cpp.ms.toFixed(0)} ms, ${Math.round(cppLps)} lines/s`);
    console.log(`ratio check / cpp throughput: ${(checkLps / cppLps).toFixed(2)}x`);
    console.log(`check peak memory (maxRSS): ${mb(checkRss)}; bench process (JSON peer) maxRSS: ${mb(process.resourceUsage().maxRSS)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
