import type { Problem } from '../problems.ts';
import type { RecordFileKind } from '../paths.ts';
import type { RecordKind } from '../schema-types.ts';
import { validateRecord } from '../validate/schemas.ts';
import { parseMaintenanceSource } from './maintenance-source.ts';
import { parseYamlSource, type PositionIndex, type YamlSource } from './yaml-source.ts';

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
    const problems = validate(kind, source, path);
    return { data: problems.length ? null : source.data, problems, body: source.body, bodyLine: source.bodyLine };
  }
  const source = parseYamlSource(bytes, path);
  if ('problems' in source) return { data: null, problems: source.problems };
  const problems = validate(kind, source, path);
  return { data: problems.length ? null : source.data, problems };
}

const NO_POSITIONS: PositionIndex = Object.freeze({});

/**
 * Schema validation reads positions only to place its problems, and reading them may run the exact YAML
 * parse (yaml-source.ts): validate without them first, and again with them only if something failed.
 */
function validate(kind: RecordKind, source: YamlSource, path: string): Problem[] {
  const problems = validateRecord(kind, source.data, NO_POSITIONS, path);
  return problems.length === 0 ? problems : validateRecord(kind, source.data, source.positions, path);
}
