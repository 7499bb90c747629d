/**
 * Carrying an archive kept before signatures over: the kasi runs `npm run attest`, signs the attestation
 * with his key in the commit that also lists it (the trust anchor), and the old rounds read as approved
 * through it, in `npm run audit` as on the site.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-script.ts';
import { signerLine, sshKey, sshSigning } from '../helpers/signing.ts';

const dir = mkdtempSync(join(tmpdir(), 'ronda-attest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const repo = join(dir, 'arsip');
const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } as Record<string, string>;
const budi = ['-c', 'user.name=Budi', '-c', 'user.email=budi@kab.go.id'];
const hendra = ['-c', 'user.name=Hendra', '-c', 'user.email=hendra@kab.go.id'];
const git = (args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
const write = (p: string, text: string) => {
  mkdirSync(dirname(join(repo, p)), { recursive: true });
  writeFileSync(join(repo, p), text);
};
const R1 = 'records/rounds/2026/08/2026-08-26-ruang-server-utama-pagi.yaml';
const R2 = 'records/rounds/2026/08/2026-08-26-ruang-server-utama-sore.yaml';
const attest = (...args: string[]) => runScript('attest', args, repo, { env });

describe('npm run attest', () => {
  it('lists the rounds no signature approved; signed in the anchor, they read approved through it', () => {
    mkdirSync(repo);
    git(['init', '-q', '-b', 'main']);
    write('records/config.yaml', 'staff:\n  - { id: budi, name: Budi, email: budi@kab.go.id, role: admin }\n  - { id: hendra, name: Hendra, email: hendra@kab.go.id, role: kasi }\n');
    git(['add', '-A']);
    git([...hendra, 'commit', '-q', '-m', 'Staf']);
    for (const [branch, path] of [['pagi', R1], ['sore', R2]] as const) {
      git(['checkout', '-q', '-b', branch]);
      write(path, `officer: budi\nshift: ${branch}\n`);
      git(['add', '-A']);
      git([...budi, 'commit', '-q', '-m', `Ronde ${branch}`]);
      git(['checkout', '-q', 'main']);
      git([...hendra, 'merge', '-q', '--no-ff', '-m', `Merge ${branch}\n\nApproved-by: Hendra`, branch]);
    }

    const made = attest('--date', '2026-12-01');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toContain('Pengesahan ditulis: records/pengesahan/2026-12-01.yaml (2 versi berkas)');
    expect(made.out).toContain('commit ini menjadi jangkar kepercayaan');
    const file = readFileSync(join(repo, 'records/pengesahan/2026-12-01.yaml'), 'utf8');
    expect(file).toContain(`${R1}: ${git(['rev-parse', `HEAD:${R1}`])}`);
    expect(attest('--date', '2026-12-01')).toMatchObject({ code: 1, err: expect.stringContaining('sudah ada') });

    const key = sshKey(dir, 'hendra');
    write('records/allowed_signers', signerLine('hendra@kab.go.id', key));
    git(['add', '-A']);
    git([...hendra, ...sshSigning(key), 'commit', '-q', '-S', '-m', 'Kunci Kasi dan pengesahan arsip lama']);

    const audit = runScript('audit', [R1, '--json'], repo, { env });
    expect(audit.code, audit.err).toBe(0);
    expect(JSON.parse(audit.out)).toMatchObject({ approval: 'approved', approved_by: 'hendra', via: 'attestation', attestation: 'records/pengesahan/2026-12-01.yaml', signature: 'ssh' });
    expect(runScript('audit', [R2], repo, { env }).out).toContain('melalui pengesahan records/pengesahan/2026-12-01.yaml');
    expect(attest('--date', '2026-12-02').out).toContain('Tidak ada yang perlu disahkan');
  });
});
