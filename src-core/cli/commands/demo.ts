// `microagent demo`: the README's main job. Checks every file of the example workspace kept in the repository
// (examples/door-lock), then runs the simulator and its cloud on its profile, so a new user sees each part of
// the product on real output. With --out it first writes a fresh copy of that workspace elsewhere.
import { existsSync } from 'node:fs';
import { resolve, relative, join } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs } from '../args';
import { writeExampleWorkspace, EXAMPLE_FOLDER } from '../../example/workspace';
import { commands } from './index';

const help = `Usage: microagent demo [--out DIR]

Runs \`microagent check\` on the example workspace (a door-lock firmware project: asc_config.h, nx_user.h, a
capture, a baseline, a threat feed and a simulation profile) and \`microagent simulate\` on its profile, and
prints both. The example is ${EXAMPLE_FOLDER}/ in the repository when run from its root; with --out (or
anywhere else) a fresh copy is written to DIR first (default ./example, overwritten).

Options:
  --out DIR   write the example workspace to DIR and run on that copy
`;

async function runCommand(name: string, args: string[], io: CliIo): Promise<number> {
  const cmd = await commands[name]();
  io.stdout(`\n$ microagent ${name} ${args.join(' ')}\n`);
  return cmd.run(args, io);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { out: { value: true } });
  const out = parsed.flags.get('out')?.[0];
  const kept = resolve(io.cwd, EXAMPLE_FOLDER);
  let root: string;
  if (out === undefined && existsSync(join(kept, 'microagent.json'))) {
    root = kept;
    io.stdout(`The example workspace: ${EXAMPLE_FOLDER}/\n`);
  } else {
    root = resolve(io.cwd, out ?? 'example');
    io.stdout(`Writing the example workspace to ${relative(io.cwd, root) || '.'}/\n`);
    for (const f of writeExampleWorkspace(root)) io.stdout(`  ${f.path.padEnd(36)} ${f.purpose}\n`);
  }
  const shown = relative(io.cwd, root) || '.';
  // check exits 1 when it finds errors: in the demo that is the expected outcome, not a failure.
  const checked = await runCommand('check', [shown], io);
  if (checked === 2) return 2;
  const simulated = await runCommand('simulate', ['--profile', `${shown}/microagent.json`], io);
  if (simulated !== 0) return simulated;
  io.stdout(`\nOpen ${shown}/ in VS Code with the extension installed and run "Micro Agent: Run Simulation" to see the same findings in the alert panel and inline.\n`);
  return 0;
}

export const demoCommand: CliCommand = { name: 'demo', summary: 'check the example workspace and simulate the agent and its cloud on it', help, run };
