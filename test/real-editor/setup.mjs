// Installs what the real-editor tests need, when it is missing: Debian's chromium, neovim, ripgrep and
// libkrb5-dev (apt-get, root only), then code-server and playwright-core into a cache outside node_modules.
// Idempotent (a marker file records a finished install) and offline-safe (a failure is reported, not thrown).
// Usage: node test/real-editor/setup.mjs   (exit 0 when everything is there; 1 with the reasons otherwise)
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION, cacheDir, codeServerEntry, installedMarker, playwrightDir, repoRoot,
} from './paths.mjs';

const debianTools = [
  { bin: 'chromium', pkg: 'chromium', why: 'the browser that opens code-server' },
  { bin: 'nvim', pkg: 'neovim', why: 'the second LSP client' },
  { bin: 'rg', pkg: 'ripgrep', why: "seeds code-server's ripgrep download, which fails offline" },
];

export function which(bin) {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const dpkgHas = (pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status === 0;
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Installs missing Debian packages when it may (root, apt-get present); returns what is still missing. */
function ensureDebianTools(log, willBuild) {
  const missing = debianTools.filter((t) => !which(t.bin)).map((t) => t.pkg);
  // libkrb5-dev: a build dependency of code-server's native modules, so only needed for an install.
  if (willBuild && which('dpkg') && !dpkgHas('libkrb5-dev')) missing.push('libkrb5-dev');
  if (missing.length === 0) return [];
  if (!isRoot() || !which('apt-get')) {
    return missing.map((p) => `Debian package ${p} is missing and this is not root: run 'sudo apt-get install -y ${p}'`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env });
  if (r.status !== 0) return [`apt-get install ${missing.join(' ')} failed (offline?)`];
  return [];
}

function npm(args, opts) {
  return spawnSync('npm', args, { encoding: 'utf8', ...opts });
}

/**
 * @vscode/ripgrep's postinstall (code-server 4.100.x) downloads rg from GitHub, which fails offline. It looks
 * in $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<tag>-x86_64-unknown-linux-musl.tar.gz first, so we
 * put Debian's rg there under the name it expects.
 */
function seedRipgrepCache(tmp, log) {
  const rg = which('rg');
  if (!rg) return 'rg not found: cannot seed the ripgrep cache, the install will try to download it';
  const work = path.join(tmp, 'pack');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const packed = npm(['pack', '-q', `code-server@${CODE_SERVER_VERSION}`], { cwd: work });
  if (packed.status !== 0) return `npm pack code-server failed: ${packed.stderr.trim().split('\n').pop()}`;
  const tgz = packed.stdout.trim().split('\n').pop();
  execFileSync('tar', ['xzf', tgz, 'package/lib/vscode/npm-shrinkwrap.json'], { cwd: work });
  const shrink = JSON.parse(fs.readFileSync(path.join(work, 'package/lib/vscode/npm-shrinkwrap.json'), 'utf8'));
  const rgPkg = shrink.packages?.['node_modules/@vscode/ripgrep'];
  if (!rgPkg) return undefined; // newer code-server: no download, nothing to seed
  fs.rmSync(path.join(work, 'package'), { recursive: true, force: true });
  const rgPacked = npm(['pack', '-q', `@vscode/ripgrep@${rgPkg.version}`], { cwd: work });
  if (rgPacked.status !== 0) return `npm pack @vscode/ripgrep failed: ${rgPacked.stderr.trim().split('\n').pop()}`;
  execFileSync('tar', ['xzf', rgPacked.stdout.trim().split('\n').pop()], { cwd: work });
  const post = fs.readFileSync(path.join(work, 'package/lib/postinstall.js'), 'utf8');
  const tag = /const VERSION = '([^']+)'/.exec(post)?.[1];
  if (!tag) return 'could not read the ripgrep tag from @vscode/ripgrep postinstall.js';
  const stage = path.join(work, 'rgstage');
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(rg, path.join(stage, 'rg'));
  const cache = path.join(tmp, `vscode-ripgrep-cache-${rgPkg.version}`);
  fs.mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['czf', path.join(cache, `ripgrep-${tag}-x86_64-unknown-linux-musl.tar.gz`), '-C', stage, 'rg']);
  log(`seeded ripgrep cache for @vscode/ripgrep@${rgPkg.version} (${tag}) with ${rg}`);
  return undefined;
}

function projectPlaywrightVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  return pkg.devDependencies?.['playwright-core'] ?? 'latest';
}

/** Whether the cache holds a finished install of the versions wanted. */
function codeServerInstalled() {
  if (!fs.existsSync(installedMarker) || !fs.existsSync(codeServerEntry) || !fs.existsSync(playwrightDir)) return false;
  try {
    const m = JSON.parse(fs.readFileSync(installedMarker, 'utf8'));
    return m.codeServer === CODE_SERVER_VERSION && m.playwrightCore === projectPlaywrightVersion();
  } catch {
    return false; // a damaged marker: install again
  }
}

