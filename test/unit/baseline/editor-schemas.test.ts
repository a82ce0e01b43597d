// The editor-assist schemas VS Code's JSON support gets through jsonValidation: run through the same JSON
// language service VS Code uses, they report nothing on a faulty file (our server reports it) while the strict
// schema does, and they still complete rule types (by list, with descriptions) and whole rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jsonls from 'vscode-json-languageservice';
import { editorSchemaFiles, schemaFiles, EDITOR_SCHEMAS } from '../../../src-core/baseline/schemas/schema-files';
import { editorAssistSchema } from '../../../src-core/baseline/schemas/editor-assist';
import { baselineService, isBaselinePath } from '../../../src-core/baseline/services/baseline-service';
import { profileService } from '../../../src-core/baseline/services/profile-service';
import { jsonValidationPatterns, matchesFileMatch } from '../../../src-core/baseline/schemas/json-validation-files';
import { doc, memoryFiles } from './helpers';

const root = join(__dirname, '..', '..', '..');
type Schema = Record<string, unknown>;

/** A baseline with one fault of each kind the strict schema reports: enum, pattern, required, additionalProperties, type. */
const faultyBaseline = `{
  "securityGroups": {
    "door-locks": {
      "timeWindowRules": [
        { "ruleType": "", "isEnabled": true, "minThreshold": 0, "maxThreshold": 100, "timeWindowSize": "5 minutes" },
        { "ruleType": "ActiveConnectionsNotInAllowedRange", "isEnabled": true, "minThreshold": 0, "maxTreshold": 5 }
      ],
      "allowlistRules": [
        { "ruleType": "", "isEnabled": true, "allowlistValues": ["203.0.113.0/24"] }
      ]
    }
  }
}
`;

const faultyProfile = JSON.stringify({
  agentConfig: '', unknownKey: 1,
  feeds: [{ path: 'f.csv', format: 'xml' }],
  hub: { networkRuleSets: { defaultAction: 'Maybe', ipRules: [{ filterName: 'a', action: 'Deny', ipMask: '1.2.3.4' }] } },
  devices: [{ addresses: [] }],
  simulation: { seed: -1, startTime: 'yesterday', durationSeconds: 0, permissiveRulePrefixLength: 40 },
}, null, 2);

async function service(uri: string, schema: Schema) {
  const ls = jsonls.getLanguageService({ clientCapabilities: jsonls.ClientCapabilities.LATEST });
  ls.configure({ validate: true, allowComments: false, schemas: [{ uri: `inmemory://${uri}`, fileMatch: ['*.baseline.json', 'microagent.json'], schema }] });
  return ls;
}

async function diagnosticsOf(schema: Schema, fileName: string, text: string): Promise<jsonls.Diagnostic[]> {
  const ls = await service(fileName, schema);
  const td = jsonls.TextDocument.create(`file:///ws/${fileName}`, 'json', 1, text);
  return ls.doValidation(td, ls.parseJSONDocument(td));
}

async function completionsAt(schema: Schema, text: string, offset: number): Promise<jsonls.CompletionItem[]> {
  const ls = await service('baseline.schema.json', schema);
  const td = jsonls.TextDocument.create('file:///ws/door-locks.baseline.json', 'json', 1, text);
  const list = await ls.doComplete(td, td.positionAt(offset), ls.parseJSONDocument(td));
  return list?.items ?? [];
}

/** Every (path, keyword) of a schema, walking only through schema positions (not through snippet bodies or examples). */
function keywordsOf(s: unknown, path = '#'): [string, string][] {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return [];
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(s as Schema)) {
    out.push([path, k]);
    if (['properties', 'definitions', 'patternProperties'].includes(k)) for (const [n, x] of Object.entries(v as Schema)) out.push(...keywordsOf(x, `${path}/${k}/${n}`));
    else if (['items', 'additionalProperties', 'then', 'else'].includes(k)) out.push(...keywordsOf(v, `${path}/${k}`));
    else if (['allOf', 'anyOf', 'oneOf'].includes(k)) (v as unknown[]).forEach((x, i) => out.push(...keywordsOf(x, `${path}/${k}/${i}`)));
  }
  return out;
}

