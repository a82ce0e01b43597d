// Where the CLI keeps what it caches between runs (loaded feeds): $MICROAGENT_CACHE_DIR, else the XDG cache
// folder, else ~/.cache, under micro-agent-studio/.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function feedCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MICROAGENT_CACHE_DIR) return join(env.MICROAGENT_CACHE_DIR, 'feeds');
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'micro-agent-studio', 'feeds');
}
