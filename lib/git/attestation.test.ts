import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attestationOf, attestationProblems } from './attestation.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../tests/fixtures/attestations', `${name}.yaml`), 'utf8');
const problems = (name: string) => attestationProblems(`records/pengesahan/${name}.yaml`, fixture(name)).map((p) => `${p.code} ${p.pointer ?? `line ${p.line}`}`);
const by = { id: 'hendra', name: 'Hendra', email: 'hendra@kab.go.id', role: 'kasi' as const };

describe('attestation files', () => {
  it('reads the listed versions of a valid one', () => {
    expect(problems('valid')).toEqual([]);
    const a = attestationOf('records/pengesahan/valid.yaml', fixture('valid'), { commit: 'c', date: 'd', by, signature: 'ssh' });
    expect([...a!.versions]).toEqual([['records/rounds/2026/08/2026-08-26-ruang-server-utama-pagi.yaml', '3b18e512dba79e4c8300dd08aeb37f8e728d8dad']]);
  });

  it('names each bad entry (a cut blob id, a file that is not a record) and attests only the good ones', () => {
    expect(problems('bad-entries')).toEqual([
      'attestation-blob /versions/records~1rounds~12026~108~12026-08-26-ruang-server-utama-pagi.yaml',
      'attestation-path /versions/records~1config.yaml',
    ]);
    expect(attestationOf('x', fixture('bad-entries'), { commit: 'c', date: 'd', by, signature: 'ssh' })!.versions.size).toBe(0);
  });

  it('names missing or malformed fields, and YAML it cannot read', () => {
    expect(problems('no-statement')).toEqual(['attestation-shape /date', 'attestation-shape /statement', 'attestation-shape /versions']);
    expect(problems('broken-yaml')[0]).toMatch(/^yaml-/);
  });
});
