// Entry point of microagent-ls (dist/server/server.js): picks the transport from the command line and starts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, SERVER_NAME } from './server';
import { toolVersion as version } from '../src-core/cli/version';
import { TestFaults } from './test-faults';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-V')) {
  process.stdout.write(`${SERVER_NAME} ${version()}\n`);
  process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    `Usage: ${SERVER_NAME} [--stdio | --node-ipc | --socket=PORT | --pipe=NAME]\n` +
      'The Micro Agent Studio language server. With no transport flag it talks over stdin/stdout.\n',
  );
  process.exit(0);
}
// createConnection reads the transport from argv; default to stdio so `microagent-ls` alone works in any editor.
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) process.argv.push('--stdio');

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (err) => connection.console.error(`uncaught: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection: ${(err as Error)?.stack ?? err}`));
// The fault-injection hook of the protocol tests (server/test-faults.ts), read once here; unset outside tests.
// Said on stderr: no message may go to the client before it has initialized the connection.
const faults = TestFaults.parse(process.env.MICROAGENT_TEST_FAULT, (m) => process.stderr.write(`${m}\n`));
if (faults.active) process.stderr.write(`${SERVER_NAME}: MICROAGENT_TEST_FAULT is set: faults are injected for tests (${process.env.MICROAGENT_TEST_FAULT})\n`);
startServer(connection, version(), faults);
