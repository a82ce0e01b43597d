// `microagent simulate` on the demo workspace (the example `microagent demo` writes), through the CLI bundled
// from the current sources: the SARIF report validates against the SARIF 2.1.0 JSON schema Microsoft ships
// in @microsoft/jest-sarif (a pinned devDependency: the registry is the only network here), with a result
// of every finding kind carrying a location and region; and the JSON report holds the demo's key findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { writeExampleWorkspace } from '../../src-core/example/workspace';
import { tempDir } from '../unit/agent/fixtures';
import { bundledCli, writeScenario } from '../unit/agent/capture-fixtures';

/**
 * The SARIF 2.1.0 schema (its last release candidate, 2.1.0-rtm.5, as SchemaStore and the SARIF SDK publish
 * it) from @microsoft/jest-sarif. It is written as draft-04, which Ajv 8 does not load; the file uses only
 * keywords whose meaning draft-07 keeps (no boolean exclusiveMinimum/Maximum, `id` only at the root), so it
 * is read as draft-07 with its root `id` renamed `$id`, and checked to stay so.
 */
function sarifSchema(): object {
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  const keywords = new Set<string>();
  (function walk(node: unknown, isMap: boolean): void {
    if (Array.isArray(node)) return node.forEach((x) => walk(x, false));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (!isMap) keywords.add(k);
      walk(v, !isMap && (k === 'properties' || k === 'definitions'));
    }
  })(schema, false);
  const draft04Only = ['exclusiveMinimum', 'exclusiveMaximum', 'dependencies', 'divisibleBy', 'disallow', 'extends'];
  assert.deepEqual(draft04Only.filter((k) => keywords.has(k)), [], 'nothing whose meaning changed after draft-04');
  const { $schema: _draft, id, ...rest } = schema;
  return { $id: id, ...rest };
}

function demo(t: { after: (fn: () => void) => void }) {
  const dir = tempDir(t);
  writeExampleWorkspace(dir);
  return { dir, profile: join(dir, 'microagent.json') };
}

test('simulate --format sarif on the demo workspace validates against the SARIF 2.1.0 schema, with an alert, a recommendation and a hint located', (t) => {
  const { dir, profile } = demo(t);
  const sarif = bundledCli(t).json(['simulate', '--profile', profile, '--format', 'sarif'], dir);
  // unicodeRegExp off: rtm.5's `language` pattern ("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", fixed in the final
  // 2.1.0 text) has a lone "]" that is legal in a plain ECMAScript regex but not under the u flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile<any>(sarifSchema());
  assert.ok(validate(sarif), ajv.errorsText(validate.errors, { separator: '\n' }));
  // The schema does catch a broken log (so the pass above means something).
  assert.equal(validate({ ...sarif, version: '2.0.0' }), false);
  assert.equal(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ...sarif.runs[0].results[0], level: 'fatal' }] }] }), false);

  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  const rules: { id: string }[] = run.tool.driver.rules;
  const results: any[] = run.results;
  assert.ok(results.length > 0);
  for (const r of results) {
    assert.equal(rules[r.ruleIndex].id, r.ruleId, `${r.ruleId}: ruleIndex points at its rule`);
    assert.match(r.ruleId, /^MA4\d\d$/);
    assert.ok(r.partialFingerprints['microAgentFindingId/v1'], 'a stable fingerprint');
    for (const l of [...(r.locations ?? []), ...(r.relatedLocations ?? [])]) {
      const region = l.physicalLocation.region;
      assert.ok(region.startLine >= 1 && region.startColumn >= 1, `${r.ruleId}: a region with 1-based start`);
      assert.ok(region.endLine > region.startLine || (region.endLine === region.startLine && region.endColumn >= region.startColumn), `${r.ruleId}: the region ends after it starts`);
      assert.ok(l.physicalLocation.artifactLocation.uri, `${r.ruleId}: an artifact`);
    }
  }
  for (const kind of ['alert', 'recommendation', 'hint']) {
    const located = results.filter((r) => r.properties.kind === kind && r.locations.length > 0);
    assert.ok(located.length > 0, `a ${kind} with a location: ${results.map((r) => `${r.ruleId}/${r.properties.kind}/${r.locations.length}`).join(' ')}`);
  }
  // Where they point: the feed line, the hub rule in the profile, the cache option in asc_config.h.
  const at = (code: string) => results.find((r) => r.ruleId === code)!.locations[0].physicalLocation;
  assert.deepEqual([at('MA400').artifactLocation.uri, at('MA400').region.startLine], ['feeds/blocklist.netset', 2]);
  assert.equal(at('MA422').artifactLocation.uri, 'microagent.json');
  assert.equal(at('MA432').artifactLocation.uri, 'firmware/asc_config.h');
  assert.equal(run.originalUriBaseIds.SRCROOT.uri.endsWith('/'), true);
});

