// The limits on what a checked file may hold (JSON keys, nesting and size; header line length and expression
// size; suppression comments), with their defaults and the bounds a project may set them within (`limits` in
// .microagent/config.json).
// A file past one is reported (MA005) at the place it passes it, and the rest is checked where it can be.

/** The code of every refusal at a content limit, in any kind of file. */
export const LIMIT_CODE = 'MA005';

export interface ContentLimits {
  /** Keys in one JSON object. */
  jsonKeys: number;
  /** Nesting of JSON objects and arrays (the root container is level 1). */
  jsonDepth: number;
  /** Values in one JSON document (objects, arrays, strings, numbers, booleans, nulls). */
  jsonNodes: number;
  /** Preprocessor directives or CMake commands in one configuration file. */
  statements: number;
  /** Characters in one preprocessor directive (continuations joined) or CMake command. */
  lineLength: number;
  /** Tokens in one preprocessor expression or #define value, after macro expansion. */
  expressionTokens: number;
  /** Nesting of one expression (parentheses, unary operators, macros expanding into macros). */
  expressionDepth: number;
  /** `microagent-ignore` comments in one file. */
  suppressionComments: number;
}

export type ContentLimitName = keyof ContentLimits;

interface LimitSpec {
  default: number;
  /** Lowest and highest value a project may set: below, real files fail; above, the stack or memory does. */
  min: number;
  max: number;
  /** What the limit counts, for messages and the docs. */
  what: string;
}

export const CONTENT_LIMITS: Readonly<Record<ContentLimitName, LimitSpec>> = {
  jsonKeys: { default: 10_000, min: 100, max: 1_000_000, what: 'keys in one JSON object' },
  // The parser, the schema validator and the value walk recurse once per level: past about 2,000 the stack ends.
  jsonDepth: { default: 200, min: 16, max: 1_000, what: 'levels of JSON nesting' },
  jsonNodes: { default: 1_000_000, min: 1_000, max: 20_000_000, what: 'values in one JSON document' },
  // A real asc_config.h has about a hundred; each one read costs about a kilobyte until the check ends.
  statements: { default: 50_000, min: 1_000, max: 5_000_000, what: 'directives or CMake commands in one configuration file' },
  lineLength: { default: 16_384, min: 256, max: 10_000_000, what: 'characters in one directive or CMake command' },
  expressionTokens: { default: 4_096, min: 64, max: 1_000_000, what: 'tokens in one expression' },
  // The expression parser recurses once per parenthesis or unary operator.
  expressionDepth: { default: 256, min: 16, max: 2_000, what: 'levels of nesting in one expression' },
  // A real file has a handful; each one read is kept (with its codes) until the check ends.
  suppressionComments: { default: 10_000, min: 100, max: 1_000_000, what: 'suppression comments in one file' },
};

export const defaultContentLimits: Readonly<ContentLimits> = Object.freeze(
  Object.fromEntries(Object.entries(CONTENT_LIMITS).map(([k, s]) => [k, s.default])) as unknown as ContentLimits,
);

export function isContentLimitName(name: string): name is ContentLimitName {
  return Object.prototype.hasOwnProperty.call(CONTENT_LIMITS, name);
}

/** Why a configured value is not accepted, or undefined when it is. */
export function limitValueProblem(name: ContentLimitName, value: unknown): string | undefined {
  const spec = CONTENT_LIMITS[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) return `"limits.${name}" must be a whole number (${spec.what}; default ${spec.default})`;
  if (value < spec.min || value > spec.max) {
    return `"limits.${name}" must be between ${spec.min.toLocaleString('en-US')} and ${spec.max.toLocaleString('en-US')} (${spec.what}); ${value} is not used`;
  }
  return undefined;
}

/** The limits in force: the defaults with what a project sets (values already checked by the config reader). */
export function resolveContentLimits(partial: Partial<ContentLimits> | undefined): ContentLimits {
  if (!partial) return defaultContentLimits;
  const out = { ...defaultContentLimits };
  for (const name of Object.keys(CONTENT_LIMITS) as ContentLimitName[]) {
    const v = partial[name];
    if (v !== undefined && limitValueProblem(name, v) === undefined) out[name] = v;
  }
  return out;
}

/** How every refusal names the setting that raises its limit. */
export function limitNote(name: ContentLimitName): string {
  return `\`limits.${name}\` in .microagent/config.json`;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** "over the limit of 16,384 (`limits.lineLength` in .microagent/config.json)". */
export function overLimit(name: ContentLimitName, limit: number): string {
  return `over the limit of ${fmt(limit)} (${limitNote(name)})`;
}

/** The limits a project sets, without those that raise a default: what an untrusted workspace may set (a cloned
 *  repository must not make the editor read more than it would by default; lowering is always allowed). */
export function loweredOnly(partial: Partial<ContentLimits> | undefined): Partial<ContentLimits> | undefined {
  if (!partial) return undefined;
  const out: Partial<ContentLimits> = {};
  for (const name of Object.keys(partial) as ContentLimitName[]) {
    const v = partial[name];
    if (v !== undefined && v <= CONTENT_LIMITS[name].default) out[name] = v;
  }
  return out;
}
