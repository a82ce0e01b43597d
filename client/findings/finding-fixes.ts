// Quick fixes on the findings' diagnostics: the change a finding suggests (the cache size that would have held
// the peak, the addresses to allow), and turning a custom-alert rule off for its group. A fix is offered only
// while the file it edits is as the run read it: its range comes from that text, and after an edit it would
// land elsewhere and break the file. In its place: re-run the simulation.
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { FINDINGS_SOURCE, type FindingDiagnostic, type FindingDiagnostics } from './finding-diagnostics';

export class FindingFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: FindingDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const stale: vscode.Diagnostic[] = [];
    const unchanged = (file: string) => this.diagnostics.unchangedSinceRun(file, textOf(file, doc));
    for (const d of context.diagnostics) {
      if (d.source !== FINDINGS_SOURCE) continue;
      const f = this.diagnostics.finding((d as FindingDiagnostic).findingId);
      if (!f) continue;
      const fix = f.suggestedFix;
      const rule = f.evidence.rule && doc.uri.fsPath === f.locations[0]?.file ? f.evidence.rule : undefined;
      if ((fix && !unchanged(fix.file)) || (rule && !unchanged(doc.uri.fsPath))) {
        stale.push(d);
        continue;
      }
      if (fix) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(vscode.Uri.file(fix.file), new vscode.Range(fix.range.start.line, fix.range.start.character, fix.range.end.line, fix.range.end.character), fix.newText);
        a.diagnostics = [d];
        a.isPreferred = true;
        actions.push(a);
      }
      if (rule) {
        const off = disableRuleEdit(doc, d.range.start);
        if (off) {
          const a = new vscode.CodeAction(`Turn ${rule.ruleType} off for ${rule.group}`, vscode.CodeActionKind.QuickFix);
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(doc.uri, off.range, off.text);
          a.diagnostics = [d];
          actions.push(a);
        }
      }
    }
    if (stale.length) {
      const a = new vscode.CodeAction('Re-run the simulation: the file changed since the last run, so its fixes would land in the wrong place', vscode.CodeActionKind.QuickFix);
      a.command = { title: a.title, command: 'microAgent.rerunSimulation' };
      a.diagnostics = stale;
      actions.push(a);
    }
    return actions;
  }
}

/** A file's text now: `doc`'s when it is that file, else its open editor's, else the disk's ('' when unreadable). */
function textOf(file: string, doc: vscode.TextDocument): string {
  if (doc.uri.fsPath === file) return doc.getText();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The edit that sets the enclosing rule's `isEnabled` to false (at the rule's `ruleType`). */
export function disableRuleEdit(doc: vscode.TextDocument, at: vscode.Position): { range: vscode.Range; text: string } | undefined {
  const root = parseTree(doc.getText(), [], { allowTrailingComma: true });
  let node: Node | undefined = root && findNodeAtOffset(root, doc.offsetAt(at));
  while (node && !(node.type === 'object' && node.children?.some((p) => p.children?.[0]?.value === 'ruleType'))) node = node.parent;
  const enabled = node?.children?.find((p) => p.children?.[0]?.value === 'isEnabled')?.children?.[1];
  if (!enabled || enabled.value === false) return undefined;
  return { range: new vscode.Range(doc.positionAt(enabled.offset), doc.positionAt(enabled.offset + enabled.length)), text: 'false' };
}
