import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { locate, type PositionIndex } from '../load/yaml-source.ts';
import { problem, type Problem } from '../problems.ts';
import { RECORD_KINDS, readSchema, type RecordKind } from '../schema-types.ts';
import { fieldLabel } from './field-label.ts';

// ajv-formats ships CommonJS; under ESM its function sits on .default.
type AddFormats = (ajv: Ajv2020, formats: string[]) => void;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

let validators: Map<RecordKind, ValidateFunction> | undefined;

/** Compiles every schema once per process (cross-schema $refs need them all in one Ajv). */
function compiled(): Map<RecordKind, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  addFormats(ajv, ['email']);
  const schemas = RECORD_KINDS.map((kind) => [kind, readSchema(kind)] as const);
  for (const [, schema] of schemas) ajv.addSchema(schema);
  validators = new Map(schemas.map(([kind, schema]) => [kind, ajv.getSchema(schema.$id)!]));
  return validators;
}

/** Validates parsed data against its schema; every problem carries the line of the offending field. */
export function validateRecord(kind: RecordKind, data: unknown, positions: PositionIndex, file: string): Problem[] {
  const validate = compiled().get(kind)!;
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
