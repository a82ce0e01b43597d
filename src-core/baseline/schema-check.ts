// Schema validation with exact ranges: ajv (compiled once per schema, allErrors) over the parsed value, each
// error mapped to the node at fault (the key for a missing or unknown property, the value for a wrong one),
// one clear message per fault, with a fix where the intent is clear. A valid value never asks for the tree.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Node } from 'jsonc-parser';
import type { SourceDocument } from '../language/document';
import type { Diagnostic, Fix } from '../language/types';
import { child, isUnclosed, keyNodes, keyOf, nodeAt, pointerToPath } from './json-document';
import { didYouMean } from './did-you-mean';
import { ruleTypeInfo, ruleTypes, listOfKind } from './rule-types';
import { schemaFiles } from './schemas/schema-files';
import { MAX_DIAGNOSTICS_PER_FILE, omittedNote } from '../language/problem-cap';

export type SchemaName = 'baseline.schema.json' | 'device-security-group.schema.json' | 'profile.schema.json';

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

export function validatorFor(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
    }
    v = ajv.compile(schemaFiles()[name]);
    compiled.set(name, v);
  }
  return v;
}

/** What a definition is called in messages. */
const DEF_NAMES: Record<string, string> = {
  timeWindowRule: 'time-window rule', thresholdRule: 'threshold rule', allowlistRule: 'allowlist rule', denylistRule: 'denylist rule',
  securityGroup: 'security group', deviceSecurityGroup: 'deviceSecurityGroups resource', device: 'device', feed: 'feed', hub: 'hub settings',
  simulation: 'simulation options',
};

function subject(err: ErrorObject): string {
  const m = /definitions\/([A-Za-z]+)\/[A-Za-z]+$/.exec(err.schemaPath);
  if (m && DEF_NAMES[m[1]]) return DEF_NAMES[m[1]];
  const path = pointerToPath(err.instancePath);
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return last ? `\`${last}\` object` : 'document';
}

function allowedProperties(err: ErrorObject, schemaRoot: Record<string, unknown>): string[] {
  // schemaPath: "#/definitions/x/additionalProperties" or "#/additionalProperties" -> that schema's properties.
  const parts = err.schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  let s: unknown = schemaRoot;
  for (const p of parts) s = (s as Record<string, unknown>)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  const props = (s as { properties?: Record<string, unknown> })?.properties;
  return props ? Object.keys(props).filter((k) => k !== '$schema') : [];
}

/** Errors that only restate others: the if/then wrapper, and the pattern on timeWindowSize (MA203 says it better). */
function isNoise(err: ErrorObject): boolean {
  if (err.keyword === 'if') return true;
  if (err.keyword === 'pattern' && err.instancePath.endsWith('/timeWindowSize')) return true;
  return false;
}

/** What the schema check needs of a document: its value, and its tree when an error needs a place. */
export interface SchemaInput {
  value: unknown;
  tree(): Node | undefined;
}

export function schemaDiagnostics(doc: SourceDocument, input: SchemaInput, schema: SchemaName, code: string): Diagnostic[] {
  const validate = validatorFor(schema);
  if (validate(input.value)) return [];
  const root = input.tree();
  if (!root) return [];
  const schemaRoot = schemaFiles()[schema];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // A misspelt property shows up twice (unknown, and the real one missing): keep only the "did you mean".
  const misspelt = new Set<string>();
  for (const err of validate.errors ?? []) {
    if (err.keyword !== 'additionalProperties') continue;
    const guess = didYouMean((err.params as { additionalProperty: string }).additionalProperty, allowedProperties(err, schemaRoot));
    if (guess) misspelt.add(`${err.instancePath}|${guess}`);
  }
  // A value that fits none of anyOf's forms is one fault: each form's own complaint would only repeat it.
  const alternatives = (validate.errors ?? []).filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && formsText(schemaRoot, e) !== undefined);
  const insideAlternative = (err: ErrorObject) => alternatives.some((a) => a !== err && a.instancePath === err.instancePath && err.schemaPath.startsWith(`${a.schemaPath}/`));
  let omitted = 0;
  for (const err of validate.errors ?? []) {
    if (isNoise(err) || insideAlternative(err)) continue;
    // Past the per-file cap the rest are counted, not built (ajv lists them in document order).
    if (out.length >= MAX_DIAGNOSTICS_PER_FILE) {
      omitted++;
      continue;
    }
    if (err.keyword === 'required' && misspelt.has(`${err.instancePath}|${(err.params as { missingProperty: string }).missingProperty}`)) continue;
    if (isCutOff(err, root, doc.text)) continue;
    const d = toDiagnostic(doc, root, err, code, schemaRoot);
    if (!d) continue;
    const key = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  if (omitted) out.push(omittedNote(doc.path, out[out.length - 1].range, omitted));
  return out;
}