const ruleTypeAt = (text: string, n: number) => { let at = -1; for (let i = 0; i <= n; i += 1) at = text.indexOf('"ruleType": ""', at + 1); return at + '"ruleType": "'.length; };
const labelsOf = (items: jsonls.CompletionItem[]) => items.map((i) => i.label);

test('the assist schemas hold no keyword that reports a fault outside an if-condition; the strict ones stay strict', () => {
  const checking = /^(required|pattern|minimum|maximum|exclusiveMinimum|exclusiveMaximum|minLength|maxLength|minItems|maxItems|uniqueItems|format|enum|const)$/;
  for (const [name, schema] of Object.entries(editorSchemaFiles())) {
    const bad = keywordsOf(schema).filter(([, k]) => checking.test(k));
    assert.deepEqual(bad, [], `${name} keeps checking keywords`);
    assert.ok(!JSON.stringify(schema).includes('"additionalProperties":false'), `${name} keeps additionalProperties:false`);
  }
  assert.ok(keywordsOf(schemaFiles()['baseline.schema.json']).some(([, k]) => k === 'required'), 'the strict baseline schema lost required');
  assert.ok(JSON.stringify(schemaFiles()['profile.schema.json']).includes('"additionalProperties":false'));
});

test('enum and const become examples; descriptions leave for the snippets of each value; snippets, defaults, types and $refs are kept', () => {
  const strict: Schema = {
    type: 'object', required: ['a'], additionalProperties: false,
    properties: {
      a: { type: 'string', enum: ['x', 'y'], enumDescriptions: ['Ex', 'Why'], description: 'A', default: 'x', pattern: '^x' },
      b: { const: 1, minimum: 0 }, c: { $ref: '#/definitions/c' },
    },
    if: { required: ['a'] }, then: { properties: { d: { type: 'integer', maximum: 3, description: 'D' } } },
    definitions: { c: { type: 'array', minItems: 1, items: { type: 'string', format: 'ipv4' }, defaultSnippets: [{ label: 'c', body: ['${1:1.2.3.4}'] }] } },
  };
  const a = editorAssistSchema(strict, { id: 'x:assist' });
  assert.deepEqual(a.properties, {
    a: { type: 'string', default: 'x', examples: ['x', 'y'],
      defaultSnippets: [{ body: 'x', description: 'Ex' }, { body: 'y', description: 'Why' }] },
    b: { examples: [1] }, c: { $ref: '#/definitions/c' },
  });
  assert.deepEqual(a.if, { required: ['a'] }, 'the condition is kept whole so the same branch applies');
  assert.deepEqual(a.then, { properties: { d: { type: 'integer' } } });
  assert.deepEqual(a.definitions, { c: { type: 'array', items: { type: 'string' }, defaultSnippets: [{ label: 'c', body: ['${1:1.2.3.4}'] }] } });
  assert.equal(a.$id, 'x:assist');
  assert.ok(strict.required && 'enum' in ((strict.properties as Schema).a as Schema), 'the strict object was changed');
});

test('VS Code\'s JSON service reports a faulty baseline with the strict schema and not at all with the assist one', async () => {
  const strict = await diagnosticsOf(schemaFiles()['baseline.schema.json'], 'door-locks.baseline.json', faultyBaseline);
  assert.ok(strict.length >= 4, `the strict schema should report the enum, pattern, required and unknown-key faults: ${strict.map((d) => d.message).join(' | ')}`);
  const assist = await diagnosticsOf(editorSchemaFiles()['editor/baseline.schema.json'], 'door-locks.baseline.json', faultyBaseline);
  assert.deepEqual(assist.map((d) => d.message), []);
  // Our own service does report them: nothing is lost, it is said once.
  const ours = baselineService.validate(doc(faultyBaseline, '/ws/door-locks.baseline.json'), memoryFiles({}));
  assert.ok(['MA201', 'MA203'].every((c) => ours.some((d) => d.code === c)), ours.map((d) => d.code).join(', '));
});

