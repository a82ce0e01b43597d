// Reads `.microagent/config.json` (JSON with comments), the one configuration file the editor and the CLI share.
import * as path from 'node:path';
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { SourceDocument } from '../language/document';
import type { FileAccess } from '../language/service';
import type { DistributionChoice, SeverityOverride } from '../language/settings';
import type { Diagnostic, Range } from '../language/types';
import { isSeverityOverride } from '../language/severity';
import { compileGlob } from './glob';
import { CONTENT_LIMITS, defaultContentLimits, isContentLimitName, limitValueProblem, type ContentLimits } from './content-limits';
import { scanJsonText } from '../baseline/json-limits';
import { maxFileSizeEntryProblem } from '../util/input-limits';
import { parseByteSize } from '../util/byte-size';
import type { InputFileKind } from '../util/input-file';

export const CONFIG_DIR = '.microagent';
export const CONFIG_FILE = 'config.json';

export interface ConfigSuppression {
  code: string;
  /** The pattern as written; undefined: every file below the project root. */
  file?: string;
  reason?: string;
  /** Where the entry sits in the config file. */
  range: Range;
  /** Tests a path relative to the project root. */
  matches(relativePath: string): boolean;
}

export interface ProjectConfig {
  /** Absolute path of the config file; undefined when none was found. */
  path?: string;
  /** The folder holding `.microagent/`: suppression patterns and nxUserPath are relative to it. */
  root?: string;
  severityOverrides: Record<string, SeverityOverride>;
  suppressions: ConfigSuppression[];
  distribution?: DistributionChoice;
  /** Absolute, resolved against `root`. */
  nxUserPath?: string;
  /** Largest file read per kind, in bytes, where the file sets one (docs/server.md, "Limits"). */
  maxFileSize?: Partial<Record<InputFileKind, number>>;
  /** Content limits the project raises or lowers (`limits`); the rest keep their defaults (content-limits.ts). */
  limits?: Partial<ContentLimits>;
  /** Problems in the config file itself (MA001, MA003), positioned in it. */
  problems: Diagnostic[];
}

export const emptyProjectConfig: ProjectConfig = Object.freeze({ severityOverrides: {}, suppressions: [], problems: [] }) as ProjectConfig;

const knownKeys = new Set(['$schema', 'severityOverrides', 'suppressions', 'distribution', 'nxUserPath', 'maxFileSize', 'limits']);
const distributions = new Set(['auto', 'RTOS_BASE', 'L4_BASE', 'core']);

