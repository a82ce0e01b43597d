// The editor as a user meets it (issue 8, item 10), through the REAL bundled server over stdio: quick fixes
// that create no new problem ("suppress on this line" leaves the cursor on a reason where the client takes
// snippet edits, and writes a placeholder reason where it does not; no rename onto a name the file already
// sets), and nothing reported on the name being typed until the user types elsewhere or saves.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, pullCapabilities, pushCapabilities } from '../helpers/lsp-test-client';

const serverJs = path.resolve(__dirname, '../../dist/server/server.js');
const settings = { validate: 'onType', debounceMs: 10, distribution: 'auto', nxUserPath: '', severityOverrides: {}, checkWorkspaceOnOpen: false };
const snippetCapabilities = { ...pushCapabilities, workspace: { ...pushCapabilities.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } } };
let dir: string;

before(() => {
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-editing-'));
  // An nx_user.h beside every header: its own rule (the IP packet filter) stays quiet.
  fs.writeFileSync(path.join(dir, 'nx_user.h'), '#define NX_ENABLE_IP_PACKET_FILTER\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function withServer(capabilities: Record<string, unknown>, body: (c: LspTestClient) => Promise<void>): Promise<void> {
  const c = LspTestClient.spawnServer(serverJs, { rootPath: dir, settings: () => settings, capabilities });
  try {
    await c.initialize();
    await body(c);
  } finally {
    await c.dispose();
  }
}

type Pos = { line: number; character: number };
type Edit = { range: { start: Pos; end: Pos }; newText: string };

/** Applies LSP text edits (back to front) to `text`. */
function apply(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  const offset = (p: Pos) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code)).sort();
const at = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

/** A header that sets one option with a value out of range: MA103 on line 1, a fix and a suppression offered. */
const header = '#define ASC_HIGH_PRIORITY_INTERVAL 10\n#define ASC_LOW_PRIORITY_INTERVAL 0\n';

describe('quick fixes create no new problem', () => {
  test('"suppress on this line" is a snippet edit with the cursor on the reason where the client takes snippet edits', async () => {
    await withServer(snippetCapabilities, async (c) => {
      const u = await c.open(path.join(dir, 'snippet', 'asc_config.h'), header);
      const p = await c.diagnosticsFor(u);
      const target = p.diagnostics.find((d) => d.range.start.line === 1)!;
      assert.ok(target, JSON.stringify(p.diagnostics));
      const actions = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: at(1, 34), context: { diagnostics: [] } });
      const suppress = actions.find((a) => a.title === `Suppress ${target.code} on this line`);
      assert.ok(suppress, actions.map((a) => a.title).join(' | '));
      assert.equal(suppress.edit.changes, undefined);
      const [change] = suppress.edit.documentChanges;
      assert.equal(change.textDocument.uri, u);
      assert.equal(change.textDocument.version, 1);
      assert.deepEqual(change.edits[0].snippet, { kind: 'snippet', value: `// microagent-ignore ${target.code} reason: \${1:TODO say why ${target.code} is safe to ignore here}\n` });
      // The other fixes stay plain edits.
      assert.ok(actions.filter((a) => a !== suppress).every((a) => a.edit.changes), 'no snippet where there is nothing to write');
    });
  });

  test('without snippet edits the suppression carries a placeholder reason: applied, it raises no MA001 and hides the finding', async () => {
    await withServer(pushCapabilities, async (c) => {
      const u = await c.open(path.join(dir, 'plain', 'asc_config.h'), header);
      const before = await c.diagnosticsFor(u);
      const target = before.diagnostics.find((d) => d.range.start.line === 1)!;
      const actions = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: at(1, 34), context: { diagnostics: [] } });
      const suppress = actions.find((a) => a.title === `Suppress ${target.code} on this line`);
      const edits: Edit[] = suppress.edit.changes[u];
      assert.match(edits[0].newText, /^\/\/ microagent-ignore MA\d{3} reason: TODO say why MA\d{3} is safe to ignore here\n$/);
      const v = await c.change(u, apply(header, edits));
      const after = await c.diagnosticsFor(u, v);
      assert.ok(!codes(after).includes('MA001'), `no MA001: ${codes(after)}`);
      assert.ok(!codes(after).includes(String(target.code)), `${target.code} suppressed: ${codes(after)}`);
      assert.equal(after.diagnostics.length, before.diagnostics.length - 1, JSON.stringify(after.diagnostics));
    });
  });

  test('a misspelt name the file already sets is not renamed onto it (MA111 at once): the fix removes the stray line', async () => {
    await withServer(pushCapabilities, async (c) => {
      const text = '#define ASC_HIGH_PRIORITY_INTERVAL 10\n#define ASC_HIGH_PRIORITY_INTERVALL 20\n';
      const u = await c.open(path.join(dir, 'dupe', 'asc_config.h'), text);
      const p = await c.diagnosticsFor(u);
      const ma101 = p.diagnostics.find((d) => d.code === 'MA101')!;
      assert.match(ma101.message, /Did you mean ASC_HIGH_PRIORITY_INTERVAL\? ASC_HIGH_PRIORITY_INTERVAL is already set on line 1 \(to 10\)/);
      const actions = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: at(1, 10), context: { diagnostics: [] } });
      assert.ok(!actions.some((a) => /^Rename/.test(a.title)), actions.map((a) => a.title).join(' | '));
      const remove = actions.find((a) => a.title === 'Remove this line (ASC_HIGH_PRIORITY_INTERVAL is set on line 1)');
      assert.ok(remove?.isPreferred, actions.map((a) => a.title).join(' | '));
      const fixed = apply(text, remove.edit.changes[u]);
      assert.equal(fixed, '#define ASC_HIGH_PRIORITY_INTERVAL 10\n');
      const v = await c.change(u, fixed);
      const after = await c.diagnosticsFor(u, v);
      assert.deepEqual(codes(after).filter((x) => /MA10[01]|MA11[12]/.test(x)), [], JSON.stringify(after.diagnostics));
    });
  });

  test('a misspelt name the file does not set keeps its rename, and the rename leaves no problem', async () => {
    await withServer(pushCapabilities, async (c) => {
      const text = '#define ASC_HIGH_PRIORITY_INTERVALL 20\n';
      const u = await c.open(path.join(dir, 'rename', 'asc_config.h'), text);
      await c.diagnosticsFor(u);
      const actions = await c.request<any[]>('textDocument/codeAction', { textDocument: { uri: u }, range: at(0, 10), context: { diagnostics: [] } });
      const rename = actions.find((a) => a.title === 'Rename to ASC_HIGH_PRIORITY_INTERVAL');
      assert.ok(rename);
      const v = await c.change(u, apply(text, rename.edit.changes[u]));
      assert.deepEqual(codes(await c.diagnosticsFor(u, v)).filter((x) => /MA10[01]|MA11[12]/.test(x)), []);
    });
  });
});

