// docs/configuration.md carries the option table and the MA1xx codes exactly as the catalogue renders them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigCodes, renderOptionsTable } from '../../../src-core/catalogue/options-doc';
import { configCodes } from '../../../src-core/catalogue/codes-config';
import { optionCatalogue } from '../../../src-core/catalogue/options';

const page = readFileSync(join(__dirname, '../../../docs/configuration.md'), 'utf8');
const section = (tag: string) => page.split(`<!-- generated:${tag} -->\n`)[1]?.split(`<!-- /generated:${tag} -->`)[0];

test('the options table in docs/configuration.md is the catalogue\'s rendering', () => {
  assert.equal(section('options'), renderOptionsTable());
});

test('every MA1xx code is documented with an example', () => {
  assert.equal(section('codes'), renderConfigCodes());
  for (const c of configCodes) {
    assert.match(c.code, /^MA1\d\d$/);
    assert.ok(c.example.length > 0 && c.description.length > 0, c.code);
  }
  assert.equal(new Set(configCodes.map((c) => c.code)).size, configCodes.length, 'codes are unique');
});

test('the catalogue has unique names and a meaning and source for every option', () => {
  assert.equal(new Set(optionCatalogue.map((o) => o.name)).size, optionCatalogue.length);
  for (const o of optionCatalogue) assert.ok(o.meaning && o.source.files.length > 0, o.name);
});
