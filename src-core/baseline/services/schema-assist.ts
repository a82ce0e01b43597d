// Completion and hover driven by a JSON Schema: property names not yet present, enum values with their
// descriptions, booleans, and the schema's defaultSnippets (a whole rule, a whole device).
import { getLocation, findNodeAtOffset, type Node } from 'jsonc-parser';
import type { SourceDocument } from '../../language/document';
import type { CompletionItem, Hover, Position } from '../../language/types';
import { child, keyNodes } from '../json-document';

type Schema = Record<string, unknown>;

function resolve(root: Schema, s: unknown): Schema[] {
  if (!s || typeof s !== 'object') return [];
  const sch = s as Schema;
  const out: Schema[] = [sch];
  if (typeof sch.$ref === 'string' && sch.$ref.startsWith('#/')) {
    let t: unknown = root;
    for (const p of sch.$ref.slice(2).split('/')) t = (t as Schema)?.[p];
    out.push(...resolve(root, t));
  }
  for (const k of ['then', 'else']) if (sch[k]) out.push(...resolve(root, sch[k]));
  for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(sch[k])) for (const x of sch[k] as unknown[]) out.push(...resolve(root, x));
  return out;
}

/** Every schema that may apply at a path (the union over if/then/else and $ref). */
export function schemasAt(root: Schema, path: (string | number)[]): Schema[] {
  let current = resolve(root, root);
  for (const seg of path) {
    const next: Schema[] = [];
    for (const s of current) {
      if (typeof seg === 'number') { if (s.items) next.push(...resolve(root, s.items)); continue; }
      const props = s.properties as Record<string, unknown> | undefined;
      if (props && props[seg]) next.push(...resolve(root, props[seg]));
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') next.push(...resolve(root, s.additionalProperties));
    }
    current = next;
  }
  return current;
}

function snippetText(body: unknown, indent = ''): string {
  // defaultSnippets bodies: strings are snippet text; a leading '^' marks a raw (unquoted) value.
  if (typeof body === 'string') return body.startsWith('^') ? body.slice(1) : JSON.stringify(body);
  if (Array.isArray(body)) return body.length === 0 ? '[]' : `[${body.map((b) => snippetText(b, indent)).join(', ')}]`;
  if (body && typeof body === 'object') {
    const entries = Object.entries(body as Schema);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${indent}\t${JSON.stringify(k)}: ${snippetText(v, indent + '\t')}`).join(',\n')}\n${indent}}`;
  }
  return String(body);
}

function valueTemplate(schemas: Schema[]): string {
  const s = schemas.find((x) => x.type || x.enum) ?? schemas[0] ?? {};
  if (Array.isArray(s.enum)) return `"\${1|${(s.enum as unknown[]).join(',')}|}"`;
  switch (s.type) {
    case 'string': return '"$1"';
    case 'boolean': return '${1|true,false|}';
    case 'integer': case 'number': return '${1:0}';
    case 'array': return '[$1]';
    case 'object': return '{$1}';
    default: return '$1';
  }
}

function descriptionOf(schemas: Schema[]): string | undefined {
  return schemas.map((s) => (s.markdownDescription ?? s.description) as string | undefined).find(Boolean);
}

