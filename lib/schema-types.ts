import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const GENERATED_TYPES_PATH = fileURLToPath(new URL('./types.generated.ts', import.meta.url));

export const RECORD_KINDS = ['config', 'checklists', 'room', 'round', 'maintenance'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export function readSchema(kind: RecordKind): JSONSchema & { $id: string } {
  return JSON.parse(readFileSync(`${SCHEMAS_DIR}${kind}.schema.json`, 'utf8'));
}

const TYPE_NAMES: Record<RecordKind, string> = {
  config: 'ConfigRecord',
  checklists: 'ChecklistsRecord',
  room: 'RoomRecord',
  round: 'RoundRecord',
  maintenance: 'MaintenanceFrontMatter',
};

/** Renders every schema into one TypeScript module; cross-schema $refs resolve from the schemas folder. */
export async function renderRecordTypes(): Promise<string> {
  const seen = new Set<string>();
  const parts: string[] = [
    '// Generated from schemas/*.json by `npm run types`. Do not edit by hand.\n',
  ];
  for (const kind of RECORD_KINDS) {
    const schema = readSchema(kind);
    // The $id is a URL; drop it so $refs resolve against the local folder instead of the network.
    const { $id: _id, ...local } = schema;
    const ts = await compile({ ...local, title: TYPE_NAMES[kind] } as JSONSchema, TYPE_NAMES[kind], {
      cwd: SCHEMAS_DIR,
      bannerComment: '',
      additionalProperties: false,
      declareExternallyReferenced: true,
      unreachableDefinitions: false,
      strictIndexSignatures: true,
      // minItems as tuple types ([T, ...T[]]) make every builder fight the compiler; ajv enforces them.
      ignoreMinAndMaxItems: true,
      style: { singleQuote: true },
    });
    parts.push(`// --- ${kind}.schema.json ---\n${dropRepeatedDeclarations(ts, seen)}`);
  }
  return parts.join('\n');
}

/** Schemas share $defs (bands, ids, amendments); keep the first declaration of each name only. */
function dropRepeatedDeclarations(ts: string, seen: Set<string>): string {
  const blocks = ts.split(/\n(?=(?:\/\*\*[\s\S]*?\*\/\n)?export )/);
  return blocks
    .filter((block) => {
      const name = /export (?:interface|type) (\w+)/.exec(block)?.[1];
      if (!name) return true;
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    })
    .join('\n');
}
