// Writes docs/report.schema.json from the report's zod schema (src-main/features/reports/contract.ts),
// the one definition of the document: `node --import tsx scripts/report-schema.ts`. Formatted by
// prettier like every file of the repository. test/reports/schema.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { reportJsonSchemaText } from '../src-main/features/reports/json';

const file = fileURLToPath(new URL('../docs/report.schema.json', import.meta.url));
writeFileSync(file, await format(reportJsonSchemaText(), { parser: 'json', printWidth: 120 }));
process.stdout.write(`wrote ${file}\n`);