describe('nothing is reported on the name being typed', () => {
  const start = '#define ASC_HIGH_PRIORITY_INTERVAL 10\n';

  test('push: `#define ASC_` typed letter by letter shows no MA101 until the user types elsewhere; a save shows it too', async () => {
    await withServer(pushCapabilities, async (c) => {
      const u = await c.open(path.join(dir, 'typing-push', 'asc_config.h'), start);
      await c.diagnosticsFor(u, 1);
      let v = await c.edit(u, at(1, 0), '#define ASC_');
      assert.deepEqual(codes(await c.diagnosticsFor(u, v)), [], 'ASC_ is being typed');
      v = await c.edit(u, at(1, 12), 'LOW_PRIO');
      assert.deepEqual(codes(await c.diagnosticsFor(u, v)), [], 'ASC_LOW_PRIO is still being typed');
      // A finished name is no prefix: nothing to hold, nothing to report.
      // Typing elsewhere (the value on line 0) lets the half-typed name's MA101 through.
      v = await c.edit(u, { start: { line: 0, character: 35 }, end: { line: 0, character: 37 } }, '20');
      assert.deepEqual(codes(await c.diagnosticsFor(u, v)), ['MA101']);
      // Back to it: held again while it is typed at; a save shows it.
      v = await c.edit(u, at(1, 20), 'R');
      assert.deepEqual(codes(await c.diagnosticsFor(u, v)), []);
      const seen = c.published.get(u);
      await c.save(u);
      const saved = await c.waitFor('diagnostics after the save', () => { const p = c.published.get(u); return p !== seen && p; });
      assert.deepEqual(codes(saved), ['MA101']);
    });
  });

  test('a name that is no prefix of any option is reported at once, typing or not', async () => {
    await withServer(pushCapabilities, async (c) => {
      const u = await c.open(path.join(dir, 'typing-typo', 'asc_config.h'), start);
      await c.diagnosticsFor(u, 1);
      const v = await c.edit(u, at(1, 0), '#define ASC_HIGH_PRIORITY_INTERVALL');
      assert.deepEqual(codes(await c.diagnosticsFor(u, v)), ['MA101']);
    });
  });

  test('pull: the same hold on textDocument/diagnostic, for a half-typed rule type in a baseline', async () => {
    await withServer(pullCapabilities, async (c) => {
      const text = '{ "securityGroups": { "door-locks": { "allowlistRules": [\n  { "ruleType": "", "isEnabled": true, "allowlistValues": ["203.0.113.0/24"] }\n] } } }\n';
      const u = await c.open(path.join(dir, 'typing-pull', 'door.baseline.json'), text, 'json');
      const pull = async () => codes(await c.request<any>('textDocument/diagnostic', { textDocument: { uri: u } }).then((r) => ({ diagnostics: r.items })));
      assert.deepEqual(await pull(), ['MA201'], 'an empty rule type, opened so');
      await c.edit(u, at(1, 17), 'Conn');
      assert.deepEqual(await pull(), [], '"Conn" is being typed');
      await c.edit(u, at(1, 21), 'ectionToIp');
      assert.deepEqual(await pull(), []);
      // Elsewhere: the isEnabled value, typed again.
      await c.edit(u, { start: { line: 1, character: 47 }, end: { line: 1, character: 51 } }, 'true');
      const after = await c.request<any>('textDocument/diagnostic', { textDocument: { uri: u } });
      assert.deepEqual(after.items.map((d: any) => d.code), ['MA201'], JSON.stringify(after.items));
      assert.match(after.items[0].message, /Unknown rule type `ConnectionToIp`/);
      // A value that starts no rule type is no name being typed.
      await c.edit(u, { start: { line: 1, character: 17 }, end: { line: 1, character: 31 } }, 'Xyz');
      assert.deepEqual(await pull(), ['MA201']);
    });
  });
});
