// A code lens above every custom-alert rule of a baseline after a run: how often it fired (windows or
// addresses, per device), or that it did not fire. Clicking opens the alert panel on those findings.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import { loadSecurityGroups } from '../../src-core/cloud/security-groups';
import type { PanelRun } from '../panel/protocol';
import { toRange } from './finding-diagnostics';

export class RuleCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private run: PanelRun | undefined;
  /** The baseline the run's profile names: its rules get a lens even when none of them fired. */
  private baseline: string | undefined;

  show(run: PanelRun | undefined): void {
    this.run = run;
    this.baseline = run && baselineOfProfile(run.target);
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.run) return [];
    const findings = this.run.result.findings.filter((f) => f.evidence.rule && f.locations.some((l) => l.role === 'rule' && l.file === doc.uri.fsPath));
    // Only baselines this run read (a finding points into it, or the run named it).
    const ranByIt = findings.length > 0 || doc.uri.fsPath === this.baseline || this.run.result.detectionNotes.some((n) => n.includes(doc.uri.fsPath));
    if (!ranByIt) return [];
    const groups = loadSecurityGroups(doc.uri.fsPath, doc.getText());
    const lenses: vscode.CodeLens[] = [];
    for (const g of groups.groups.values()) {
      for (const rule of [...g.countRules, ...g.listRules]) {
        const fired = findings.filter((f) => f.evidence.rule!.group === rule.group && f.evidence.rule!.list === rule.list && f.evidence.rule!.index === rule.index);
        const seen = fired.filter((f) => f.agentVisible !== false);
        const times = seen.reduce((n, f) => n + f.count, 0);
        const devices = [...new Set(seen.map((f) => f.device))];
        const missed = fired.length - seen.length;
        const unit = rule.list === 'allowlistRules' || rule.list === 'denylistRules' ? 'record' : 'window';
        const title = seen.length
          ? `fired ${times} time${times === 1 ? '' : 's'} (${unit}s) in the last run, on ${devices.join(', ')}${missed ? `; ${missed} more only in the ground truth` : ''}`
          : `did not fire in the last run${missed ? ` (the ground truth would have: ${missed} finding${missed === 1 ? '' : 's'})` : ''}`;
        lenses.push(new vscode.CodeLens(toRange(rule.location), { title, command: 'microAgent.showFindings', arguments: [fired.map((f) => f.id)] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The baseline a simulation profile names (absolute), or undefined for a capture or a profile that names none. */
export function baselineOfProfile(target: string): string | undefined {
  if (!/\.json$/i.test(target)) return undefined;
  try {
    const profile = parse(readFileSync(target, 'utf8'), [], { allowTrailingComma: true }) as { baseline?: unknown } | undefined;
    return typeof profile?.baseline === 'string' ? path.resolve(path.dirname(target), profile.baseline) : undefined;
  } catch {
    return undefined;
  }
}
