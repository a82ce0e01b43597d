// Validates a baseline document: syntax, schema (project file or ARM), then the meaning checks. Strict JSON
// takes the fast path (JSON.parse, compiled schema, checks on plain values; the tree only to place findings).
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import { readJson, type ReadOptions } from './json-value';
import { groupValuesOf, shapeOfValue } from './baseline-values';
import { schemaDiagnostics } from './schema-check';
import { checkGroups } from './baseline-rules';
import { appendAll } from '../util/append';

export function validateBaseline(doc: SourceDocument, options: ReadOptions = {}): Diagnostic[] {
  const src = readJson(doc, 'MA200', options);
  const out: Diagnostic[] = [...src.syntax];
  for (const c of src.trailingCommas) {
    out.push({ code: 'MA213', severity: 'information', file: doc.path, range: doc.rangeOf(c, c + 1),
      message: 'Trailing comma: accepted here, but the deviceSecurityGroups REST API and strict JSON tools reject it.',
      fixes: [{ title: 'Remove the trailing comma', preferred: true, edits: [{ range: doc.rangeOf(c, c + 1), newText: '' }] }] });
  }
  if (!src.present) return out;
  const shape = shapeOfValue(src.value);
  if (shape === 'project' || shape === 'unknown') appendAll(out, schemaDiagnostics(doc, src, 'baseline.schema.json', 'MA201'));
  else appendAll(out, schemaDiagnostics(doc, src, 'device-security-group.schema.json', 'MA201'));
  appendAll(out, checkGroups(src, groupValuesOf(src.value)));
  return out;
}