/** What an object or array lacks because the text ends inside it is the syntax error's to say, not the schema's. */
function isCutOff(err: ErrorObject, root: Node, text: string): boolean {
  if (err.keyword !== 'required' && err.keyword !== 'minItems' && err.keyword !== 'minProperties') return false;
  const node = nodeAt(root, pointerToPath(err.instancePath));
  return !!node && isUnclosed(node, text);
}

function toDiagnostic(doc: SourceDocument, root: Node, err: ErrorObject, code: string, schemaRoot: Record<string, unknown>): Diagnostic | undefined {
  const path = pointerToPath(err.instancePath);
  const node = nodeAt(root, path);
  if (!node) return undefined;
  const span = (n: Node) => doc.rangeOf(n.offset, n.offset + n.length);
  const base = { code, severity: 'error' as const, file: doc.path };
  const what = subject(err);
  switch (err.keyword) {
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      const anchor = keyOf(node) ?? child(node, 'ruleType') ?? child(node, 'id') ?? node;
      const r = anchor === node ? doc.rangeOf(node.offset, node.offset + 1) : span(anchor);
      return { ...base, range: r, message: `The ${what} is missing the required property \`${missing}\`.` };
    }
    case 'additionalProperties': {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      // Through the key's value (child() indexes a large object): a scan per unknown key would be quadratic.
      const valueNode = child(node, extra);
      const keyNode = (valueNode && keyOf(valueNode)) ?? keyNodes(node).find((k) => k.value === extra);
      const allowed = allowedProperties(err, schemaRoot);
      const guess = didYouMean(extra, allowed);
      // A rename onto a key the object has already would make a duplicate key: then the stray property goes.
      const taken = guess !== undefined && child(node, guess) !== undefined;
      const fixes: Fix[] | undefined = !guess || !keyNode ? undefined : taken
        ? [{ title: `Remove "${extra}" ("${guess}" is set already)`, preferred: true, edits: [{ range: propertyRemoval(doc, node, keyNode), newText: '' }] }]
        : [{ title: `Rename to "${guess}"`, preferred: true, edits: [{ range: span(keyNode), newText: JSON.stringify(guess) }] }];
      return { ...base, range: keyNode ? span(keyNode) : span(node), fixes, ...(startsOneOf(extra, allowed) ? { partialName: true } : {}),
        message: `Unknown property \`${extra}\` in the ${what}.${guess ? ` Did you mean \`${guess}\`?${taken ? ` It is set already in this ${what}.` : ''}` : allowed.length ? ` Expected one of: ${allowed.join(', ')}.` : ''}` };
    }
    case 'type': {
      const want = (err.params as { type: string }).type;
      const got = node.type === 'number' && !Number.isInteger(node.value) ? 'a fraction' : node.type === 'null' ? 'null' : `${/^[aeiou]/.test(node.type) ? 'an' : 'a'} ${node.type}`;
      const name = typeof path[path.length - 1] === 'string' ? `\`${path[path.length - 1]}\`` : `Item ${path[path.length - 1]}`;
      let fixes: Fix[] | undefined;
      if ((want === 'integer' || want === 'number') && node.type === 'string' && /^-?\d+$/.test(String(node.value).trim())) {
        fixes = [{ title: `Write ${String(node.value).trim()} as a number`, preferred: true, edits: [{ range: span(node), newText: String(node.value).trim() }] }];
      } else if (want === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(String(node.value))) {
        fixes = [{ title: `Write ${String(node.value).toLowerCase()} as a boolean`, preferred: true, edits: [{ range: span(node), newText: String(node.value).toLowerCase() }] }];
      }
      return { ...base, range: span(node), fixes, message: `${name} must be ${/^[aeiou]/.test(want) ? 'an' : 'a'} ${want}, not ${got}.` };
    }
    case 'enum':
      return enumDiagnostic(doc, node, path, err, base, span);
    case 'minLength':
      return { ...base, range: span(node), message: `\`${path[path.length - 1]}\` must not be empty.` };
    case 'anyOf':
    case 'oneOf': {
      const said = formsText(schemaRoot, err);
      if (!said) break; // said as ajv says it, below
      const name = path.length ? `\`${path[path.length - 1]}\`` : 'The document';
      return { ...base, range: span(node), message: `${name} must be ${said}.` };
    }
  }
  const name = path.length ? `\`${path[path.length - 1]}\`` : 'The document';
  return { ...base, range: span(node), message: `${name} ${err.message ?? 'is not valid'}.` };
}

