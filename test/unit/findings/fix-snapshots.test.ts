// A finding's quick fix is a range into the file as the run read it: the editor offers it only while the file
// still reads that text. These tests pin what counts as unchanged (the same text, a byte order mark aside) and
// what does not (an edit, a file saved after the run, a file no fix edits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../../../src-core/findings/finding';
import { FixSnapshots, fixFilesOf } from '../../../src-core/findings/fix-snapshots';

const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

function finding(over: Partial<Finding>): Finding {
  return {
    id: 'F', code: 'MA432', kind: 'hint', severity: 'Medium', origin: 'project', title: 't', message: 'm', device: 'dev-1',
    count: 1, evidence: {}, locations: [], agentVisible: true, remediation: 'r', ...over,
  };
}

function workspace(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'fix-snapshots-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const header = join(dir, 'asc_config.h');
  const baseline = join(dir, 'cams.baseline.json');
  const headerText = '#define ASC_COLLECTOR_NETWORK_ACTIVITY_MAX_IPV4_OBJECTS_IN_CACHE 8\n';
  const baselineText = '{\n  "securityGroups": { "cams": { "allowlistRules": [\n    { "ruleType": "ConnectionToIpNotAllowed", "isEnabled": true, "allowlistValues": ["10.0.0.0/8"] }\n  ] } }\n}\n';
  writeFileSync(header, headerText);
  writeFileSync(baseline, baselineText);
  const cache = finding({ id: 'cache', suggestedFix: { title: 'Set it to 51', file: header, range: range(0, 65, 66), newText: '51' },
    locations: [{ file: header, range: range(0, 0, 64), role: 'configuration', label: 'the cache' }] });
  const rule = finding({ id: 'rule', code: 'MA410', kind: 'alert', evidence: { rule: { group: 'cams', ruleType: 'ActiveConnectionsNotInAllowedRange', list: 'timeWindowRules', index: 0 } },
    locations: [{ file: baseline, range: range(2, 18, 44), role: 'rule', label: 'the rule' }] });
  return { dir, header, baseline, headerText, baselineText, cache, rule };
}

test('the files a run\'s fixes edit: a suggested fix\'s file and a fired rule\'s baseline, nothing else', (t) => {
  const w = workspace(t);
  const feedLine = finding({ id: 'feed', code: 'MA400', locations: [{ file: join(w.dir, 'bad.netset'), range: range(1, 0, 10), role: 'indicator', label: 'feed line 2' }] });
  assert.deepEqual([...fixFilesOf([w.cache, w.rule, feedLine])].sort(), [w.baseline, w.header].sort());
});

test('a file is unchanged while its text is the one the run read; an edit, even a line added above, is a change', (t) => {
  const w = workspace(t);
  const s = new FixSnapshots([w.cache, w.rule], Date.now() + 60_000);
  assert.equal(s.unchanged(w.header, w.headerText), true);
  assert.equal(s.unchanged(w.baseline, w.baselineText), true);
  assert.equal(s.unchanged(w.baseline, `\uFEFF${w.baselineText}`), true, 'a byte order mark the editor drops is no change');
  assert.equal(s.unchanged(w.baseline, `// a comment\n${w.baselineText}`), false, 'a line added above the rule moves every range');
  assert.equal(s.unchanged(w.header, w.headerText.replace(' 8', ' 16')), false);
  assert.equal(s.unchanged(join(w.dir, 'other.h'), ''), false, 'a file no fix of the run edits has no known text');
});

test('a file modified on disk after the run finished (saved since, or a run restored later) has no known text', (t) => {
  const w = workspace(t);
  const finishedAt = Date.now() - 60_000;
  // The header was written before the run, the baseline after it.
  utimesSync(w.header, new Date(finishedAt - 10_000), new Date(finishedAt - 10_000));
  const s = new FixSnapshots([w.cache, w.rule], finishedAt);
  assert.equal(s.unchanged(w.header, w.headerText), true);
  assert.equal(s.unchanged(w.baseline, w.baselineText), false);
});

test('a file gone since the run has no known text', (t) => {
  const w = workspace(t);
  rmSync(w.header);
  const s = new FixSnapshots([w.cache], Date.now() + 60_000);
  assert.equal(s.unchanged(w.header, w.headerText), false);
});
