// src-core's editor-neutral shapes -> LSP types. Positions are already LSP's (zero-based, UTF-16).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as lsp from 'vscode-languageserver/node';
import type * as core from '../src-core/language/types';
import { pathToUri, uriToPath } from './files';

export interface ClientFeatures {
  snippets: boolean;
  markdownCompletionDocs: boolean;
  markdownHover: boolean;
  relatedInformation: boolean;
  codeDescription: boolean;
  diagnosticTags: boolean;
  hierarchicalSymbols: boolean;
  /** Workspace edits may hold snippet edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`): a fix can
   *  leave the cursor on what the user has to write. */
  snippetEdits: boolean;
  /** Where each rule code's page is (docs/rules.md as a file URI), when it can be found; see rulesDocFor. */
  rulesDoc?: RulesDoc;
}

/** docs/rules.md as a URI, and the line of each code's heading in it (so an editor opens the page at the rule). */
export interface RulesDoc {
  uri: string;
  lines: ReadonlyMap<string, number>;
}

const severity: Record<core.Severity, lsp.DiagnosticSeverity> = {
  error: lsp.DiagnosticSeverity.Error,
  warning: lsp.DiagnosticSeverity.Warning,
  information: lsp.DiagnosticSeverity.Information,
  hint: lsp.DiagnosticSeverity.Hint,
};

/**
 * docs/rules.md for the diagnostics' code links: in the folder the client names (the installed extension's
 * docs, `initializationOptions.docsUri`), else beside the bundle (dist/server -> the package or repository
 * root, which carries docs/), else none: a link that leads nowhere is worse than no link.
 */
export function rulesDocFor(docsUri: string | undefined): RulesDoc | undefined {
  const candidates: string[] = [];
  if (docsUri) {
    try {
      candidates.push(path.join(uriToPath(docsUri), 'rules.md'));
    } catch {
      // not a file URI: fall back to the bundle's own docs
    }
  }
  candidates.push(path.resolve(__dirname, '../../docs/rules.md'), path.resolve(__dirname, '../docs/rules.md'));
  for (const file of candidates) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = new Map<string, number>();
    text.split(/\r?\n/).forEach((l, i) => {
      const m = /^### (MA\d{3})\b/.exec(l);
      if (m) lines.set(m[1], i + 1);
    });
    return { uri: pathToUri(file), lines };
  }
  return undefined;
}

/** The code's page: `#L<line>` opens the file at the rule in VS Code (and keeps the page otherwise), `#ma101` the
 *  heading's anchor when the line is not known. */
export function ruleHref(doc: RulesDoc, code: string): string {
  const line = doc.lines.get(code);
  return `${doc.uri}#${line !== undefined ? `L${line}` : code.toLowerCase()}`;
}

export function toLspDiagnostic(d: core.Diagnostic, f: ClientFeatures): lsp.Diagnostic {
  const out: lsp.Diagnostic = { range: d.range, severity: severity[d.severity], code: d.code, source: 'microagent', message: d.message };
  if (f.codeDescription && f.rulesDoc) out.codeDescription = { href: ruleHref(f.rulesDoc, d.code) };
  if (d.unnecessary && f.diagnosticTags) out.tags = [lsp.DiagnosticTag.Unnecessary];
  if (d.related?.length && f.relatedInformation) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: pathToUri(r.file), range: r.range }, message: r.message }));
  }
  return out;
}

/** `${1:text}` -> `text`, `$1` / `${1}` -> '' for clients without snippet support. */
export function stripSnippet(text: string): string {
  let prev: string;
  do {
    prev = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^|}]*)(?:,[^|}]*)*\|\}/g, '$1');
  } while (text !== prev);
  return text.replace(/\$\{\d+\}|\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
}

const completionKind: Record<core.CompletionKind, lsp.CompletionItemKind> = {
  option: lsp.CompletionItemKind.Constant,
  value: lsp.CompletionItemKind.Value,
  property: lsp.CompletionItemKind.Property,
  snippet: lsp.CompletionItemKind.Snippet,
  keyword: lsp.CompletionItemKind.Keyword,
  enum: lsp.CompletionItemKind.EnumMember,
};

