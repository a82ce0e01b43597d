// The last run's findings as diagnostics in the files where the user acts (the baseline rule, the feed line,
// the configuration line, the profile or hub entry), in their own collection: replaced by the next run,
// never mixed with the language server's checks.
import * as vscode from 'vscode';
import type { Finding, FindingSeverity, SourceLocation } from '../../src-core/findings/finding';
import { FixSnapshots } from '../../src-core/findings/fix-snapshots';
import type { PanelRun } from '../panel/protocol';

export const FINDINGS_SOURCE = 'Micro Agent simulation';

const severity: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  High: vscode.DiagnosticSeverity.Error,
  Medium: vscode.DiagnosticSeverity.Warning,
  Low: vscode.DiagnosticSeverity.Information,
  Informational: vscode.DiagnosticSeverity.Hint,
};

export function toRange(l: SourceLocation): vscode.Range {
  return new vscode.Range(l.range.start.line, l.range.start.character, l.range.end.line, l.range.end.character);
}

/** The diagnostic a finding gets at one of its locations; `findingId` lets quick fixes and the panel find it back. */
export interface FindingDiagnostic extends vscode.Diagnostic {
  findingId: string;
}

export function diagnosticsOf(run: PanelRun | undefined): Map<string, FindingDiagnostic[]> {
  const byFile = new Map<string, FindingDiagnostic[]>();
  for (const f of run?.result.findings ?? []) {
    f.locations.forEach((l, i) => {
      const missed = f.agentVisible === false ? '[the agent missed this] ' : '';
      const d = new vscode.Diagnostic(toRange(l), `${missed}${f.title}${f.device ? ` (${f.device})` : ''}: ${f.message}`, severity[f.severity]) as FindingDiagnostic;
      d.source = FINDINGS_SOURCE;
      d.code = f.code;
      d.findingId = f.id;
      const others = f.locations.filter((_, j) => j !== i);
      if (others.length) d.relatedInformation = others.map((o) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(o.file), toRange(o)), o.label));
      byFile.set(l.file, [...(byFile.get(l.file) ?? []), d]);
    });
  }
  return byFile;
}

export class FindingDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('microagent-findings');
  private findings = new Map<string, Finding>();
  private snapshots = new FixSnapshots([], 0);

  show(run: PanelRun | undefined): void {
    this.collection.clear();
    this.findings = new Map((run?.result.findings ?? []).map((f) => [f.id, f]));
    this.snapshots = new FixSnapshots(run?.result.findings ?? [], run?.finishedAt ?? 0);
    for (const [file, list] of diagnosticsOf(run)) this.collection.set(vscode.Uri.file(file), list);
  }

  finding(id: string): Finding | undefined {
    return this.findings.get(id);
  }

  /** Whether `file`, whose text is now `current`, is still what the run read (its fixes' ranges hold). */
  unchangedSinceRun(file: string, current: string): boolean {
    return this.snapshots.unchanged(file, current);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
