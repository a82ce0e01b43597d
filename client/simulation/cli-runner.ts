// Runs the bundled `microagent simulate` in a child process: off the extension host's thread, killed on
// cancel, its progress read from `--progress` JSON lines, its result from a JSON file.
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { SimulationResult } from '../../src-core/simulator/simulation-types';

export interface SimulationRequest {
  /** Folder the CLI runs in (relative paths in the result are made against it). */
  cwd: string;
  profile?: string;
  capture?: string;
  /** Device addresses, one entry per device (comma-separated addresses). */
  devices?: string[];
  feeds?: string[];
  seed?: number;
}

export interface SimulationOutcome {
  result?: SimulationResult & { summary: SimulationResult['summary'] & { configuration?: string } };
  /** The CLI's exit status (0 done, 1 --fail-on, 2 bad input), or undefined when cancelled. */
  exitCode?: number;
  /** What the CLI said on standard error besides progress (warnings, read errors). */
  messages: string[];
  cancelled: boolean;
}

export interface Progress {
  phase?: string;
  packets?: number;
  bytes?: number;
}

export function cliArgs(req: SimulationRequest, output: string): string[] {
  const args = ['simulate', '--format', 'json', '-o', output, '--progress'];
  if (req.profile) args.push('--profile', req.profile);
  if (req.capture) args.push('--capture', req.capture);
  for (const d of req.devices ?? []) args.push('--device-ip', d);
  for (const f of req.feeds ?? []) args.push('--feed', f);
  if (req.seed !== undefined) args.push('--seed', String(req.seed));
  return args;
}

export function runCliSimulation(cli: string, req: SimulationRequest, token: vscode.CancellationToken, onProgress: (p: Progress) => void): Promise<SimulationOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'microagent-run-'));
  const output = join(dir, 'result.json');
  return new Promise((resolve) => {
    const child = fork(cli, cliArgs(req, output), {
      cwd: req.cwd, silent: true, execArgv: [],
      // The extension host may be Electron: run the CLI as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    const messages: string[] = [];
    let pending = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{"progress":')) {
          try {
            onProgress((JSON.parse(line) as { progress: Progress }).progress);
          } catch {
            messages.push(line);
          }
        } else if (line.trim()) messages.push(line);
      }
    });
    child.stdout?.resume();
    const cancel = token.onCancellationRequested(() => child.kill());
    let done = false;
    const finish = (exitCode: number | undefined, error?: string) => {
      if (done) return;
      done = true;
      cancel.dispose();
      if (pending.trim()) messages.push(pending.trim());
      if (error) messages.push(error);
      let result: SimulationOutcome['result'];
      if (!token.isCancellationRequested && exitCode !== undefined && exitCode !== 2) {
        try {
          result = JSON.parse(readFileSync(output, 'utf8'));
        } catch (e) {
          messages.push(`the simulation's result could not be read: ${(e as Error).message}`);
        }
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ result, exitCode, messages, cancelled: token.isCancellationRequested });
    };
    child.on('error', (e) => finish(undefined, `cannot start the simulator: ${e.message}`));
    child.on('exit', (code) => finish(code ?? undefined));
  });
}
