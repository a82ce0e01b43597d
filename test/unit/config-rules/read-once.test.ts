// A configuration file is read once per document and inputs (issue 10): the check, hover, completion and symbols
// on the same SourceDocument share one read (the language server keeps one per buffer version), and a change of
// what the read depends on (nx_user.h's text, the settings, another version of the file) reads it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SourceDocument } from '../../../src-core/language/document';
import { defaultSettings, type ProjectSettings } from '../../../src-core/language/settings';
import type { CheckContext } from '../../../src-core/language/service';
import { ascConfigHeaderService, nxUserHeaderService } from '../../../src-core/config/services/config-services';
import { loadConfig, loadNxUser } from '../../../src-core/config/services/load';
import { goodNxUser, rtosBaseHeader } from './fixtures';

const HEADER = '/ws/app/inc/configs/RTOS_BASE/asc_config.h';

function context(files: Record<string, string>, settings: Partial<ProjectSettings> = {}): CheckContext {
  return { settings: { ...defaultSettings, ...settings }, workspaceRoot: '/ws', files: { readText: (p) => files[p], exists: (p) => p in files } };
}

test('the check, hover and symbols of one document share one read', () => {
  const files = { '/ws/nx_user.h': goodNxUser };
  const doc = new SourceDocument(HEADER, rtosBaseHeader);
  ascConfigHeaderService.validate(doc, context(files));
  const read = loadConfig(doc, context(files)).config;
  const line = rtosBaseHeader.split('\n').findIndex((l) => l.includes('ASC_HIGH_PRIORITY_INTERVAL'));
  assert.ok(ascConfigHeaderService.hover!(doc, { line, character: 12 }, context(files)));
  ascConfigHeaderService.symbols!(doc, context(files));
  assert.equal(loadConfig(doc, context(files)).config, read, 'read again');
  // Another document of the same text (another buffer version) is read for itself.
  assert.notEqual(loadConfig(new SourceDocument(HEADER, rtosBaseHeader), context(files)).config, read);
});

test('a change of nx_user.h\'s text or of the settings reads the document again', () => {
  const files: Record<string, string> = { '/ws/nx_user.h': goodNxUser };
  const doc = new SourceDocument(HEADER, rtosBaseHeader);
  assert.ok(!ascConfigHeaderService.validate(doc, context(files)).some((d) => d.code === 'MA109'));
  const read = loadConfig(doc, context(files)).config;
  files['/ws/nx_user.h'] = '#define NXD_MQTT_CLOUD_ENABLE\n';
  assert.ok(ascConfigHeaderService.validate(doc, context(files)).some((d) => d.code === 'MA109'), 'the new nx_user.h was not read');
  assert.notEqual(loadConfig(doc, context(files)).config, read);
  const again = loadConfig(doc, context(files)).config;
  assert.equal(loadConfig(doc, context(files)).config, again);
  assert.notEqual(loadConfig(doc, context(files, { distribution: 'L4_BASE' })).config, again);
  assert.equal(loadConfig(doc, context(files, { distribution: 'L4_BASE' })).config.distribution, 'L4_BASE');
  assert.notEqual(loadConfig(doc, context(files, { limits: { statements: 1000 } })).config, again);
});

test('hover on a word that is not an option does not read the file; nx_user.h is read once too', () => {
  const doc = new SourceDocument(HEADER, '#define ASC_HIGH_PRIORITY_INTERVAL 10\nstatic int x;\n');
  let reads = 0;
  const ctx: CheckContext = { ...context({}), files: { readText: () => (reads++, undefined), exists: () => false } };
  assert.equal(ascConfigHeaderService.hover!(doc, { line: 1, character: 8 }, ctx), undefined);
  assert.equal(reads, 0);
  const nx = new SourceDocument('/ws/nx_user.h', '#define NX_DISABLE_IPV6\n');
  nxUserHeaderService.validate(nx, context({}));
  assert.equal(loadNxUser(nx, context({})), loadNxUser(nx, context({})));
});
