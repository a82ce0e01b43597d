// The alert panel's host: one webview panel whose page (dist/panel/panel.js, bundled by esbuild) renders the
// last run. Strict content security policy with a per-load nonce, resources only from the extension's
// dist/panel folder, typed messages both ways, and a serializer so the panel comes back after a reload.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isPageMessage, type ExportFormat, type HostMessage, type PageMessage } from './protocol';
import type { LastRunStore } from '../simulation/last-run';
import type { SourceLocation } from '../../src-core/findings/finding';

export const PANEL_VIEW_TYPE = 'microAgent.alertPanel';

export interface PanelActions {
  open(location: SourceLocation): Promise<void>;
  rerun(): Promise<void>;
  runSimulation(): Promise<void>;
  export(format: ExportFormat): Promise<void>;
  createProfile(): Promise<void>;
}

export class AlertPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private pendingSelection: string[] | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly store: LastRunStore, private readonly actions: PanelActions) {
    this.subscriptions.push(
      store.onDidChange((run) => this.post({ type: 'run', run })),
      store.onDidChangeRunning((running) => this.post({ type: 'running', running })),
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, { deserializeWebviewPanel: async (panel) => this.adopt(panel) }),
    );
  }

  get visible(): boolean {
    return this.panel?.visible === true;
  }

  /** Opens (or reveals) the panel; `select` narrows it to those findings. */
  show(select?: string[]): void {
    if (select) this.pendingSelection = select;
    if (this.panel) {
      this.panel.reveal(undefined, false);
      if (select?.length) this.post({ type: 'select', findingId: select[0] });
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Micro Agent: Alerts', vscode.ViewColumn.Active, this.options()));
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'panel')], enableFindWidget: true };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html(panel.webview);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.subscriptions);
    panel.webview.onDidReceiveMessage((m: unknown) => this.received(m), undefined, this.subscriptions);
  }

  private async received(m: unknown): Promise<void> {
    // The page is ours, but its messages cross a boundary: anything unexpected is ignored.
    if (!isPageMessage(m)) return;
    const msg = m as PageMessage;
    switch (msg.type) {
      case 'ready':
        this.post({ type: 'run', run: this.store.current });
        this.post({ type: 'running', running: this.store.isRunning });
        if (this.pendingSelection?.length) this.post({ type: 'select', findingId: this.pendingSelection[0] });
        this.pendingSelection = undefined;
        return;
      case 'open': return this.actions.open(msg.location);
      case 'rerun': return this.actions.rerun();
      case 'runSimulation': return this.actions.runSimulation();
      case 'export': return this.actions.export(msg.format);
      case 'createProfile': return this.actions.createProfile();
      case 'stateChanged': return;
    }
  }

  private post(message: HostMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'panel', name)).toString();
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset('panel.css')}">
<title>Micro Agent: Alerts</title>
</head>
<body>
<div id="app" role="application" aria-label="Micro Agent alert panel"></div>
<script nonce="${nonce}" src="${asset('panel.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
