// Writes schemas/*.json and schemas/editor/*.json from the schema objects (run: npx tsx
// src-core/baseline/schemas/write-schemas.ts). A unit test fails when the files on disk and the objects drift apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allSchemaFiles } from './schema-files';

const root = join(__dirname, '..', '..', '..', 'schemas');
for (const [name, schema] of Object.entries(allSchemaFiles())) {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote schemas/${name}`);
}