/** Installs code-server + playwright-core into the cache unless a finished install is recorded there. */
function ensureCodeServer(log) {
  const playwrightVersion = projectPlaywrightVersion();
  if (codeServerInstalled()) return { problems: [], cached: true };
  // Offline, npm would retry every request with back-off for minutes: ask once, quickly, and say so.
  const ping = npm(['ping', '--fetch-retries=0', '--fetch-timeout=15000'], { timeout: 30000 });
  if (ping.status !== 0) {
    const lines = `${ping.stderr ?? ''}`.trim().split('\n').filter(Boolean);
    const why = lines.find((l) => /\b(code|errno) |E[A-Z]{4,}/.test(l)) ?? lines[0] ?? 'no answer';
    return { problems: [`the npm registry does not answer (offline?), so code-server ${CODE_SERVER_VERSION} cannot be installed: ${why}`] };
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, 'tmp');
  fs.mkdirSync(tmp, { recursive: true });
  const pkgJson = path.join(cacheDir, 'package.json');
  if (!fs.existsSync(pkgJson)) fs.writeFileSync(pkgJson, JSON.stringify({ name: 'microagent-editor-cache', version: '1.0.0', private: true }, null, 2));
  const seedProblem = seedRipgrepCache(tmp, log);
  if (seedProblem) log(`warning: ${seedProblem}`);
  log(`npm install code-server@${CODE_SERVER_VERSION} playwright-core@${playwrightVersion} into ${cacheDir} (1-2 minutes)`);
  const logFile = path.join(cacheDir, 'install.log');
  const fd = fs.openSync(logFile, 'w');
  // Each setting fixes one failure seen on these machines (see docs/testing.md):
  //   --unsafe-perm: code-server's postinstall refuses to run as root without it;
  //   npm_config_nodedir=/usr: node-gyp builds against the local Node headers instead of downloading them;
  //   npm_config_yes=true: node-pty's postinstall runs `npx node-gyp`, which is cancelled without it;
  //   TMPDIR: where the seeded ripgrep cache lives.
  const r = spawnSync('npm', ['install', '--unsafe-perm', '--foreground-scripts', '--no-audit', '--no-fund', '--save-exact',
    `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${playwrightVersion}`], {
    cwd: cacheDir, stdio: ['ignore', fd, fd],
    env: { ...process.env, TMPDIR: tmp, npm_config_nodedir: '/usr', npm_config_yes: 'true' },
  });
  fs.closeSync(fd);
  if (r.status !== 0 || !fs.existsSync(codeServerEntry)) {
    const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-8).join('\n  ');
    return { problems: [`installing code-server ${CODE_SERVER_VERSION} failed (offline or a build tool missing); log: ${logFile}\n  ${tail}`] };
  }
  fs.writeFileSync(installedMarker, JSON.stringify({ codeServer: CODE_SERVER_VERSION, playwrightCore: playwrightVersion, installedAt: new Date().toISOString() }, null, 2));
  return { problems: [], cached: false };
}

/**
 * Makes sure every tool is there. Returns the paths found and, per tool, why it is missing.
 * `want` limits the work: { codeServer: false } skips the big install (the Neovim check needs none of it).
 */
export function setup(want = { codeServer: true }, log = (m) => console.log(`[setup] ${m}`)) {
  const t0 = Date.now();
  const problems = ensureDebianTools(log, want.codeServer !== false && !codeServerInstalled());
  let codeServer = { problems: [], cached: true };
  if (want.codeServer !== false) codeServer = ensureCodeServer(log);
  const seconds = (Date.now() - t0) / 1000;
  return {
    chromium: which('chromium'),
    nvim: which('nvim'),
    codeServerEntry: fs.existsSync(codeServerEntry) ? codeServerEntry : null,
    playwrightDir: fs.existsSync(playwrightDir) ? playwrightDir : null,
    problems: [...problems, ...codeServer.problems],
    cached: codeServer.cached,
    seconds,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = setup();
  console.log(`[setup] chromium: ${r.chromium ?? 'missing'}; nvim: ${r.nvim ?? 'missing'}; code-server: ${r.codeServerEntry ?? 'missing'}`);
  const what = r.cached ? 'code-server already installed' : r.codeServerEntry ? 'installed code-server' : 'could not install code-server';
  console.log(`[setup] ${what} in ${r.seconds.toFixed(1)} s (cache ${cacheDir})`);
  for (const p of r.problems) console.error(`[setup] ${p}`);
  process.exit(r.problems.length ? 1 : 0);
}
