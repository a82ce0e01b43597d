// `microagent simulate FILE`: the input given without its flag, as a new user first types it. A folder means
// the profile in it (microagent.json, or the one *.microagent.json); a .json file is a profile; anything else is
// traffic (--capture, which tells a pcap, pcapng, conn.log or event script by its content).
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './args';

export interface PositionalInput {
  flag: 'profile' | 'capture';
  path: string;
}

export function positionalInput(given: string, cwd: string): PositionalInput {
  const path = resolve(cwd, given);
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // A missing file is reported by the reader of the flag it stands for, as if given with it.
  }
  if (isDirectory) {
    const names = readdirSync(path);
    const profile = names.includes('microagent.json') ? ['microagent.json'] : names.filter((n) => n.endsWith('.microagent.json'));
    if (profile.length === 1) return { flag: 'profile', path: join(path, profile[0]) };
    throw new UsageError(profile.length === 0
      ? `${given} is a folder with no simulation profile (microagent.json): give --profile FILE or --capture FILE`
      : `${given} holds ${profile.length} profiles (${profile.join(', ')}): give one with --profile FILE`);
  }
  return { flag: /\.json$/i.test(path) && !/\.ndjson$/i.test(path) ? 'profile' : 'capture', path };
}
