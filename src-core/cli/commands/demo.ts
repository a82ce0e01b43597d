// `microagent demo`: the README's main job. Generates the example workspace, checks every file in it,
// then runs the simulator on its profile, so a new user sees each part of the product on real output.
import { resolve, relative } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs } from '../args';
import { writeExampleWorkspace } from '../../example/workspace';
import { commands } from './index';

const help = `Usage: microagent demo [--out DIR]

Writes the example workspace (a door-lock firmware project: asc_config.h, nx_user.h, a capture, a baseline,
a threat feed and a simulation profile) into DIR (default ./example, overwritten), then runs
\`microagent check\` on it and \`microagent simulate\` on its profile, and prints both.

Options:
  --out DIR   where to write the example workspace (default: example)
`;

async function runCommand(name: string, args: string[], io: CliIo): Promise<number> {
  const cmd = await commands[name]();
  io.stdout(`\n$ microagent ${name} ${args.join(' ')}\n`);
  return cmd.run(args, io);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { out: { value: true } });
  const root = resolve(io.cwd, parsed.flags.get('out')?.[0] ?? 'example');
  const shown = relative(io.cwd, root) || '.';
  io.stdout(`Writing the example workspace to ${shown}/\n`);
  for (const f of writeExampleWorkspace(root)) io.stdout(`  ${f.path.padEnd(36)} ${f.purpose}\n`);

  // check exits 1 when it finds errors: in the demo that is the expected outcome, not a failure.
  const checked = await runCommand('check', [shown], io);
  if (checked === 2) return 2;
  const simulated = await runCommand('simulate', ['--profile', `${shown}/microagent.json`], io);
  if (simulated !== 0) return simulated;
  io.stdout(`\nOpen ${shown}/ in VS Code with the extension installed to see the same findings inline.\n`);
  return 0;
}

export const demoCommand: CliCommand = { name: 'demo', summary: 'Generate the example workspace, check it and simulate the agent on it', help, run };
