// Where a configuration option is written (asc_config.h, a dist file or nx_user.h), so that a finding about
// the agent's set-up points at the line to change, or at the file to add it to.
import type { Range } from '../language/types';
import type { SourceLocation } from '../findings/finding';

export interface OptionPlace {
  location: SourceLocation;
  /** The value as written, when the option is set with one (a fix replaces it). */
  valueRange?: Range;
  /** False when the option is not written anywhere and the location is the file to add it to. */
  written: boolean;
}

export interface ConfigLocator {
  locate(option: string): OptionPlace | undefined;
}

export const noConfigLocator: ConfigLocator = { locate: () => undefined };
