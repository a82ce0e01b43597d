// The "Micro Agent Configuration" view in the explorer: the configuration in effect for the project (from
// the language server), for the configuration file in front of the user, else the workspace profile's, else
// the first asc_config.h or *.dist found. Items open the line that sets them.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CONFIGURATION_SUMMARY_REQUEST, type ConfigurationSummaryParams } from '../src-core/language/protocol-ext';
import type { ConfigurationSummary, SummaryItem, SummarySection } from '../src-core/config/services/summary';
import { PROFILE_GLOB } from './simulation/run-command';

type Node = { section: SummarySection } | { item: SummaryItem } | { message: string };

const isConfigFile = (p: string) => /(^|[\\/])asc_config\.h$|\.dist$/.test(p);

export class ConfigurationView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private summary: ConfigurationSummary | undefined;
  private note = 'Open an asc_config.h or a *.dist file, or a workspace with a simulation profile.';
  private lastFile: string | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.summary = undefined;
    this.changed.fire();
  }

  /** Re-reads the summary when the file in front of the user is another configuration file. */
  followEditor(editor: vscode.TextEditor | undefined): void {
    const file = editor?.document.uri.fsPath;
    if (file && isConfigFile(file) && file !== this.lastFile) this.refresh();
  }

  private async configFile(): Promise<string | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file' && isConfigFile(active.fsPath)) return active.fsPath;
    for (const profile of await vscode.workspace.findFiles(PROFILE_GLOB, '**/node_modules/**', 5)) {
      try {
        const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(profile))) as { agentConfig?: unknown };
        if (typeof json.agentConfig === 'string') return path.resolve(path.dirname(profile.fsPath), json.agentConfig);
      } catch {
        // A profile being edited may not parse; the next one or a search will do.
      }
    }
    const found = await vscode.workspace.findFiles('**/{asc_config.h,*.dist}', '**/{node_modules,build,dist}/**', 1);
    return found[0]?.fsPath;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node && 'section' in node) return node.section.items.map((item) => ({ item }));
    if (node) return [];
    if (!this.summary) {
      const client = this.client();
      const file = await this.configFile();
      this.lastFile = file;
      if (!client || !file) return [{ message: client ? this.note : 'The language server is not running.' }];
      const params: ConfigurationSummaryParams = { uri: vscode.Uri.file(file).toString() };
      this.summary = (await client.sendRequest<ConfigurationSummary | null>(CONFIGURATION_SUMMARY_REQUEST, params).catch(() => null)) ?? undefined;
      if (!this.summary) return [{ message: `${vscode.workspace.asRelativePath(file)} is not an agent configuration the server can read.` }];
    }
    return this.summary.sections.map((section) => ({ section }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('message' in node) return new vscode.TreeItem(node.message);
    if ('section' in node) {
      const t = new vscode.TreeItem(node.section.title, vscode.TreeItemCollapsibleState.Expanded);
      if (node.section.items.some((i) => i.problem)) t.iconPath = new vscode.ThemeIcon('warning');
      return t;
    }
    const i = node.item;
    const t = new vscode.TreeItem(i.label);
    t.description = i.label === 'Configuration' || i.label === 'nx_user.h' ? vscode.workspace.asRelativePath(i.value) : i.value;
    t.tooltip = [i.option, i.detail].filter(Boolean).join(': ') || undefined;
    t.iconPath = i.problem ? new vscode.ThemeIcon('warning') : undefined;
    if (i.location) {
      const r = i.location.range;
      t.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.file(i.location.file), { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) }] };
    }
    return t;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
