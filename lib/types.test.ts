import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPES_PATH, renderRecordTypes } from './schema-types.ts';

describe('generated record types', () => {
  it('match the schemas (run `npm run types` after editing schemas/)', async () => {
    expect(readFileSync(GENERATED_TYPES_PATH, 'utf8')).toBe(await renderRecordTypes());
  });
});
