// textDocument/codeAction: a quick fix per Diagnostic.fixes entry, plus "suppress this code on this line".
import { CodeActionKind, type CodeAction } from 'vscode-languageserver/node';
import type { SourceDocument } from '../../src-core/language/document';
import type { Diagnostic, Range } from '../../src-core/language/types';
import { suppressionFix } from '../../src-core/project-config/inline-suppressions';
import { toLspDiagnostic, toWorkspaceEdit } from '../convert';
import type { ServerContext } from '../context';
import { uriToPath } from '../files';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** The diagnostics of this version of an open document: the last check's, else the check under way or one of
 *  its own (checkOpen: a client asks for code actions at each cursor move, and a large file takes seconds). */
async function diagnosticsOf(s: ServerContext, uri: string, doc: SourceDocument): Promise<Diagnostic[]> {
  const last = s.lastChecks.get(uri);
  if (last && last.version === doc.version) return last.diagnostics;
  const outcome = await s.checkOpen(uri, await s.settings.get(uri));
  return outcome?.diagnostics ?? [];
}

export function registerCodeActions(s: ServerContext): void {
  s.connection.onCodeAction((params) =>
    s.guard<CodeAction[]>('codeAction', [], async () => {
      const uri = params.textDocument.uri;
      if (!s.documents.get(uri)) return [];
      if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
      s.faults.inject('codeAction', uriToPath(uri));
      const doc = s.openDocument(uri)!;
      const diagnostics = await diagnosticsOf(s, uri, doc);
      // The buffer changed while the check ran: these fixes would edit the wrong text.
      if (s.documents.get(uri)?.version !== doc.version) return [];
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
        if (fix) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [toLspDiagnostic(d, s.features)], edit: toWorkspaceEdit(uri, fix.edits, s.features, doc.version) });
      }
      return actions;
    }),
  );
}
