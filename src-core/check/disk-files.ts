// FileAccess straight from disk, for the CLI (the server puts open editor buffers in front of it): only regular
// files, each within the size limit for its kind (src-core/util/input-file.ts).
import type { FileAccess } from '../language/service';
import { inputFileRefusal, inputKindOfPath, readInputText, type InputFileKind, type InputLimits } from '../util/input-file';
import { processInputLimits } from '../util/input-limits';

/** Disk access under `limits` (absent: the process's, which the CLI sets from its flags and config file). */
export function diskFileAccess(limits?: InputLimits): FileAccess {
  const current = () => limits ?? processInputLimits();
  return {
    readText(p: string, kind?: InputFileKind): string | undefined {
      try {
        return readInputText(p, kind ?? inputKindOfPath(p), current());
      } catch {
        return undefined;
      }
    },
    exists(p: string): boolean {
      return inputFileRefusal(p) === undefined;
    },
    refusal(p: string, kind?: InputFileKind): string | undefined {
      return inputFileRefusal(p, kind, current())?.problem;
    },
  };
}

export const diskFiles: FileAccess = diskFileAccess();
