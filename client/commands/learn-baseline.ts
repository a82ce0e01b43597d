// "Micro Agent: Learn Baseline from Capture": runs `microagent learn` into a temporary folder and shows the
// proposal as an unsaved document (beside the current baseline in a diff when the profile names one).
// Nothing is written into the workspace unless the user saves it: "Save As..." puts the baseline and its
// learned profile beside it, after the save dialog (which asks before replacing a file), through edits the user
// can undo (save-through-edit.ts).
import * as path from 'node:path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as vscode from 'vscode';
import { runCli } from './cli-process';
import { PROFILE_GLOB, targetOf } from '../simulation/run-command';
import { askToReplace, saveThroughEdit, type SaveOutcome } from './save-through-edit';

const PROPOSAL_SCHEME = 'microagent-proposal';
const proposals = new Map<string, string>();
let providerRegistered = false;

function registerProposals(): void {
  if (providerRegistered) return;
  providerRegistered = true;
  vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, { provideTextDocumentContent: (uri) => proposals.get(uri.path) ?? '' });
}

async function pickCapture(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = arg instanceof vscode.Uri ? targetOf(arg) : undefined;
  if (given?.kind === 'capture') return given.uri;
  const captures = await vscode.workspace.findFiles('**/*.{pcap,pcapng,log,ndjson}', '**/node_modules/**', 100);
  const pick = await vscode.window.showQuickPick(captures.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })), { title: 'Micro Agent: learn normal behaviour from which capture?' });
  return pick?.uri;
}

/** The baseline and security group the workspace's profile names, when there is one. */
async function profileBaseline(): Promise<{ baseline?: vscode.Uri; group?: string }> {
  const [profile] = await vscode.workspace.findFiles(PROFILE_GLOB, '**/node_modules/**', 1);
  if (!profile) return {};
  try {
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(profile))) as { baseline?: unknown; devices?: { securityGroup?: unknown }[] };
    let baseline = typeof json.baseline === 'string' ? vscode.Uri.file(path.resolve(path.dirname(profile.fsPath), json.baseline)) : undefined;
    // A cloned repository's profile must not make the editor open files outside it before the user trusts it
    // (MA307): no comparison is offered then.
    if (baseline && !vscode.workspace.isTrusted && !vscode.workspace.getWorkspaceFolder(baseline)) baseline = undefined;
    const group = json.devices?.map((d) => d.securityGroup).find((g): g is string => typeof g === 'string');
    return { baseline, group };
  } catch {
    return {};
  }
}

export async function learnBaseline(arg: unknown, cli: string, output: vscode.LogOutputChannel): Promise<void> {
  registerProposals();
  const capture = await pickCapture(arg);
  if (!capture) return;
  const known = await profileBaseline();
  const group = await vscode.window.showInputBox({ title: 'Micro Agent: security group to learn', value: known.group ?? 'default', prompt: 'The SecurityGroup twin tag of the devices this baseline is for' });
  if (!group) return;
  const device = await vscode.window.showInputBox({ title: 'Micro Agent: the device\'s address (optional)', prompt: 'Leave empty to use the address in the most flows', placeHolder: '192.168.1.50' });
  if (device === undefined) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'microagent-learn-'));
  const out = path.join(dir, `${group.replace(/[^A-Za-z0-9_.-]+/g, '-') || 'group'}.baseline.json`);
  try {
    const cwd = vscode.workspace.getWorkspaceFolder(capture)?.uri.fsPath ?? path.dirname(capture.fsPath);
    const args = ['learn', '--capture', capture.fsPath, '--group', group, '-o', out, ...(device.trim() ? ['--device-ip', device.trim()] : [])];
    const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Micro Agent: learning ${vscode.workspace.asRelativePath(capture)}` }, () => runCli(cli, args, cwd));
    if (r.stderr.trim()) output.info(r.stderr.trim());
    if (r.code !== 0) {
      void vscode.window.showErrorMessage(`Micro Agent: learning failed: ${r.stderr.trim().split('\n').slice(-1)[0] || `exit ${r.code}`}`);
      return;
    }
    const baselineText = readFileSync(out, 'utf8');
    const learnedFile = out.replace(/\.baseline\.json$/, '.learned.json');
    let learnedText: string | undefined;
    try {
      learnedText = readFileSync(learnedFile, 'utf8');
    } catch {
      learnedText = undefined;
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'json', content: baselineText });
    await vscode.window.showTextDocument(doc, { preview: false });
    const actions = ['Save As...', ...(known.baseline ? ['Compare with the current baseline'] : [])];
    const choice = await vscode.window.showInformationMessage(`Micro Agent: a proposed baseline for ${group} (unsaved). ${r.stdout.trim().split('\n').slice(-1)[0] ?? ''}`, ...actions);
    if (choice === 'Compare with the current baseline' && known.baseline) {
      const key = `/${path.basename(out)}`;
      proposals.set(key, baselineText);
      await vscode.commands.executeCommand('vscode.diff', known.baseline, vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: key }), `${path.basename(known.baseline.fsPath)} ↔ learned proposal`);
    } else if (choice === 'Save As...') {
      const folder = vscode.workspace.getWorkspaceFolder(capture)?.uri;
      const target = await vscode.window.showSaveDialog({ title: 'Save the learned baseline', defaultUri: known.baseline ?? (folder && vscode.Uri.joinPath(folder, path.basename(out))), filters: { Baseline: ['json'] } });
      if (!target) return;
      const saved = await saveLearnedBaseline(target, doc.getText(), learnedText);
      void vscode.window.showInformationMessage(`Micro Agent: ${saved.message}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SavedLearning {
  baseline: SaveOutcome;
  learned?: SaveOutcome | 'kept';
  message: string;
}

/**
 * Puts the learned baseline into `target` (its save dialog asked before replacing it) and the learned profile
 * beside it (asked about here, through `confirm`, when one exists), each as an edit the user can undo.
 */
export async function saveLearnedBaseline(target: vscode.Uri, baselineText: string, learnedText: string | undefined,
  confirm: (target: vscode.Uri, what: string) => Promise<boolean> = askToReplace): Promise<SavedLearning> {
  const name = vscode.workspace.asRelativePath(target);
  const baseline = await saveThroughEdit(target, baselineText);
  if (baseline === 'failed') return { baseline, message: `could not save ${name}.` };
  let learned: SavedLearning['learned'];
  if (learnedText !== undefined) {
    const learnedTarget = vscode.Uri.file(target.fsPath.replace(/(\.baseline)?\.json$/, '.learned.json'));
    const exists = await vscode.workspace.fs.stat(learnedTarget).then(() => true, () => false);
    learned = !exists || (await confirm(learnedTarget, 'the new learned profile')) ? await saveThroughEdit(learnedTarget, learnedText) : 'kept';
  }
  const how = baseline === 'replaced-unsaved' ? `put the learned baseline into ${name} (not saved: it had unsaved changes; Undo brings them back)`
    : `saved ${name}${baseline === 'replaced' ? ' (Undo in its editor brings the old text back)' : ''}`;
  const beside = learned === undefined ? '' : learned === 'kept' ? '; the existing learned profile beside it was kept'
    : learned === 'failed' ? '; the learned profile beside it could not be saved' : ' and its learned profile beside it';
  return { baseline, learned, message: `${how}${beside}.` };
}
