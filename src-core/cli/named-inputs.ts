// Files named on a command line (or by a profile), checked and read the way every command reports them: a
// missing file or a folder is a usage mistake (exit 2, with the pointer to --help); a file that is there but
// will not be read (a device, over its size limit) is a refusal in one line.
import { UsageError, RefusedError } from './args';
import { InputFileError, inputFileRefusal, readInputText, type InputFileKind } from '../util/input-file';

/** Throws before any work when the input does not exist or will not be read. No kind: the size is checked by
 *  the reader once the file's content tells its kind. */
export function mustExist(path: string, what: string, kind?: InputFileKind): void {
  const refused = inputFileRefusal(path, kind);
  if (!refused) return;
  if (refused.reason === 'missing') throw new UsageError(`${what} ${path} not found`);
  if (refused.reason === 'folder') throw new UsageError(`${what} ${path} is a folder, not a file`);
  throw new RefusedError(`${what} ${refused.message}`);
}

/** The input's text, or the same errors as mustExist (and a usage error naming the system's reason for any other
 *  failure to read). */
export function readOrUsage(path: string, kind: InputFileKind): string {
  try {
    return readInputText(path, kind);
  } catch (err) {
    if (err instanceof InputFileError && err.reason !== 'io') throw err.reason === 'missing' ? new UsageError(`${path} not found`) : new RefusedError(err.message);
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
