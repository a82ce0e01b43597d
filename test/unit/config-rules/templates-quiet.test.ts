// The shipped-shape files the templates (config/templates.ts) generate for every distribution give no diagnostics
// but MA114's information on the UDP page limit (the shipped 64/64 caches; RTOS_BASE_UT's 4/4 fit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateAscConfigHeader, generateDist, type TemplateValue } from '../../../src-core/config/templates';
import { resolveAgentConfig } from '../../../src-core/config/resolve-agent-config';
import { runConfigRules } from '../../../src-core/config/rules';
import { readConfig } from '../../../src-core/config/read-config';
import { SourceDocument } from '../../../src-core/language/document';
import { catalogueDefaults } from '../../../src-core/config/services/load';
import { goodNxUser, nxUser, withoutUdpNote } from './fixtures';

for (const dist of ['RTOS_BASE', 'L4_BASE', 'RTOS_BASE_UT'] as const) {
  test(`the generated ${dist}.dist and its asc_config.h are quiet and resolve alike`, () => {
    const nx = nxUser(goodNxUser);
    const distDoc = new SourceDocument(`/p/configs/${dist}.dist`, generateDist(dist));
    const distConfig = readConfig(distDoc, { baseDefaults: catalogueDefaults });
    assert.deepEqual(withoutUdpNote([...distConfig.problems, ...runConfigRules(distConfig, nx)]), []);
    const resolved = resolveAgentConfig(distConfig, nx);
    const values: Record<string, TemplateValue> = {};
    for (const [k, v] of resolved.values) values[k] = v;
    const headerDoc = new SourceDocument(`/p/inc/configs/${dist}/asc_config.h`, generateAscConfigHeader({ distribution: dist, values }));
    const headerConfig = readConfig(headerDoc, { nxUser: nx });
    assert.deepEqual(withoutUdpNote([...headerConfig.problems, ...runConfigRules(headerConfig, nx)]), []);
    assert.deepEqual(resolveAgentConfig(headerConfig, nx).agent, resolved.agent);
  });
}