test('VS Code\'s JSON service reports a faulty profile with the strict schema and not at all with the assist one', async () => {
  const strict = await diagnosticsOf(schemaFiles()['profile.schema.json'], 'microagent.json', faultyProfile);
  assert.ok(strict.length >= 6, strict.map((d) => d.message).join(' | '));
  const assist = await diagnosticsOf(editorSchemaFiles()['editor/profile.schema.json'], 'microagent.json', faultyProfile);
  assert.deepEqual(assist.map((d) => d.message), []);
});

test('the assist schema still completes rule types by list, each once and with its description', async () => {
  const schema = editorSchemaFiles()['editor/baseline.schema.json'];
  const tw = await completionsAt(schema, faultyBaseline, ruleTypeAt(faultyBaseline, 0));
  assert.ok(labelsOf(tw).includes('"ActiveConnectionsNotInAllowedRange"'), labelsOf(tw).join(', '));
  assert.ok(!labelsOf(tw).includes('"ConnectionToIpNotAllowed"'), 'a time-window rule was offered an allowlist type');
  assert.equal(tw.length, new Set(labelsOf(tw)).size, 'a value is listed twice');
  const al = await completionsAt(schema, faultyBaseline, ruleTypeAt(faultyBaseline, 1));
  assert.deepEqual(labelsOf(al).sort(), ['"ConnectionToIpNotAllowed"', '"LocalUserNotAllowed"', '"ProcessNotAllowed"']);
  const doc0 = al.find((i) => i.label === '"ConnectionToIpNotAllowed"')?.documentation;
  const text = typeof doc0 === 'string' ? doc0 : doc0?.value ?? '';
  assert.match(text, /connection/i, 'the rule type came without its description');
});

test('the assist schema offers every whole-rule snippet our server offers in each rule list', async () => {
  const schema = editorSchemaFiles()['editor/baseline.schema.json'];
  for (const list of ['thresholdRules', 'timeWindowRules', 'allowlistRules', 'denylistRules']) {
    const text = `{ "securityGroups": { "g": { "${list}": [  ] } } }`;
    const at = text.indexOf('[ ') + 1;
    const ours = baselineService.complete!(doc(text, '/ws/g.baseline.json'), doc(text).positionAt(at), memoryFiles({})).filter((c) => c.kind === 'snippet').map((c) => c.label);
    assert.ok(ours.length > 0, `our server offers no snippet in ${list}`);
    const theirs = labelsOf(await completionsAt(schema, text, at));
    for (const label of ours) assert.ok(theirs.includes(label), `VS Code would not offer "${label}" in ${list}: ${theirs.join(', ')}`);
  }
});

test('package.json contributes the assist schemas, for exactly the names our services recognise by name', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const urls = (pkg.contributes.jsonValidation as { url: string }[]).map((e) => e.url).sort();
  assert.deepEqual(urls, EDITOR_SCHEMAS.map((n) => `./schemas/editor/${n}`).sort());
  const patterns = jsonValidationPatterns(pkg);
  assert.deepEqual([...patterns].sort(), ['*.baseline.json', '*.baseline.jsonc', '*.microagent.json', 'microagent.json']);
  for (const name of ['door-locks.baseline.json', 'x.baseline.jsonc']) assert.ok(isBaselinePath(`/ws/${name}`) && matchesFileMatch(`/ws/${name}`, patterns), name);
  assert.ok(matchesFileMatch('/ws/lab/microagent.json', patterns) && matchesFileMatch('C:\\ws\\lab.microagent.json', patterns));
  // ARM templates are recognised by content, not name: VS Code has no schema for them, so they keep our completion.
  for (const name of ['azuredeploy.json', 'baseline.json', 'microagent.jsonc', 'my-microagent.json.bak', 'package.json']) {
    assert.ok(!matchesFileMatch(`/ws/${name}`, patterns), name);
  }
});

test('fileMatch patterns with a folder match the end of the path, ** spanning folders', () => {
  assert.ok(matchesFileMatch('/a/b/.microagent/config.json', ['**/.microagent/config.json']));
  assert.ok(matchesFileMatch('/a/.microagent/config.json', ['/.microagent/config.json']));
  assert.ok(!matchesFileMatch('/a/x.microagent/config.json', ['**/.microagent/config.json']));
  assert.ok(!matchesFileMatch('/a/b/config.json', ['**/.microagent/config.json']));
  assert.deepEqual(jsonValidationPatterns({ contributes: { jsonValidation: [{ fileMatch: 'a.json' }, { fileMatch: ['https://x/y.json', '!b.json', 'c.json'] }, {}] } }), ['a.json', 'c.json']);
  assert.deepEqual(jsonValidationPatterns(undefined), []);
});

