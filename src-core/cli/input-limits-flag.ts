// `--max-file-size KIND=SIZE` for the commands that read the user's files: the limits of one run are the
// defaults, then the nearest .microagent/config.json's `maxFileSize`, then the flags, kind by kind. The same
// config file's `limits` are the run's content limits (MA005), as `microagent check` applies them.
import * as path from 'node:path';
import type { FlagSpec, ParsedArgs } from './args';
import { UsageError } from './args';
import { diskFileAccess } from '../check/disk-files';
import { loadProjectConfig } from '../project-config/config-file';
import { DEFAULT_MAX_FILE_SIZE, defaultInputLimits, INPUT_FILE_KINDS, parseMaxFileSizeFlags, setProcessInputLimits, withMaxFileSizes, type InputLimits } from '../util/input-limits';
import { formatByteSize } from '../util/byte-size';
import { resolveContentLimits, type ContentLimits } from '../project-config/content-limits';

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

export interface RunLimits {
  /** The size limits, per kind of file (also set as the process's). */
  input: InputLimits;
  /** The content limits the run's JSON and configuration files are read under: the defaults with the project's
   *  `limits` (a file past one is refused, MA005). */
  content: ContentLimits;
}

/**
 * The run's limits from the flags and the config file nearest to the folder `from` (at it or above); the size
 * limits are set as the process's so every reader applies them. Throws a UsageError for a bad flag.
 */
export function applyInputLimits(parsed: ParsedArgs, from: string): RunLimits {
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
  return { input: limits, content: resolveContentLimits(project.limits) };
}