test('simulate --format json on the demo workspace: findings hold the Telnet probe\'s MA400, the active-connections MA410 and the permissive hub rule MA422', (t) => {
  const { dir, profile } = demo(t);
  const out = bundledCli(t).json(['simulate', '--profile', profile, '--format', 'json'], dir);
  assert.ok(Array.isArray(out.findings));
  const findings: any[] = out.findings;
  const c2 = findings.find((f) => f.code === 'MA400' && f.evidence.indicator.value === '185.220.101.0/24');
  assert.ok(c2, findings.map((f) => f.id).join(', '));
  assert.equal(c2.evidence.facts.direction, 'inbound');
  assert.match(c2.evidence.remote, /^185\.220\.101\.7\b/);
  assert.equal(c2.evidence.indicator.feed, 'blocklist.netset');
  const ma410 = findings.find((f) => f.code === 'MA410');
  assert.ok(ma410);
  assert.equal(ma410.evidence.rule.ruleType, 'ActiveConnectionsNotInAllowedRange');
  assert.ok(ma410.evidence.observed > ma410.evidence.allowed.max);
  const ma422 = findings.find((f) => f.code === 'MA422');
  assert.ok(ma422);
  assert.equal(ma422.id, 'MA422:hub:0.0.0.0/1');
  assert.equal(ma422.kind, 'recommendation');
  // The report's summary names the profile and the configuration it ran.
  assert.equal(out.summary.profile, profile);
  assert.equal(out.summary.configuration, join(dir, 'firmware', 'asc_config.h'));
});

// GitHub code scanning refuses a whole SARIF file when one result has no location ("locationFromSarifResult:
// expected at least one location", github/codeql-action#2459). A capture simulated without a profile gives its
// hints no profile entry to point at: they point at the traffic they rest on.
test('simulate CAPTURE --format sarif without a profile: every result has a location (the capture for a device\'s hints) and the log validates', (t) => {
  const dir = tempDir(t);
  writeScenario(dir, 'device.pcap', {
    start: 1_700_000_000,
    device: { ipv4: '192.168.7.20', mac: '02:00:00:00:00:20' },
    flows: [
      { protocol: 'tcp', peer: '198.41.30.241', port: 1883, start: 1, packets: 8 },
      { protocol: 'tcp', peer: '185.220.101.7', port: 23, initiator: 'peer', start: 5, packets: 6 },
    ],
  });
  const sarif = bundledCli(t).json(['simulate', 'device.pcap', '--format', 'sarif'], dir);
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile<any>(sarifSchema());
  assert.ok(validate(sarif), ajv.errorsText(validate.errors, { separator: '\n' }));
  const results: any[] = sarif.runs[0].results;
  assert.ok(results.some((r) => r.ruleId === 'MA430'), results.map((r) => r.ruleId).join(' '));
  for (const r of results) {
    assert.ok(r.locations.length >= 1, `${r.ruleId}: at least one location`);
    const at = r.locations[0].physicalLocation;
    assert.ok(at.region.startLine >= 1, `${r.ruleId}: a region`);
  }
  const hint = results.find((r) => r.ruleId === 'MA430')!;
  assert.equal(hint.locations[0].physicalLocation.artifactLocation.uri, 'device.pcap');
});
