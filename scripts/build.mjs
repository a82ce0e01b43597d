// Bundles the four entry points with esbuild: the extension client, the language server, the CLI and the
// alert panel's page (with its stylesheet and the codicon font beside it). One bundle per entry keeps the
// VSIX free of node_modules.
import { build } from 'esbuild';
import { existsSync, mkdirSync, chmodSync, copyFileSync } from 'node:fs';

const watch = process.argv.includes('--watch');
// mainFields: prefer a package's ESM build; jsonc-parser's UMD `main` hides its requires from esbuild, and the
// bundle then fails with "Cannot find module './impl/format'" wherever node_modules is absent (the VSIX).
const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning', mainFields: ['module', 'main'] };
const entries = [
  { entryPoints: ['client/extension.ts'], outfile: 'dist/client/extension.js', external: ['vscode'] },
  { entryPoints: ['server/main.ts'], outfile: 'dist/server/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src-core/cli/main.ts'], outfile: 'dist/cli/microagent.js', banner: { js: '#!/usr/bin/env node' } },
  // The panel page runs in the webview: a browser bundle, no Node built-ins (the build fails if one slips in).
  { entryPoints: ['client/panel-page/main.ts'], outfile: 'dist/panel/panel.js', platform: 'browser', format: 'iife', target: 'es2020', sourcemap: false },
  { entryPoints: ['src-core/traffic/index.ts'], outfile: 'bench/dist/traffic.js' },
  // Mocha is bundled in (its parallel-mode files, never used, stay out): the suite must load without node_modules.
  { entryPoints: ['client/test/index.ts'], outfile: 'dist/client/test/index.js', external: ['vscode', './reporters/parallel-buffered', './worker.js'] },
];
mkdirSync('dist/panel', { recursive: true });
await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
copyFileSync('client/panel-page/panel.css', 'dist/panel/panel.css');
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/panel/${f}`);
for (const f of ['dist/server/server.js', 'dist/cli/microagent.js']) if (existsSync(f)) chmodSync(f, 0o755);
if (watch) console.log('watch mode is not supported; re-run npm run build');
