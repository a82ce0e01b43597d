// Runs one bundled `microagent` command to completion (decode, learn): the extension's own code in a child
// process, never the workspace's.
import { execFile } from 'node:child_process';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(cli: string, args: string[], cwd: string): Promise<CliOutcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 256 << 20, timeout: 10 * 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 2) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && code === 2 ? err.message : '') });
    });
  });
}
