// `microagent demo`: the README's main job. Checks every file of the example workspace kept in the repository
// (examples/door-lock), then runs the simulator and its cloud on its profile, so a new user sees each part of
// the product on real output. With --out it first writes a fresh copy of that workspace elsewhere.
import { existsSync } from 'node:fs';
import { resolve, relative, join } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { parseArgs, RefusedError, UsageError } from '../args';
import { writeExampleWorkspace, EXAMPLE_FILES, EXAMPLE_FOLDER } from '../../example/workspace';
import { commands } from './index';

const help = `Usage: microagent demo [--out DIR] [--force]

Runs \`microagent check\` on the example workspace (a door-lock firmware project: asc_config.h, nx_user.h, a
capture, a baseline, a threat feed and a simulation profile) and \`microagent simulate\` on its profile, and
prints both. The example is ${EXAMPLE_FOLDER}/ in the repository when run from its root; with --out (or
anywhere else) a fresh copy is written to DIR first (default ./example; an earlier demo's ./example is
used as it is). Files of the example that already exist in DIR are not replaced unless --force is given:
the demo refuses and names them.

Options:
  --out DIR   write the example workspace to DIR and run on that copy
  --force     replace the example's files in DIR when they exist
`;

async function runCommand(name: string, args: string[], io: CliIo): Promise<number> {
  const cmd = await commands[name]();
  io.stdout(`\n$ microagent ${name} ${args.join(' ')}\n`);
  return cmd.run(args, io);
}

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { out: { value: true }, force: {} });
  const out = parsed.flags.get('out')?.[0];
  const kept = resolve(io.cwd, EXAMPLE_FOLDER);
  const written = resolve(io.cwd, 'example');
  if (parsed.flags.has('force') && out === undefined) throw new UsageError('--force only applies to --out DIR');
  let root: string;
  if (out === undefined && existsSync(join(kept, 'microagent.json'))) {
    root = kept;
    io.stdout(`The example workspace: ${EXAMPLE_FOLDER}/\n`);
  } else if (out === undefined && existsSync(join(written, 'microagent.json'))) {
    // An earlier demo's copy (perhaps edited since): run on it as it is rather than replace it.
    root = written;
    io.stdout('The example workspace written by an earlier demo: example/ (kept as it is; delete it for a fresh copy)\n');
  } else {
    root = resolve(io.cwd, out ?? 'example');
    const existing = EXAMPLE_FILES.map((f) => join(root, f.path)).filter((p) => existsSync(p));
    if (existing.length && !parsed.flags.has('force')) {
      throw new RefusedError(`${relative(io.cwd, root) || '.'}/ already has ${existing.map((p) => relative(root, p)).join(', ')}; not overwritten (give --force to replace ${existing.length === 1 ? 'it' : 'them'}, or another --out DIR)`);
    }
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
