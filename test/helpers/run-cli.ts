// The bundled `microagent` CLI run as a user runs it, in a child process: its exit code, output and wall time.
// Every CLI test drives it through here (each with its own default folder and time limit).
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const CLI = path.resolve(__dirname, '../../dist/cli/microagent.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `timeoutMs`: a hard limit (the child is killed, and `code` is -1), so a hang fails the test instead of the run. */
export function runCli(args: string[], cwd: string, timeoutMs = 60_000): CliRun {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}