export function toLspCompletion(c: core.CompletionItem, f: ClientFeatures): lsp.CompletionItem {
  const snippet = Boolean(c.snippet) && f.snippets;
  const text = c.insertText === undefined ? undefined : c.snippet && !f.snippets ? stripSnippet(c.insertText) : c.insertText;
  const item: lsp.CompletionItem = { label: c.label, kind: completionKind[c.kind] ?? lsp.CompletionItemKind.Text };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = f.markdownCompletionDocs ? { kind: lsp.MarkupKind.Markdown, value: c.documentation } : c.documentation;
  if (c.sortText) item.sortText = c.sortText;
  if (c.filterText) item.filterText = c.filterText;
  if (c.range) item.textEdit = { range: c.range, newText: text ?? c.label };
  else if (text !== undefined) item.insertText = text;
  if (snippet) item.insertTextFormat = lsp.InsertTextFormat.Snippet;
  return item;
}

const symbolKind: Record<core.SymbolKind, lsp.SymbolKind> = {
  option: lsp.SymbolKind.Constant,
  group: lsp.SymbolKind.Namespace,
  rule: lsp.SymbolKind.Function,
  device: lsp.SymbolKind.Object,
  feed: lsp.SymbolKind.File,
  section: lsp.SymbolKind.Module,
  macro: lsp.SymbolKind.Constant,
};

export function toLspSymbols(symbols: core.DocumentSymbol[], uri: string, f: ClientFeatures): lsp.DocumentSymbol[] | lsp.SymbolInformation[] {
  if (f.hierarchicalSymbols) {
    const map = (s: core.DocumentSymbol): lsp.DocumentSymbol => ({
      name: s.name || '?',
      detail: s.detail,
      kind: symbolKind[s.kind] ?? lsp.SymbolKind.Variable,
      range: s.range,
      selectionRange: s.selectionRange,
      children: s.children?.map(map),
    });
    return symbols.map(map);
  }
  const flat: lsp.SymbolInformation[] = [];
  const walk = (s: core.DocumentSymbol, container?: string) => {
    flat.push({ name: s.name || '?', kind: symbolKind[s.kind] ?? lsp.SymbolKind.Variable, location: { uri, range: s.range }, containerName: container });
    for (const c of s.children ?? []) walk(c, s.name);
  };
  symbols.forEach((s) => walk(s));
  return flat;
}

/**
 * A fix's edits on one document. Where an edit has a snippet and the client takes snippet edits, they go as a
 * `TextDocumentEdit` of snippet edits (for the document's `version`); otherwise every edit is its plain text.
 */
export function toWorkspaceEdit(uri: string, edits: core.TextEdit[], f?: Pick<ClientFeatures, 'snippetEdits'>, version?: number): lsp.WorkspaceEdit {
  if (f?.snippetEdits && edits.some((e) => e.snippet !== undefined)) {
    const snippetEdits = edits.map((e): lsp.TextEdit | lsp.SnippetTextEdit =>
      (e.snippet !== undefined ? { range: e.range, snippet: { kind: 'snippet', value: e.snippet } } : { range: e.range, newText: e.newText }));
    return { documentChanges: [{ textDocument: { uri, version: version ?? null }, edits: snippetEdits }] };
  }
  return { changes: { [uri]: edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}

export function readClientFeatures(caps: lsp.ClientCapabilities, docsUri?: string): ClientFeatures {
  const td = caps.textDocument;
  return {
    rulesDoc: rulesDocFor(docsUri),
    snippets: td?.completion?.completionItem?.snippetSupport === true,
    markdownCompletionDocs: td?.completion?.completionItem?.documentationFormat?.includes(lsp.MarkupKind.Markdown) ?? false,
    markdownHover: td?.hover?.contentFormat?.includes(lsp.MarkupKind.Markdown) ?? true,
    relatedInformation: td?.publishDiagnostics?.relatedInformation === true || td?.diagnostic !== undefined,
    codeDescription: td?.publishDiagnostics?.codeDescriptionSupport === true || td?.diagnostic !== undefined,
    diagnosticTags: (td?.publishDiagnostics?.tagSupport?.valueSet?.length ?? 0) > 0 || td?.diagnostic !== undefined,
    hierarchicalSymbols: td?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    snippetEdits: caps.workspace?.workspaceEdit?.snippetEditSupport === true,
  };
}