/** The property whose key is `keyNode`, with the comma that joins it to a neighbour, so the object stays valid. */
function propertyRemoval(doc: SourceDocument, object: Node, keyNode: Node): Diagnostic['range'] {
  const props = object.children ?? [];
  const i = props.findIndex((p) => p === keyNode.parent);
  const prop = props[i];
  if (!prop) return doc.rangeOf(keyNode.offset, keyNode.offset + keyNode.length);
  if (i > 0) return doc.rangeOf(props[i - 1].offset + props[i - 1].length, prop.offset + prop.length);
  if (props.length > 1) return doc.rangeOf(prop.offset, props[1].offset);
  return doc.rangeOf(prop.offset, prop.offset + prop.length);
}

/** `text` is the start of one of `names`, not yet all of it: what a user in the middle of typing has written. */
const startsOneOf = (text: string, names: readonly string[]) => names.some((n) => n.length > text.length && n.startsWith(text));

function enumDiagnostic(doc: SourceDocument, node: Node, path: (string | number)[], err: ErrorObject,
  base: Pick<Diagnostic, 'code' | 'severity' | 'file'>, span: (n: Node) => Diagnostic['range']): Diagnostic {
  const allowed = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
  const value = String(node.value);
  const prop = path[path.length - 1];
  if (prop === 'ruleType') {
    const list = path[path.length - 3];
    const info = ruleTypeInfo(value);
    if (info) {
      const homes = info.kinds.map((k) => listOfKind[k]).join(' or ');
      return { ...base, range: span(node), message: `\`${value}\` cannot be used in ${String(list)}: it belongs in ${homes}.` };
    }
    const guess = didYouMean(value, allowed) ?? didYouMean(value, ruleTypes.map((r) => r.ruleType));
    return { ...base, range: span(node), ...(startsOneOf(value, allowed) ? { partialName: true } : {}),
      fixes: guess && allowed.includes(guess) ? [{ title: `Change to "${guess}"`, preferred: true, edits: [{ range: span(node), newText: JSON.stringify(guess) }] }] : undefined,
      message: `Unknown rule type \`${value}\` in ${String(list)}.${guess ? ` Did you mean \`${guess}\`?` : ` Expected one of: ${allowed.join(', ')}.`}` };
  }
  const guess = didYouMean(value, allowed);
  return { ...base, range: span(node),
    fixes: guess ? [{ title: `Change to "${guess}"`, preferred: true, edits: [{ range: span(node), newText: JSON.stringify(guess) }] }] : undefined,
    message: `\`${String(prop)}\` must be one of ${allowed.map((a) => `"${a}"`).join(', ')}${guess ? `; did you mean "${guess}"?` : '.'}` };
}

/** The part of the schema a schemaPath ("#/definitions/x/properties/to/anyOf") points at. */
function schemaAt(schemaRoot: Record<string, unknown>, schemaPath: string): unknown {
  let s: unknown = schemaRoot;
  for (const p of schemaPath.replace(/^#\//, '').split('/')) s = (s as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
  return s;
}

/** An anyOf's (oneOf's) forms in words ("a number from 0 to 10 or an ISO-8601 date-time"), when each is simple. */
function formsText(schemaRoot: Record<string, unknown>, err: ErrorObject): string | undefined {
  const forms = schemaAt(schemaRoot, err.schemaPath);
  if (!Array.isArray(forms) || forms.length === 0) return undefined;
  const said = forms.map(formText);
  if (said.some((f) => f === undefined)) return undefined;
  return said.length > 1 ? `${said.slice(0, -1).join(', ')} or ${said[said.length - 1]}` : said[0];
}

/** One form of an anyOf in words ("a number from 0 to 4294967295", "an ISO-8601 date-time"), when it is simple. */
function formText(form: unknown): string | undefined {
  const f = form as { type?: unknown; format?: unknown; minimum?: unknown; maximum?: unknown; enum?: unknown };
  if (f.type === 'string' && f.format === 'date-time') return 'an ISO-8601 date-time (such as 2024-01-01T00:00:00Z)';
  if ((f.type === 'number' || f.type === 'integer') && f.format === undefined) {
    const what = f.type === 'integer' ? 'a whole number' : 'a number';
    if (typeof f.minimum === 'number' && typeof f.maximum === 'number') return `${what} from ${f.minimum} to ${f.maximum}`;
    if (typeof f.minimum === 'number') return `${what} of at least ${f.minimum}`;
    if (typeof f.maximum === 'number') return `${what} of at most ${f.maximum}`;
    return what;
  }
  if ((f.type === 'string' || f.type === 'boolean') && f.format === undefined && f.enum === undefined) return `a ${f.type}`;
  return undefined;
}
