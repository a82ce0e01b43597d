// textDocument/codeAction: a quick fix per Diagnostic.fixes entry, plus "suppress this code on this line".
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import { SourceDocument } from '../../src-core/language/document';
import type { Diagnostic, Range } from '../../src-core/language/types';
import { suppressionFix } from '../../src-core/project-config/inline-suppressions';
import { toLspDiagnostic, toWorkspaceEdit } from '../convert';
import type { ServerContext } from '../context';
import { uriToPath } from '../files';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function registerCodeActions(s: ServerContext): void {
  s.connection.onCodeAction((params) =>
    s.guard<CodeAction[]>('codeAction', [], async () => {
      const uri = params.textDocument.uri;
      const td = s.documents.get(uri);
      if (!td) return [];
      if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
      const file = uriToPath(uri);
      s.faults.inject('codeAction', file);
      let diagnostics: Diagnostic[];
      const last = s.lastChecks.get(uri);
      if (last && last.version === td.version) diagnostics = last.diagnostics;
      else diagnostics = (await s.check(file, td.getText(), await s.settings.get(uri), td.version)).diagnostics;
      const doc = new SourceDocument(file, td.getText(), td.version);
      const actions: CodeAction[] = [];
      const suppressible: Diagnostic[] = [];
      for (const d of diagnostics) {
        if (!overlaps(d.range, params.range)) continue;
        const lspDiag = toLspDiagnostic(d, s.features);
        for (const fix of d.fixes ?? []) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lspDiag], isPreferred: fix.preferred ?? false, edit: toWorkspaceEdit(uri, fix.edits) });
        }
        if (!d.code.startsWith('MA0')) suppressible.push(d);
      }
      // Suppressions come last so a real fix is always the first offer.
      const seen = new Set<string>();
      for (const d of suppressible) {
        const key = `${d.code}@${d.range.start.line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const fix = suppressionFix(doc, d);
        if (fix) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toLspDiagnostic(d, s.features)], edit: toWorkspaceEdit(uri, fix.edits, s.features, td.version) });
      }
      return actions;
    }),
  );
}
