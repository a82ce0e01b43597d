// Documentation that travels (issue 8, item 7): docs/agent-facts.md is the project's own account of the agent
// facts it relies on, each with its public source; every section the catalogue, the messages and the docs cite
// has its anchor there; the user-facing citations name it (not a document the user cannot open, nor a path on a
// build machine); and the VSIX carries the rule pages and every page they link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCodes } from '../../../src-core/catalogue/codes';
import { optionCatalogue } from '../../../src-core/catalogue/options';
import { factsAnchor, factsLinks, factsSections } from '../../../src-core/docs/facts';
import { renderRulesMarkdown } from '../../../src-core/docs/rules-markdown';
import { renderConfigCodes, renderOptionsTable } from '../../../src-core/catalogue/options-doc';
import { schemaFiles } from '../../../src-core/baseline/schemas/schema-files';

const repo = join(__dirname, '..', '..', '..');
const facts = readFileSync(join(repo, 'docs', 'agent-facts.md'), 'utf8');
const anchors = new Set([...facts.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
/** A path on a build machine, or the internal reference the project was written from. */
const UNREACHABLE = /\/work\/|\.\.\/shared|reference\/micro-agent|reference §/;

test('every section the catalogue cites has its anchor in docs/agent-facts.md', () => {
  const cited = new Set<string>();
  for (const r of ruleCodes) for (const s of factsSections(`${r.source ?? ''} ${r.description}`)) cited.add(s);
  for (const o of optionCatalogue) for (const s of factsSections(`${o.source.section} ${o.meaning}`)) cited.add(s);
  assert.ok(cited.size > 10);
  for (const s of cited) assert.ok(anchors.has(factsAnchor(`§${s}`)), `§${s} has no anchor in docs/agent-facts.md`);
});

test('every section cited anywhere in src-core, server and docs exists in docs/agent-facts.md', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|md)$/.test(n)) files.push(p);
    }
  };
  for (const d of ['src-core', 'server', 'docs']) walk(join(repo, d));
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/§(\d+(?:\.\d+)?)(?!\.\d)/g)) {
      assert.ok(anchors.has(factsAnchor(`§${m[1]}`)), `${f.slice(repo.length + 1)} cites §${m[1]}, which docs/agent-facts.md lacks`);
    }
  }
});

test('each section of docs/agent-facts.md names a public source (or says it was measured, and how)', () => {
  const parts = facts.split(/<a id="s[\d-]+"><\/a>\n/).slice(1);
  assert.ok(parts.length >= 30);
  for (const part of parts) {
    const heading = part.split('\n')[0];
    const body = part.split('\n').slice(1).join('\n');
    if (body.trim() === '') continue; // a chapter heading: its sections follow
    assert.match(body, /ASM\/|CORE\/|\bNX\b|DOC-|SPEC-|netxduo|azure-docs|SDK|\(measured\)|configuration\.md/, `${heading} names no source`);
  }
  // The sources are fixed commits of public repositories, and Microsoft Learn pages by their azure-docs path.
  assert.match(facts, /eclipse-threadx\/netxduo.*\n?.*94ccd95ef0912c0f349b92df78318f973da90394/);
  assert.match(facts, /MicrosoftDocs\/azure-docs/);
  assert.match(facts, /device-builders\/how-to-azure-rtos-security-module\.md.*014bcff1b6be45da9d913bb24e2aa4d1d823fee5/);
  assert.doesNotMatch(facts, UNREACHABLE);
});

test('the user-facing citations name docs/agent-facts.md, not the internal reference', () => {
  for (const r of ruleCodes) {
    assert.doesNotMatch(`${r.description} ${r.source ?? ''}`, UNREACHABLE, r.code);
    if (r.source) assert.match(r.source, /^§\d/, `${r.code}: a source is a list of agent-facts sections`);
  }
  for (const o of optionCatalogue) assert.doesNotMatch(`${o.meaning} ${o.source.section}`, UNREACHABLE, o.name);
  const rules = renderRulesMarkdown();
  assert.match(rules, /Source: \[agent facts\]\(agent-facts\.md\) \[§1\.2\]\(agent-facts\.md#s1-2\), \[§1\.6\]\(agent-facts\.md#s1-6\)/);
  for (const page of [rules, renderConfigCodes(), renderOptionsTable(), JSON.stringify(schemaFiles())]) assert.doesNotMatch(page, UNREACHABLE);
  assert.equal(factsLinks('§1.3 rule 11'), '[§1.3](agent-facts.md#s1-3) rule 11');
});

test('docs this project owns name no build-machine path and no unreachable document', () => {
  for (const f of ['agent-facts.md', 'rules.md', 'configuration.md', 'config-readers.md', 'baselines.md', 'traffic.md', 'server.md', 'testing.md']) {
    assert.doesNotMatch(readFileSync(join(repo, 'docs', f), 'utf8'), UNREACHABLE, f);
  }
});

test('the VSIX carries docs/rules.md, docs/agent-facts.md and every page they link', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { listFiles } = require('@vscode/vsce') as { listFiles(o: { cwd: string; packageManager: string }): Promise<string[]> };
  const shipped = new Set(await listFiles({ cwd: repo, packageManager: 'none' }));
  const pages = ['docs/rules.md', 'docs/agent-facts.md'];
  for (let i = 0; i < pages.length; i++) {
    assert.ok(shipped.has(pages[i]), `${pages[i]} is in the VSIX`);
    for (const m of readFileSync(join(repo, pages[i]), 'utf8').matchAll(/\]\(([a-z0-9-]+\.md)(?:#[^)]*)?\)/g)) {
      const linked = `docs/${m[1]}`;
      if (!pages.includes(linked)) pages.push(linked);
    }
  }
  assert.ok(pages.length >= 3);
});
