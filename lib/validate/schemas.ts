import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { locate, type PositionIndex } from '../load/yaml-source.ts';
import { problem, type Problem } from '../problems.ts';
import type { RecordKind } from '../schema-types.ts';
import { fieldLabel } from './field-label.ts';

// ajv and ajv-formats are CommonJS, required on first validation: a command answered from the cache
// (a warm check) never loads them (≈40 ms of start-up).
type AddFormats = (ajv: Ajv2020, formats: string[]) => void;
const require = createRequire(import.meta.url);
const loadAjv = () => {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as { Ajv2020: new (opts: object) => Ajv2020 };
  const formats = require('ajv-formats') as AddFormats | { default: AddFormats };
  return { Ajv, addFormats: typeof formats === 'function' ? formats : formats.default };
};

const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);
let ajv: Ajv2020 | undefined;
const schemaIds = new Map<RecordKind, string>();
const validators = new Map<RecordKind, ValidateFunction>();

/**
 * Compiles a kind's schema on first use, once per process. All schemas sit in one Ajv (cross-schema
 * $refs), but only the kinds actually validated are compiled: checking one new round compiles the
 * round schema alone. The schemas themselves are checked against the 2020-12 meta-schema by the test
 * suite (lib/demo/generate-rounds.test.ts adds them to a validating Ajv), not again on every run.
 */
function compiled(kind: RecordKind): ValidateFunction {
  const hit = validators.get(kind);
  if (hit) return hit;
  if (!ajv) {
    const { Ajv, addFormats } = loadAjv();
    ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, validateSchema: false });
    addFormats(ajv, ['email']);
    // Every schema of the folder (cross-schema $refs), read here rather than through schema-types.ts,
    // whose type generator (json-schema-to-typescript) would add ≈70 ms to every command's start-up.
    for (const name of readdirSync(SCHEMAS_DIR).filter((n) => n.endsWith('.schema.json'))) {
      const schema = JSON.parse(readFileSync(new URL(name, SCHEMAS_DIR), 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      schemaIds.set(name.slice(0, -'.schema.json'.length) as RecordKind, schema.$id);
    }
  }
  const validate = ajv.getSchema(schemaIds.get(kind)!)!;
  validators.set(kind, validate);
  return validate;
}

/** Validates parsed data against its schema; every problem carries the line of the offending field. */
export function validateRecord(kind: RecordKind, data: unknown, positions: PositionIndex, file: string): Problem[] {
  const validate = compiled(kind);
  if (validate(data)) return [];
  return dropNoise(validate.errors ?? []).map((err) => toProblem(err, data, positions, file));
}

function toProblem(err: ErrorObject, data: unknown, positions: PositionIndex, file: string): Problem {
  const pointer = err.instancePath;
  const field = fieldLabel(pointer, data);
  const hint = (err.parentSchema as { description?: string } | undefined)?.description ?? '';
  const at = locate(positions, pointer);
  switch (err.keyword) {
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      return problem(file, at, 'missing-field', { field: joinField(field, missing), hint: propertyHint(err, missing) });
    }
    case 'additionalProperties': {
      const extra = (err.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((err.parentSchema as { properties?: object }).properties ?? {}).join(', ');
      return problem(file, locate(positions, `${pointer}/${extra}`), 'unknown-field', { field: joinField(field, extra), allowed });
    }
    case 'type':
      if (err.data === null || err.data === undefined) return problem(file, at, 'not-filled', { field, hint });
      return problem(file, at, 'wrong-type', { field, expected: String((err.params as { type: string }).type), actual: describeValue(err.data), hint });
    case 'enum':
      return problem(file, at, 'not-in-list', { field, value: describeValue(err.data), allowed: (err.params as { allowedValues: unknown[] }).allowedValues.join(', ') });
    case 'const':
      return problem(file, at, 'wrong-value', { field, value: describeValue(err.data), expected: String((err.params as { allowedValue: unknown }).allowedValue) });
    case 'pattern':
    case 'format':
      return problem(file, at, 'bad-format', { field, value: describeValue(err.data), hint });
    case 'minimum':
    case 'exclusiveMinimum':
      return problem(file, at, 'below-minimum', { field, value: describeValue(err.data), limit: (err.params as { limit: number }).limit, hint });
    case 'maximum':
    case 'exclusiveMaximum':
      return problem(file, at, 'above-maximum', { field, value: describeValue(err.data), limit: (err.params as { limit: number }).limit, hint });
    case 'minItems':
      return problem(file, at, 'empty-list', { field, hint });
    case 'minLength':
      return problem(file, at, 'empty-text', { field, hint });
    case 'maxLength':
      return problem(file, at, 'text-too-long', { field, limit: (err.params as { limit: number }).limit });
    case 'uniqueItems':
      return problem(file, at, 'duplicate-items', { field });
    default:
      return problem(file, at, 'schema-other', { field, detail: err.message ?? err.keyword, hint });
  }
}

/**
 * With allErrors ajv also reports the wrapper keywords (propertyNames, if/then) around a real failure,
 * and a null value fails type before anything else; keep the errors a person can act on.
 */
function dropNoise(errors: ErrorObject[]): ErrorObject[] {
  const nullPaths = new Set(errors.filter((e) => e.keyword === 'type' && e.data === null).map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === 'propertyNames' || e.keyword === 'if') return false;
    if (nullPaths.has(e.instancePath) && e.keyword !== 'type') return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function propertyHint(err: ErrorObject, name: string): string {
  const props = (err.parentSchema as { properties?: Record<string, { description?: string }> }).properties;
  return props?.[name]?.description ?? '';
}

const joinField = (parent: string, child: string) => (parent === '(berkas)' ? child : `${parent} › ${child}`);

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return 'daftar';
  if (v && typeof v === 'object') return 'objek';
  return String(v);
}
