import type { Problem } from '../problems.ts';
import type { RecordFileKind } from '../paths.ts';
import { validateRecord } from '../validate/schemas.ts';
import { parseMaintenanceSource } from './maintenance-source.ts';
import { parseYamlSource } from './yaml-source.ts';

/** What parsing one file yields, and what the cache keeps of it. */
export interface ParsedRecord {
  /** Parsed, schema-valid data; null when the file has problems of its own. */
  data: unknown;
  problems: Problem[];
  body?: string;
  bodyLine?: number;
}

/**
 * Parses and schema-validates one file. Pure and synchronous, so it runs the same on the main
 * thread and in the parse workers (parse-pool.ts).
 */
export function parseRecordFile(kind: RecordFileKind, bytes: Uint8Array, path: string): ParsedRecord {
  if (kind === 'maintenance') {
    const source = parseMaintenanceSource(bytes, path);
    if ('problems' in source) return { data: null, problems: source.problems };
    const problems = validateRecord(kind, source.data, source.positions, path);
    return { data: problems.length ? null : source.data, problems, body: source.body, bodyLine: source.bodyLine };
  }
  const source = parseYamlSource(bytes, path);
  if ('problems' in source) return { data: null, problems: source.problems };
  const problems = validateRecord(kind, source.data, source.positions, path);
  return { data: problems.length ? null : source.data, problems };
}
