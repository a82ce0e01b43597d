import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allSchemaFiles, schemaFiles } from '../../../src-core/baseline/schemas/schema-files';
import { ruleTypes, ruleTypesOfKind } from '../../../src-core/baseline/rule-types';

const root = join(__dirname, '..', '..', '..');

test('schemas/*.json and schemas/editor/*.json are exactly what the schema modules build (regenerate with write-schemas.ts)', () => {
  for (const [name, schema] of Object.entries(allSchemaFiles())) {
    const onDisk = JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(schema)), `schemas/${name} is stale`);
  }
});

test('every rule type of the reference is in the schema with its display name as enum description', () => {
  const s = schemaFiles()['baseline.schema.json'] as { definitions: Record<string, { properties: { ruleType: { enum: string[]; enumDescriptions: string[] } } }> };
  const tw = s.definitions.timeWindowRule.properties.ruleType;
  assert.equal(tw.enum.length, 16);
  assert.deepEqual(tw.enum, ruleTypesOfKind('timeWindow').map((r) => r.ruleType));
  assert.ok(tw.enumDescriptions.every((d, i) => d.startsWith(ruleTypesOfKind('timeWindow')[i].displayName)));
  assert.deepEqual(s.definitions.allowlistRule.properties.ruleType.enum, ['ConnectionToIpNotAllowed', 'LocalUserNotAllowed', 'ProcessNotAllowed']);
  assert.equal(ruleTypes.length, 19);
});
