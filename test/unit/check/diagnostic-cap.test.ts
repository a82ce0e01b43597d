import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, MAX_DIAGNOSTICS_PER_FILE } from '../../../src-core/check/check-document';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings } from '../../../src-core/language/settings';
import { appendAll } from '../../../src-core/util/append';
import type { ProjectConfig } from '../../../src-core/project-config/config-file';

const noProject = { severityOverrides: {}, suppressions: [], problems: [] } as unknown as ProjectConfig;
const files = { readText: () => undefined, exists: () => false };

test('a header with more problems than one report shows keeps the first ones in file order and counts the rest (MA004)', () => {
  const lines = ['#ifndef X', '#define X'];
  for (let i = 0; i < 3000; i++) lines.push(`#define ASC_HIGH_PRIORITY_INTERVAL ${10 + (i % 2)}`);
  lines.push('#endif');
  const doc = new SourceDocument('/w/asc_config.h', lines.join('\n'));
  const out = checkDocument(doc, { settings: defaultSettings, files }, noProject);
  assert.equal(out.diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1);
  const note = out.diagnostics[out.diagnostics.length - 1];
  assert.equal(note.code, 'MA004');
  assert.match(note.message, /^\d+ more problems/);
  const shown = out.diagnostics.slice(0, -1).map((d) => d.range.start.line);
  assert.deepEqual(shown, [...shown].sort((a, b) => a - b), 'the kept problems are the first ones, in file order');
});

test('a file under the cap gets no MA004 note', () => {
  const doc = new SourceDocument('/w/asc_config.h', '#define ASC_HIGH_PRIORITY_INTERVALS 10\n');
  const out = checkDocument(doc, { settings: defaultSettings, files }, noProject);
  assert.ok(out.diagnostics.length > 0);
  assert.ok(!out.diagnostics.some((d) => d.code === 'MA004'));
});

test('appendAll takes lists far longer than a spread call can (no stack overflow)', () => {
  const big = new Array<number>(3_000_000).fill(1);
  assert.throws(() => [].push(...(big as never[])), RangeError);
  assert.equal(appendAll([0], big).length, 3_000_001);
});
