// `--max-file-size KIND=SIZE` for the commands that read the user's files: the limits of one run are the
// defaults, then the nearest .microagent/config.json's `maxFileSize`, then the flags, kind by kind.
import * as path from 'node:path';
import type { FlagSpec, ParsedArgs } from './args';
import { UsageError } from './args';
import { diskFileAccess } from '../check/disk-files';
import { loadProjectConfig } from '../project-config/config-file';
import { DEFAULT_MAX_FILE_SIZE, defaultInputLimits, INPUT_FILE_KINDS, parseMaxFileSizeFlags, setProcessInputLimits, withMaxFileSizes, type InputLimits } from '../util/input-limits';
import { formatByteSize } from '../util/byte-size';

export const MAX_FILE_SIZE_FLAG: Record<string, FlagSpec> = { 'max-file-size': { value: true, repeat: true } };

/** The option's help, with its description starting at column `width`. */
export function maxFileSizeHelp(width: number): string {
  const pad = ' '.repeat(width);
  const defaults = INPUT_FILE_KINDS.map((k) => `${k} ${formatByteSize(DEFAULT_MAX_FILE_SIZE[k]).replace(' ', '')}`);
  return `${'  --max-file-size KIND=SIZE'.padEnd(width)}the largest file read of a kind (repeat; SIZE such as 64MB or 2GB;
${pad}also "maxFileSize" in .microagent/config.json). Defaults:
${pad}${defaults.slice(0, 4).join(', ')},
${pad}${defaults.slice(4).join(', ')}
`;
}

/**
 * The run's limits from the flags and the config file nearest to the folder `from` (at it or above), set as the
 * process's so every reader applies them. Throws a UsageError for a bad flag.
 */
export function applyInputLimits(parsed: ParsedArgs, from: string): InputLimits {
  let flags;
  try {
    flags = parseMaxFileSizeFlags(parsed.flags.get('max-file-size') ?? []);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  // loadProjectConfig looks from a file's folder: any name in `from` starts the search there.
  const project = loadProjectConfig(path.join(from, 'microagent-run'), diskFileAccess(defaultInputLimits));
  const limits = withMaxFileSizes(defaultInputLimits, project.maxFileSize, flags);
  setProcessInputLimits(limits);
  return limits;
}
