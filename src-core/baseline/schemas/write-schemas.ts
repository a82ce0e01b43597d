// Writes schemas/*.json from the schema objects (run: npx tsx src-core/baseline/schemas/write-schemas.ts).
// A unit test fails when the files on disk and the objects drift apart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFiles } from './schema-files';

const root = join(__dirname, '..', '..', '..', 'schemas');
for (const [name, schema] of Object.entries(schemaFiles())) {
  writeFileSync(join(root, name), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote schemas/${name}`);
}
