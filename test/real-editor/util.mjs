// Small helpers the real-editor scripts share: condition polling, a free port, timed logs, and how an outcome
// (pass, fail, skip) becomes an exit code.
import net from 'node:net';
import { isCI } from './paths.mjs';

/** Polls `probe` every 200 ms until it returns a truthy value; throws naming `what` (and the last state) on timeout. */
export async function until(probe, ms, what, describe = () => '') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) {
      const last = await describe();
      throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? `; last seen: ${last}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function timedLog(prefix) {
  const t0 = Date.now();
  const log = (...a) => console.log(`[${prefix} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
  log.elapsed = () => (Date.now() - t0) / 1000;
  return log;
}

/**
 * A suite's outcome. `skip` is for a tool that cannot be had here (not root, offline); under CI=true a skip
 * counts as a failure, so CI never passes by testing nothing.
 */
export function outcome(name, { passed = 0, failed = 0, skipped, seconds }) {
  if (skipped && isCI) return { name, passed, failed: failed + 1, skipped: undefined, seconds, error: `CI=true and ${skipped}` };
  return { name, passed, failed, skipped, seconds };
}

/** For a script run on its own: print the summary line and exit with its status. */
export function exitWith(result) {
  if (result.skipped) console.log(`SKIP ${result.name}: ${result.skipped}`);
  if (result.error) console.error(`FAIL ${result.name}: ${result.error}`);
  console.log(`${result.name}: ${result.passed} passed, ${result.failed} failed${result.skipped ? ' (skipped)' : ''} in ${result.seconds?.toFixed(1)} s`);
  process.exit(result.failed > 0 ? 1 : 0);
}