test('schemas/editor/*.json on disk are the assist variants of schemas/*.json', () => {
  for (const name of EDITOR_SCHEMAS) {
    const onDisk = JSON.parse(readFileSync(join(root, 'schemas', 'editor', name), 'utf8'));
    const strict = JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(editorAssistSchema(strict, { id: onDisk.$id }))), `schemas/editor/${name} is stale`);
  }
});

/** Where VS Code's JSON service (with the assist schema) and our server each hover, on keys and values of a baseline and a profile. */
async function hoversAt(schemaName: string, fileName: string, text: string, needle: string, ours: (at: number) => unknown) {
  const ls = await service(schemaName, editorSchemaFiles()[`editor/${schemaName}`]);
  const td = jsonls.TextDocument.create(`file:///ws/${fileName}`, 'json', 1, text);
  const at = text.indexOf(needle) + 1;
  assert.ok(at > 0, needle);
  const theirs = await ls.doHover(td, td.positionAt(at), ls.parseJSONDocument(td));
  const shown = (theirs?.contents ? (Array.isArray(theirs.contents) ? theirs.contents : [theirs.contents]) : [])
    .map((c) => (typeof c === 'string' ? c : c.value)).join('').trim();
  return { theirs: shown, ours: ours(at) };
}

test('one hover per node: VS Code\'s JSON service has nothing to show with the assist schemas, our server hovers keys and values', async () => {
  const text = faultyBaseline.replace('"ruleType": ""', '"ruleType": "ActiveConnectionsNotInAllowedRange"');
  const d = doc(text, '/ws/door-locks.baseline.json');
  const oursAt = (at: number) => baselineService.hover!(d, d.positionAt(at), memoryFiles({}))?.contents;
  for (const needle of ['"securityGroups"', '"door-locks"', '"timeWindowRules"', '"ruleType"', '"ActiveConnectionsNotInAllowedRange"', '"isEnabled"', 'true', '"minThreshold"', '"203.0.113.0/24"']) {
    const h = await hoversAt('baseline.schema.json', 'door-locks.baseline.json', text, needle, oursAt);
    assert.equal(h.theirs, '', `VS Code's JSON service hovers ${needle}: ${h.theirs}`);
    assert.ok(typeof h.ours === 'string' && h.ours.length > 10, `our server does not hover ${needle}`);
  }
  // The strict schema (what the assist variant had before) did hover there: the control.
  const strictLs = await service('baseline.schema.json', schemaFiles()['baseline.schema.json']);
  const td = jsonls.TextDocument.create('file:///ws/door-locks.baseline.json', 'json', 1, text);
  const strict = await strictLs.doHover(td, td.positionAt(text.indexOf('"isEnabled"') + 1), strictLs.parseJSONDocument(td));
  assert.ok(strict && JSON.stringify(strict.contents).length > 10, 'the strict schema hovers isEnabled');
  const isEnabled = await hoversAt('baseline.schema.json', 'door-locks.baseline.json', text, 'true', oursAt);
  assert.match(String(isEnabled.ours), /^\*\*isEnabled\*\*/);
});

test('the same for a profile: its keys and values hover once, from our server', async () => {
  const text = JSON.stringify({ agentConfig: 'asc_config.h', simulation: { seed: 7, hubConnected: true } }, null, 2);
  const d = doc(text, '/ws/microagent.json');
  const oursAt = (at: number) => profileService.hover!(d, d.positionAt(at), memoryFiles({}))?.contents;
  for (const needle of ['"agentConfig"', '"seed"', ' 7', '"hubConnected"']) {
    const h = await hoversAt('profile.schema.json', 'microagent.json', text, needle, oursAt);
    assert.equal(h.theirs, '', `VS Code's JSON service hovers ${needle}: ${h.theirs}`);
    assert.ok(typeof h.ours === 'string' && h.ours.length > 5, `our server does not hover ${needle}`);
  }
});
