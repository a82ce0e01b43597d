// Validates a baseline document: syntax, schema (project file or ARM), then the meaning checks.
import type { SourceDocument } from '../language/document';
import type { Diagnostic } from '../language/types';
import { parseJson } from './json-document';
import { baselineShape, groupsOf } from './baseline-model';
import { schemaDiagnostics } from './schema-check';
import { checkGroups } from './baseline-rules';

export function validateBaseline(doc: SourceDocument): Diagnostic[] {
  const parsed = parseJson(doc, 'MA200');
  const out: Diagnostic[] = [...parsed.syntax];
  for (const c of parsed.trailingCommas) {
    out.push({ code: 'MA213', severity: 'information', file: doc.path, range: doc.rangeOf(c, c + 1),
      message: 'Trailing comma: accepted here, but the deviceSecurityGroups REST API and strict JSON tools reject it.',
      fixes: [{ title: 'Remove the trailing comma', preferred: true, edits: [{ range: doc.rangeOf(c, c + 1), newText: '' }] }] });
  }
  const root = parsed.root;
  if (!root) return out;
  const shape = baselineShape(root);
  if (shape === 'project' || shape === 'unknown') out.push(...schemaDiagnostics(doc, root, 'baseline.schema.json', 'MA201'));
  else out.push(...schemaDiagnostics(doc, root, 'device-security-group.schema.json', 'MA201'));
  out.push(...checkGroups(doc, groupsOf(root)));
  return out;
}
