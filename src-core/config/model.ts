// What the configuration readers produce: every setting as written (with positions), and the
// effective value of each option after the preprocessor (or CMake) has done its work.
import type { Diagnostic, Range } from '../language/types';

export type ConfigFileKind = 'header' | 'dist' | 'nx_user';
export type Distribution = 'core' | 'RTOS_BASE' | 'L4_BASE' | 'RTOS_BASE_UT';

/** The value an option ends up with: `true`/`false` for a switch (defined / not defined, ON / OFF),
 *  a number for an integer expression, a string for a string literal. */
export type OptionValue = boolean | number | string;

export interface OptionSetting {
  name: string;
  /** How the file says it. `cmake-undef` is the `/* #undef NAME *\/` comment CMake writes for an OFF option. */
  via: 'define' | 'undef' | 'cmake-undef' | 'set' | 'base';
  /** The value text as written (`60*5`, `"id"`, `ON`); undefined for a bare `#define NAME` or an `#undef`. */
  rawValue?: string;
  /** Evaluated value; undefined when the text could not be evaluated (a diagnostic says why). */
  value: OptionValue | undefined;
  file: string;
  /** The option name as written. */
  nameRange: Range;
  /** The value as written, when there is one. */
  valueRange?: Range;
  /** The whole directive or command, for fixes that replace or delete it. */
  statementRange: Range;
  /** False when the statement sits in a preprocessor / CMake branch that is not taken. */
  active: boolean;
  /** A function-like macro (`#define F(x) ...`): recorded, never evaluated (value undefined). */
  functionLike?: boolean;
  /** Why the value as written is no integer constant expression the compiler would accept (an identifier no
   *  macro defines, `10s`, code): the readers note it for every setting, the rules report it on the options
   *  that must be numbers. */
  valueIssue?: ValueIssue;
}

export interface ValueIssue {
  message: string;
  /** The offending token, or the whole value. */
  range: Range;
  /** The names no macro the reader saw defines (the issue is then only as sure as the reader's view). */
  unknownNames?: string[];
  /** The chain of a macro that expands into itself (`A`, `B`, `A`): the value can never be resolved. */
  recursive?: string[];
}

/** A line the readers record but do not act on: `#include`, `#pragma`, `#cmakedefine`, a CMake command
 *  other than set/unset/option/if/CONF_DEFINE_BASE, or a commented-out `/* #define X *\/`. */
export interface ConfigDirective {
  kind: 'include' | 'pragma' | 'warning' | 'cmakedefine' | 'command' | 'commented-define' | 'other';
  /** Directive or command name (`include`, `CONF_CREATE_DIST`), or the macro name of a commented-out define. */
  name: string;
  /** The argument text (`"tx_port.h"`), when there is one. */
  text?: string;
  range: Range;
  /** Range of `name` for a commented-out define (for an "uncomment" fix). */
  nameRange?: Range;
  active: boolean;
}

export interface EffectiveConfig {
  kind: ConfigFileKind;
  file: string;
  /** The distribution whose defaults apply (from the file's name, the setting, or RTOS_BASE). */
  distribution: Distribution;
  /** Every setting in file order, active or not. */
  settings: OptionSetting[];
  /** The setting in effect for each option name (the last active one). */
  effective: Map<string, OptionSetting>;
  /** Macros that came from outside the file (nx_user.h) and were used to evaluate it, with their origin. */
  externalMacros: Map<string, OptionSetting>;
  /** Syntax and evaluation problems found while reading (unbalanced #if, unparsable expression, ...). */
  problems: Diagnostic[];
  /** Recorded-but-not-followed lines: includes, pragmas, unknown CMake commands, commented-out defines. */
  directives?: ConfigDirective[];
  /** For a dist file: the distribution its CONF_DEFINE_BASE starts from ('core' for base_dist.cmake). */
  base?: Distribution;
  /** Ranges of the preprocessor / CMake branches not taken (for faded rendering). */
  inactiveRanges?: Range[];
}
