// Quick fixes on the findings' diagnostics: the change a finding suggests (the cache size that would have held
// the peak, the addresses to allow), and turning a custom-alert rule off for its group.
import * as vscode from 'vscode';
import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { FINDINGS_SOURCE, type FindingDiagnostic, type FindingDiagnostics } from './finding-diagnostics';

export class FindingFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: FindingDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== FINDINGS_SOURCE) continue;
      const f = this.diagnostics.finding((d as FindingDiagnostic).findingId);
      if (!f) continue;
      const fix = f.suggestedFix;
      if (fix) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(vscode.Uri.file(fix.file), new vscode.Range(fix.range.start.line, fix.range.start.character, fix.range.end.line, fix.range.end.character), fix.newText);
        a.diagnostics = [d];
        a.isPreferred = true;
        actions.push(a);
      }
      const rule = f.evidence.rule;
      if (rule && doc.uri.fsPath === f.locations[0]?.file) {
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
    return actions;
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
