import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPublicKeys } from '../demo/demo-history.ts';
import { checkAllowedSigners, parseAllowedSigners } from './allowed-signers.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../tests/fixtures/allowed-signers', `${name}.txt`), 'utf8');
const HENDRA = 'hendra.kurniawan@lumajangkab.go.id';
const ctx = (demo: boolean) => ({ demo, demoKeys: demoPublicKeys(), staffEmails: [HENDRA] });
const codes = (text: string, demo = false) => checkAllowedSigners(text, ctx(demo)).map((p) => `${p.line}:${p.severity}:${p.code}`);

describe('records/allowed_signers', () => {
  it('reads principals and the key, past comments and options', () => {
    const { signers, problems } = parseAllowedSigners(fixture('with-options'));
    expect(problems).toEqual([]);
    expect(signers).toEqual([{ line: 1, principals: [HENDRA], key: expect.stringMatching(/^ssh-ed25519 AAAA\S+$/) }]);
  });

  it('names the line git could not read, with the expected format in the fix', () => {
    expect(codes(fixture('missing-key-type'))).toEqual(['2:error:signers-line-invalid']);
    expect(codes(fixture('broken-key'))).toEqual(['1:error:signers-line-invalid']);
  });

  it('refuses a DEMO key outside the demo, accepts it in the demo', () => {
    expect(codes(fixture('demo-key'), false)).toEqual(['2:error:signers-demo-key']);
    expect(codes(fixture('demo-key'), true)).toEqual([]);
  });

  it('knows the project records list the DEMO key (the demo archive ships it)', () => {
    const project = readFileSync(join(import.meta.dirname, '../../records/allowed_signers'), 'utf8');
    expect(parseAllowedSigners(project).signers.map((s) => s.key)).toEqual(demoPublicKeys());
  });

  it('refuses a cert-authority line (its holder could issue a certificate in the kasi\'s name), and git never sees it', async () => {
    expect(codes(fixture('cert-authority'))).toEqual(['1:error:signers-cert-authority']);
    const { withoutCertificateAuthorities } = await import('../git/signatures.ts');
    expect(withoutCertificateAuthorities(`${fixture('with-options')}${fixture('cert-authority')}`)).toBe(`${fixture('with-options')}`);
  });

  it('warns about a principal who is not on the staff list (that key can never approve)', () => {
    expect(codes(fixture('unknown-principal'))).toEqual(['1:warning:signers-unknown-principal']);
  });
});
