// What the in-host suites share: the generated workspace's expectations, condition polling, and text helpers.
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const EXTENSION_ID = 'micro-agent-studio.micro-agent-studio';

/** A place to ask for completion inside the baseline, and what must and must not be offered there. */
export interface BaselineCompletion {
  list: string;
  at: { line: number; character: number };
  offers: string;
  notOffers: string;
}

/** The faulty baseline's part of expect.json (see baselineExpectations in fixture.mjs). */
export interface BaselineExpectations {
  file: string;
  codes: string[];
  /** The baseline's twin tied to the strict schema by `$schema`: VS Code's JSON support must report on it. */
  strictControl: string;
  /** Text the open editor shows once the file is there. */
  shows: string;
  /** The text each code's range must cover. */
  rangeTexts: Record<string, string>;
  lines: Record<string, number>;
  completions: BaselineCompletion[];
}

/** Written by test/real-editor/fixture.mjs beside the faulty header. */
export interface Expectations {
  file: string;
  codes: string[];
  unknownOption: string;
  hoverOption: string;
  hoverMentions: string[];
  completionAfterDefineOf: string;
  completionOffers: string;
  /** How long to wait for the expected diagnostics. */
  waitMs: number;
  baseline: BaselineExpectations;
  simulation: SimulationExpectations;
}

/** The example workspace's part of expect.json (see simulationExpectations in fixture.mjs). */
export interface SimulationExpectations {
  /** Workspace-relative paths. */
  profile: string;
  codes: string[];
  /** Per file, a code the run puts there and text its range must cover. */
  diagnostics: Record<string, { code: string; text: string }>;
  rule: { file: string; line: number };
  fix: { file: string; line: number; code: string; titleStarts: string; lineAfter: string };
  /** A problem the check task's output puts on a file no suite opens. */
  matcher: { file: string; code: string };
}

/** Activates the extension and waits until its language client has started (activate() returns that promise). */
export async function extensionReady(): Promise<void> {
  const ext = vscode.extensions.getExtension<{ languageClientReady?: Promise<void> }>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  const api = await ext.activate();
  await api?.languageClientReady;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the harness must open the generated workspace');
  return folder.uri.fsPath;
}

export function expectations(): Expectations {
  const file = path.join(workspaceRoot(), '.microagent-test', 'expect.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Expectations;
}

/** Opens a file of the generated workspace in an editor, once the language client is up. */
export async function openWorkspaceFile(name: string): Promise<vscode.TextDocument> {
  await extensionReady();
  const uri = vscode.Uri.file(path.join(workspaceRoot(), name));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

export function openFaultyHeader(): Promise<vscode.TextDocument> {
  return openWorkspaceFile(expectations().file);
}

export function openFaultyBaseline(): Promise<vscode.TextDocument> {
  return openWorkspaceFile(expectations().baseline.file);
}

export function labelOf(i: vscode.CompletionItem): string {
  return typeof i.label === 'string' ? i.label : i.label.label;
}

/** A value's label without JSON quotes: VS Code's JSON support labels `"X"`, our server `X`. */
export function valueOf(label: string): string {
  return /^".*"$/.test(label) ? label.slice(1, -1) : label;
}

/** Our server's diagnostics carry this source; anything else on a baseline comes from another provider. */
export const OUR_SOURCE = 'microagent';

/** Polls `probe` until it returns a truthy value; on timeout throws with `describe()` saying what was last seen. */
export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string, describe: () => string = () => '', ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${describe() ? `; last seen: ${describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

/** Position just inside `name` where it follows `#define ` in the document. */
export function positionOfDefine(doc: vscode.TextDocument, name: string, inside = 2): vscode.Position {
  const at = doc.getText().indexOf(`#define ${name}`);
  if (at < 0) throw new Error(`the generated header has no '#define ${name}'`);
  return doc.positionAt(at + '#define '.length + inside);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
