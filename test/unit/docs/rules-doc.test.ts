import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCodes } from '../../../src-core/catalogue/codes';
import { renderRulesMarkdown, renderRulesTable } from '../../../src-core/docs/rules-markdown';

test('docs/rules.md is the catalogue rendered (run npm run docs after changing a code)', () => {
  const committed = readFileSync(join(__dirname, '../../../docs/rules.md'), 'utf8');
  assert.equal(committed, renderRulesMarkdown());
});

test('README.md carries the current rule table between its markers (run npm run docs)', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const start = readme.indexOf('<!-- rules:start -->\n');
  const end = readme.indexOf('\n<!-- rules:end -->');
  assert.ok(start >= 0 && end > start, 'README.md lacks the rules markers');
  assert.equal(readme.slice(start + '<!-- rules:start -->\n'.length, end), renderRulesTable());
});

test('rule codes are unique, well formed and documented with an example', () => {
  const seen = new Set<string>();
  for (const r of ruleCodes) {
    assert.match(r.code, /^MA[0-4]\d\d$/, `bad code ${r.code}`);
    assert.ok(!seen.has(r.code), `duplicate code ${r.code}`);
    seen.add(r.code);
    assert.ok(r.title.length > 3 && r.description.length > 10 && r.example.length > 0, `${r.code} lacks docs`);
  }
});