export function schemaCompletions(doc: SourceDocument, position: Position, root: Node | undefined, schema: Schema): CompletionItem[] {
  const offset = doc.offsetAt(position);
  const loc = getLocation(doc.text, offset);
  const prev = loc.previousNode;
  const replace = prev && (prev.type === 'string' || prev.type === 'number' || prev.type === 'boolean') && offset >= prev.offset && offset <= prev.offset + prev.length
    ? doc.rangeOf(prev.offset, prev.offset + prev.length) : undefined;
  const items: CompletionItem[] = [];
  if (loc.isAtPropertyKey) {
    const objPath = loc.path.slice(0, -1);
    const present = new Set(keyNodes(root && objPath.length ? findObject(root, objPath) : root).map((k) => String(k.value)));
    const seen = new Set<string>();
    for (const s of schemasAt(schema, objPath)) {
      for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
        if (name === '$schema' || seen.has(name) || (present.has(name) && name !== loc.path[loc.path.length - 1])) continue;
        seen.add(name);
        const subs = resolve(schema, sub);
        if (subs.some((x) => x.readOnly)) continue;
        items.push({ label: name, kind: 'property', documentation: descriptionOf(subs), snippet: true, range: replace,
          insertText: `"${name}": ${valueTemplate(subs)}`, filterText: `"${name}"` });
      }
    }
    return items;
  }
  const subs = schemasAt(schema, loc.path);
  for (const s of subs) {
    if (Array.isArray(s.enum)) {
      const docs = (s.markdownEnumDescriptions ?? s.enumDescriptions) as string[] | undefined;
      (s.enum as unknown[]).forEach((v, i) => items.push({ label: String(v), kind: 'enum', documentation: docs?.[i], insertText: JSON.stringify(v), range: replace, filterText: JSON.stringify(v) }));
    }
    if (s.type === 'boolean') for (const b of ['true', 'false']) items.push({ label: b, kind: 'value', insertText: b, range: replace });
    for (const snip of (s.defaultSnippets ?? []) as { label?: string; body: unknown }[]) {
      items.push({ label: snip.label ?? 'snippet', kind: 'snippet', snippet: true, insertText: snippetText(snip.body), range: replace, documentation: descriptionOf([s]) });
    }
  }
  // Inside an array: offer the item schema's snippets (a whole rule, a whole device).
  const arrayNode = root && findNodeAtOffset(root, offset);
  if (arrayNode?.type === 'array' && !(typeof loc.path[loc.path.length - 1] === 'number' && items.length)) {
    for (const s of subs) for (const item of resolve(schema, s.items)) {
      for (const snip of (item.defaultSnippets ?? []) as { label?: string; body: unknown }[]) {
        items.push({ label: snip.label ?? 'snippet', kind: 'snippet', snippet: true, insertText: snippetText(snip.body), documentation: descriptionOf([item]) });
      }
    }
  }
  return dedupe(items);
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => { const k = `${i.kind}|${i.label}`; if (seen.has(k)) return false; seen.add(k); return true; });
}

function findObject(root: Node, path: (string | number)[]): Node | undefined {
  let n: Node | undefined = root;
  for (const seg of path) {
    if (!n) return undefined;
    n = typeof seg === 'number' ? n.children?.[seg] : child(n, seg);
  }
  return n;
}

/**
 * Hover on a property key or on a plain value: the property's schema description (and an enum value's own).
 * The only hover on these nodes in VS Code too: the editor schemas it gets carry no descriptions.
 */
export function schemaHover(doc: SourceDocument, position: Position, root: Node | undefined, schema: Schema): Hover | undefined {
  if (!root) return undefined;
  const offset = doc.offsetAt(position);
  const node = findNodeAtOffset(root, offset);
  if (!node || node.type === 'object' || node.type === 'array' || node.type === 'property') return undefined;
  const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
  const loc = getLocation(doc.text, offset);
  const name = [...loc.path].reverse().find((p) => typeof p === 'string');
  if (name === undefined) return undefined;
  const schemas = schemasAt(schema, loc.path);
  const desc = descriptionOf(schemas);
  const valueDesc = isKey ? undefined : enumDescriptionOf(schemas, node.value);
  if (!desc && !valueDesc) return undefined;
  const contents = [`**${String(name)}**`, desc, valueDesc && `\`${JSON.stringify(node.value)}\`: ${valueDesc}`].filter(Boolean).join('\n\n');
  return { contents, range: doc.rangeOf(node.offset, node.offset + node.length) };
}

function enumDescriptionOf(schemas: Schema[], value: unknown): string | undefined {
  for (const s of schemas) {
    const i = Array.isArray(s.enum) ? (s.enum as unknown[]).indexOf(value) : -1;
    const docs = (s.markdownEnumDescriptions ?? s.enumDescriptions) as string[] | undefined;
    if (i >= 0 && docs?.[i]) return docs[i];
  }
  return undefined;
}
