// Where the real-editor harness keeps its tools and runs: one place for the versions and folders every script uses.
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; runs on the system Node 20
export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

/** Cache outside the project's node_modules, so `npm ci` never has to carry a 600 MB editor. */
export const cacheDir = process.env.MICROAGENT_EDITOR_CACHE
  ? path.resolve(process.env.MICROAGENT_EDITOR_CACHE)
  : path.join(os.homedir(), '.cache', 'micro-agent-studio', `code-server-${CODE_SERVER_VERSION}`);

export const codeServerEntry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const playwrightDir = path.join(cacheDir, 'node_modules', 'playwright-core');
export const installedMarker = path.join(cacheDir, 'installed.json');
export const vsixPath = path.join(repoRoot, 'dist', 'micro-agent-studio.vsix');
export const runsDir = path.join(here, '.run');
export const inHostSuite = path.join(repoRoot, 'dist', 'client', 'test', 'index.js');
export const serverBundle = path.join(repoRoot, 'dist', 'server', 'server.js');

/** CI must not pass by skipping: there a missing tool is a failure. */
export const isCI = process.env.CI === 'true' || process.env.CI === '1';