/** The nearest `.microagent/config.json` at or above the folder of `fromFile`. */
export function findProjectConfigPath(fromFile: string, files: FileAccess): string | undefined {
  let dir = path.dirname(path.resolve(fromFile));
  for (;;) {
    const candidate = path.join(dir, CONFIG_DIR, CONFIG_FILE);
    if (files.exists(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function isProjectConfigPath(file: string): boolean {
  return path.basename(file) === CONFIG_FILE && path.basename(path.dirname(file)) === CONFIG_DIR;
}

export function loadProjectConfig(fromFile: string, files: FileAccess): ProjectConfig {
  const configPath = findProjectConfigPath(fromFile, files);
  if (!configPath) return emptyProjectConfig;
  const text = files.readText(configPath);
  if (text === undefined) {
    return {
      ...emptyProjectConfig,
      path: configPath,
      root: path.dirname(path.dirname(configPath)),
      problems: [problem(configPath, zero(), 'error', `cannot read ${configPath}; its settings are not applied`)],
    };
  }
  return parseProjectConfig(configPath, text);
}

/** Parses the file's text; entries of the wrong shape become MA003 problems and are left out. */
export function parseProjectConfig(configPath: string, text: string): ProjectConfig {
  const doc = new SourceDocument(configPath, text);
  const root = path.dirname(path.dirname(configPath));
  const out: ProjectConfig = { path: configPath, root, severityOverrides: {}, suppressions: [], problems: [] };
  const errors: ParseError[] = [];
  // The parser recurses once per level: a hostile file nested a hundred thousand deep would overflow the stack and
  // fail the check of every file below it.
  const deep = scanJsonText(text, defaultContentLimits).find((c) => c.kind === 'depth');
  if (deep) {
    out.problems.push(problem(configPath, doc.rangeOf(deep.offset ?? 0, (deep.offset ?? 0) + 1), 'error',
      `nested deeper than ${defaultContentLimits.jsonDepth} levels; the file is not read and its settings are not applied`));
    return out;
  }
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    out.problems.push(problem(configPath, doc.rangeOf(e.offset, e.offset + Math.max(1, e.length)), 'error', `JSON syntax: ${printParseErrorCode(e.error)}`));
  }
  if (!tree) return out;
  const at = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  if (tree.type !== 'object') {
    out.problems.push(problem(configPath, at(tree), 'error', 'the configuration must be a JSON object'));
    return out;
  }
  for (const prop of tree.children ?? []) {
    const key = prop.children?.[0];
    if (key && !knownKeys.has(String(key.value))) {
      out.problems.push(problem(configPath, at(key), 'warning', `unknown key "${key.value}" (known: ${[...knownKeys].filter((k) => k !== '$schema').join(', ')})`));
    }
  }
  const overrides = findNodeAtLocation(tree, ['severityOverrides']);
  if (overrides) {
    if (overrides.type !== 'object') out.problems.push(problem(configPath, at(overrides), 'error', '"severityOverrides" must be an object of code to severity'));
    for (const prop of overrides.type === 'object' ? overrides.children ?? [] : []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      if (isSeverityOverride(v.value)) out.severityOverrides[String(k.value).toUpperCase()] = v.value;
      else out.problems.push(problem(configPath, at(v), 'error', `severity for ${k.value} must be one of error, warning, information, hint, off`));
    }
  }
  const sups = findNodeAtLocation(tree, ['suppressions']);
  if (sups) {
    if (sups.type !== 'array') out.problems.push(problem(configPath, at(sups), 'error', '"suppressions" must be an array'));
    for (const entry of sups.type === 'array' ? sups.children ?? [] : []) readSuppression(entry, at, configPath, out);
  }
  const dist = findNodeAtLocation(tree, ['distribution']);
  if (dist) {
    if (typeof dist.value === 'string' && distributions.has(dist.value)) out.distribution = dist.value as DistributionChoice;
    else out.problems.push(problem(configPath, at(dist), 'error', `"distribution" must be one of ${[...distributions].join(', ')}`));
  }
  const nx = findNodeAtLocation(tree, ['nxUserPath']);
  if (nx) {
    if (typeof nx.value === 'string') out.nxUserPath = nx.value === '' ? undefined : path.resolve(root, nx.value);
    else out.problems.push(problem(configPath, at(nx), 'error', '"nxUserPath" must be a string'));
  }
  const sizes = findNodeAtLocation(tree, ['maxFileSize']);
  if (sizes) {
    if (sizes.type !== 'object') out.problems.push(problem(configPath, at(sizes), 'error', '"maxFileSize" must be an object of file kind to size, such as { "capture": "64GB" }'));
    for (const prop of sizes.type === 'object' ? sizes.children ?? [] : []) {
      const [k, v] = prop.children ?? [];
      if (!k || !v) continue;
      const wrong = maxFileSizeEntryProblem(String(k.value), v.value);
      if (wrong) out.problems.push(problem(configPath, at(v.type === 'string' || v.type === 'number' ? v : k), 'error', `"maxFileSize": ${wrong}`));
      else (out.maxFileSize ??= {})[k.value as InputFileKind] = parseByteSize(v.value)!;
    }
  }
  const limits = findNodeAtLocation(tree, ['limits']);
  if (limits) readLimits(limits, at, configPath, out);
  return out;
}

/** `limits`: each known name with a whole number in its allowed range; anything else is reported and left out. */
function readLimits(node: Node, at: (n: Node) => Range, configPath: string, out: ProjectConfig): void {
  if (node.type !== 'object') {
    out.problems.push(problem(configPath, at(node), 'error', '"limits" must be an object of limit names to numbers'));
    return;
  }
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (!k || !v) continue;
    const name = String(k.value);
    if (!isContentLimitName(name)) {
      out.problems.push(problem(configPath, at(k), 'warning', `unknown limit "${name}" (known: ${Object.keys(CONTENT_LIMITS).join(', ')})`));
      continue;
    }
    const why = limitValueProblem(name, v.value);
    if (why) out.problems.push(problem(configPath, at(v), 'error', why));
    else (out.limits ??= {})[name] = v.value as number;
  }
}

function readSuppression(entry: Node, at: (n: Node) => Range, configPath: string, out: ProjectConfig): void {
  if (entry.type !== 'object') {
    out.problems.push(problem(configPath, at(entry), 'error', 'a suppression must be an object { "code", "file", "reason" }'));
    return;
  }
  const code = findNodeAtLocation(entry, ['code']);
  const file = findNodeAtLocation(entry, ['file']);
  const reason = findNodeAtLocation(entry, ['reason']);
  if (!code || typeof code.value !== 'string' || code.value.trim() === '') {
    out.problems.push(problem(configPath, at(code ?? entry), 'error', 'a suppression needs a "code" (a rule code such as MA105, or "*")'));
    return;
  }
  if (file && typeof file.value !== 'string') {
    out.problems.push(problem(configPath, at(file), 'error', '"file" must be a path or glob relative to the project root'));
    return;
  }
  const reasonText = reason && typeof reason.value === 'string' ? reason.value.trim() : '';
  if (!reasonText) {
    out.problems.push({ ...problem(configPath, at(reason ?? entry), 'warning', `suppression of ${code.value} gives no "reason"`), code: 'MA001' });
  }
  const pattern = file?.value as string | undefined;
  const match = pattern ? compileGlob(pattern) : () => true;
  out.suppressions.push({ code: code.value.trim().toUpperCase(), file: pattern, reason: reasonText || undefined, range: at(entry), matches: match });
}

function problem(file: string, range: Range, severity: Diagnostic['severity'], message: string): Diagnostic {
  return { code: 'MA003', severity, message, range, file };
}

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
