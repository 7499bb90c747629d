// Generates lib/types.generated.ts from schemas/*.json so record types are never written twice.
// A test (lib/types.test.ts) fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { renderRecordTypes, GENERATED_TYPES_PATH } from '../lib/schema-types.ts';

writeFileSync(GENERATED_TYPES_PATH, await renderRecordTypes());
console.log(`ditulis: ${GENERATED_TYPES_PATH}`);
