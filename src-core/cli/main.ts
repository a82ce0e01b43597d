// Entry point of the `microagent` command: dispatches to one command file per subcommand.
import { commands } from './commands/index';
import { didYouMean, RefusedError, UsageError } from './args';
import type { CliIo } from './command';
import { escapeControls } from '../findings/text-safety';

import { toolVersion as version } from './version';

async function usage(io: CliIo): Promise<void> {
  const lines = ['Usage: microagent <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const cmd = await load();
    lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  }
  lines.push('', 'Run `microagent <command> --help` for a command\'s options.', '');
  io.stdout(lines.join('\n'));
}

export async function main(argv: string[], rawIo: CliIo): Promise<number> {
  // Everything a command writes passes here: control characters from inputs (an ESC sequence in a feed line, a
  // file name) are written as escapes, so no input can clear a CI log's screen or forge a line. Progress lines
  // use `status`, which is written as it is.
  const io: CliIo = {
    ...rawIo,
    stdout: (t) => rawIo.stdout(escapeControls(t)),
    stderr: (t) => rawIo.stderr(escapeControls(t)),
    status: rawIo.status ?? rawIo.stderr,
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await usage(io);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    const near = didYouMean(name.replace(/^-+/, ''), Object.keys(commands)).replace('--', '');
    io.stderr(`microagent: unknown command '${name}'${near}. Run \`microagent --help\` for the list.\n`);
    return 2;
  }
  const cmd = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(cmd.help.endsWith('\n') ? cmd.help : `${cmd.help}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`microagent ${name}: ${err.message}\n${err instanceof RefusedError ? '' : `Run \`microagent ${name} --help\` for usage.\n`}`);
      return 2;
    }
    io.stderr(`microagent ${name}: ${(err as Error).stack ?? err}\n`);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    stderrIsTty: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`microagent: ${err?.stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
