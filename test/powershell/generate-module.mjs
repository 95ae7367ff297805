#!/usr/bin/env node
// Writes the admin module of a schema file into a folder, with the kit's own generator
// (dist/generator, so `npm run build` first): node generate-module.mjs <schema.json> <outDir>.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [schemaFile, outDir] = process.argv.slice(2);
if (!schemaFile || !outDir) {
  console.error('usage: node generate-module.mjs <schema.json> <outDir>');
  process.exit(2);
}
const kit = join(fileURLToPath(import.meta.url), '..', '..', '..');
// The generator's one door (docs/layers.md).
const { checkSchema, writeAdminModule } = await import(join(kit, 'dist', 'generator', 'index.js'));
const schema = checkSchema(JSON.parse(readFileSync(schemaFile, 'utf8')));
for (const path of writeAdminModule(schema, outDir)) console.log(path);
