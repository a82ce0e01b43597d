// Derives the "editor assist" variant of a strict schema: what VS Code's own JSON support gets through
// `jsonValidation`. It keeps what completes (properties, items, $ref, types, snippets with their descriptions,
// defaults) and drops the constraints our language server already reports, each once and more precisely
// (MA201/MA301 and the meaning checks), so no fault shows twice in the Problems panel; and the descriptions
// VS Code would hover, because our server's hover says the same and more (a rule type's data, a CIDR's
// size), so each node has one hover.

type Schema = Record<string, unknown>;

/** Constraint keywords VS Code would report as a second, vaguer diagnostic beside ours. */
const CHECKING_KEYWORDS = new Set([
  'required', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'format', 'propertyNames', 'dependencies', 'not', 'contains',
]);

/** What VS Code's JSON support shows on hover (title, descriptions): our server hovers every node already.
 *  Enum descriptions still reach completion, as snippet descriptions (documentedValues). */
const HOVER_KEYWORDS = new Set(['title', 'description', 'markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions']);

/** Keywords whose value is one subschema, a map of subschemas, or a list of them. Everything else is data. */
const ONE_SCHEMA = new Set(['items', 'additionalItems', 'additionalProperties', 'then', 'else']);
const SCHEMA_MAP = new Set(['properties', 'patternProperties', 'definitions']);
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

export interface AssistOptions {
  /** `$id` of the variant (a schema's `$id` names one schema; the variant is a different one). */
  id: string;
}

/** The assist variant of `strict`; `strict` is left untouched. */
export function editorAssistSchema(strict: Schema, options: AssistOptions): Schema {
  const out = assist(strict);
  out.$id = options.id;
  out.$comment = 'Generated from the strict schema of the same name one folder up, for VS Code\'s JSON support: '
    + 'completion and hover only. The checks are left to the Micro Agent Studio language server. Use the strict schema for validation.';
  return out;
}

function assist(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (CHECKING_KEYWORDS.has(key) || HOVER_KEYWORDS.has(key)) continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (key === 'enum' || key === 'const') continue; // become examples, below
    if (key === 'if') { out.if = value; continue; } // a condition reports nothing: kept whole so the same branch applies
    if (ONE_SCHEMA.has(key)) out[key] = Array.isArray(value) ? value.map(sub) : sub(value);
    else if (SCHEMA_MAP.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, sub(v)]));
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) out[key] = value.map(sub);
    else out[key] = value;
  }
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (values) {
    // vscode-json-languageservice proposes `examples` as values but reports nothing for other values.
    const examples = Array.isArray(schema.examples) ? schema.examples : [];
    out.examples = [...examples, ...values.filter((v) => !examples.includes(v))];
    const snippets = documentedValues(values, schema);
    if (snippets.length) out.defaultSnippets = [...((schema.defaultSnippets as unknown[] | undefined) ?? []), ...snippets];
  }
  return out;
}

/**
 * An example carries no documentation in completion; a default snippet does, and the JSON service merges the
 * documentation of a snippet into the example of the same label. So each described enum value also becomes a
 * snippet whose body is the value: completion shows what each rule type means, as the strict schema did.
 */
function documentedValues(values: unknown[], schema: Schema): Schema[] {
  const md = schema.markdownEnumDescriptions as string[] | undefined;
  const plain = schema.enumDescriptions as string[] | undefined;
  const out: Schema[] = [];
  values.forEach((value, i) => {
    const description = plain?.[i];
    const markdownDescription = md?.[i];
    if (description === undefined && markdownDescription === undefined) return;
    // A '$' in a string body would be read as a snippet placeholder.
    if (typeof value === 'string' && value.includes('$')) return;
    out.push({ body: value, ...(description !== undefined ? { description } : {}), ...(markdownDescription !== undefined ? { markdownDescription } : {}) });
  });
  return out;
}

const sub = (value: unknown): unknown => (value && typeof value === 'object' && !Array.isArray(value) ? assist(value as Schema) : value);
