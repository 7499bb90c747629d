/**
 * Approval by signature, attacked the way an admin with push access would: real git repositories, real
 * ssh-keygen keys and signatures, a forge key made by gpg, forged authors, trailers and committer dates.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeKey, forgeSigning, signerLine, sshKey, sshSigning, type ForgeKey, type SshKey } from '../../tests/helpers/signing.ts';
import { recordTrail } from '../audit/record-trail.ts';
import { criteriaAt } from '../site-data/criteria.ts';
import { readHistory, TrustAnchorError } from './history.ts';

interface Person { id: string; name: string; email: string; role: 'admin' | 'kasi' }
const hendra: Person = { id: 'hendra', name: 'Hendra Kurniawan', email: 'hendra@lumajangkab.go.id', role: 'kasi' };
const budi: Person = { id: 'budi', name: 'Budi Santoso', email: 'budi@lumajangkab.go.id', role: 'admin' };
const dewi: Person = { id: 'dewi', name: 'Dewi Lestari', email: 'dewi@lumajangkab.go.id', role: 'kasi' };
const forgeBot = { name: 'Forgejo', email: 'noreply@forge.test' };

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const keysDir = mkdtempSync(join(tmpdir(), 'ronda-keys-'));
dirs.push(keysDir);
let kHendra: SshKey, kBudi: SshKey, kDewi: SshKey, forge: ForgeKey;
beforeAll(() => {
  kHendra = sshKey(keysDir, 'hendra');
  kBudi = sshKey(keysDir, 'budi');
  kDewi = sshKey(keysDir, 'dewi');
  forge = forgeKey(keysDir);
});

const R1 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml';
const R2 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-siang.yaml';
const config = (staff: Person[], extra = '') =>
  `timezone: Asia/Jakarta\n${extra}staff:\n${staff.map((s) => `  - { id: ${s.id}, name: ${s.name}, email: ${s.email}, role: ${s.role} }\n`).join('')}`;

/** A repository whose commits are made as given people, with or without signatures, at given times. */
class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), 'ronda-approval-'));
  private clock = Date.parse('2026-11-01T08:00:00+07:00');
  constructor() {
    dirs.push(this.dir);
    this.git(['init', '-q', '-b', 'main']);
  }
  git(args: string[], who: { name: string; email: string } = budi, env: Record<string, string> = {}): string {
    const date = new Date((this.clock += 3_600_000)).toISOString();
    return execFileSync('git', ['-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`, ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...env },
    }).trim();
  }
  write(files: Record<string, string | null>): void {
    for (const [p, t] of Object.entries(files)) {
      if (t === null) this.git(['rm', '-q', p]);
      else {
        mkdirSync(dirname(join(this.dir, p)), { recursive: true });
        writeFileSync(join(this.dir, p), t);
        this.git(['add', p]);
      }
    }
  }
  commit(who: Person | { name: string; email: string }, msg: string, files: Record<string, string | null>, sign: string[] = [], env: Record<string, string> = {}): string {
    this.write(files);
    this.git([...sign, 'commit', '-q', ...(sign.length ? ['-S'] : []), '-m', msg], who, env);
    return this.git(['rev-parse', 'HEAD']);
  }
  /** Budi commits `files` on `branch`; `merger` merges it into main with --no-ff. */
  submitAndMerge(branch: string, files: Record<string, string | null>, merger: { name: string; email: string }, opts: { sign?: string[]; env?: Record<string, string>; message?: string[]; author?: string } = {}): string {
    this.git(['checkout', '-q', '-b', branch]);
    this.commit(budi, `Ronde ${branch}`, files);
    this.git(['checkout', '-q', 'main']);
    const sign = opts.sign ?? [];
    const msg = (opts.message ?? [`Merge ${branch}`]).flatMap((m) => ['-m', m]);
    this.git([...sign, 'merge', '-q', '--no-ff', ...(sign.length ? ['-S'] : []), ...msg, branch], merger, opts.env ?? {});
    if (opts.author) this.git([...sign, 'commit', '-q', '--amend', '--no-edit', ...(sign.length ? ['-S'] : []), '--author', opts.author], merger, opts.env ?? {});
    return this.git(['rev-parse', 'HEAD']);
  }
}

/** The usual start: Hendra (kasi) signs the commit that adds the keys and staff list: the trust anchor. */
function anchored(extraSigners = '', staff: Person[] = [budi, hendra]): Repo {
  const r = new Repo();
  r.commit(hendra, 'Kunci dan staf awal', {
    'records/allowed_signers': signerLine(hendra.email, kHendra) + signerLine(budi.email, kBudi) + extraSigners,
    'records/config.yaml': config(staff),
  }, sshSigning(kHendra));
  return r;
}

const approvalOf = async (repo: Repo, path = R1) => (await readHistory(repo.dir)).files.get(path)!.approval;

describe('forgeries an admin can make are not approvals', () => {
  it('an Approved-by trailer naming the kasi on a merge the admin made himself', async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, { message: ['Merge ronde/pagi', `Approved-by: ${hendra.name} <${hendra.email}>`] });
    expect(await approvalOf(r)).toMatchObject({ state: 'unapproved', signature: 'none', reason: 'unsigned' });
  });

  it("a pull request titled 'Approved-by: hendra' merged by another admin", async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, { message: ['Approved-by: hendra'] });
    expect(await approvalOf(r)).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
  });

  it("the merge's author e-mail spoofed as the kasi's, or user.email set to it", async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, { author: `${hendra.name} <${hendra.email}>` });
    r.submitAndMerge('ronde/siang', { [R2]: 'a: 2\n' }, hendra /* budi's machine, kasi's address */);
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
    expect(await approvalOf(r, R2)).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
  });

  it("the admin signs the merge with his own registered key, as the kasi's address", async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(kBudi) });
    expect(await approvalOf(r)).toMatchObject({ state: 'unapproved', signature: 'ssh', reason: 'signer-not-kasi' });
  });

  it('a signature by a key nobody registered is bad, not approved', async () => {
    const r = anchored();
    const stranger = sshKey(keysDir, `stranger-${Date.now()}`);
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(stranger) });
    expect(await approvalOf(r)).toMatchObject({ state: 'unapproved', signature: 'bad', reason: 'bad-signature' });
  });

  it('an admin makes himself kasi and adds his key; his merges stay unapproved, before and after', async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, { sign: sshSigning(kBudi) });
    r.submitAndMerge('staf', { 'records/config.yaml': config([{ ...budi, role: 'kasi' }, hendra]) }, budi, { sign: sshSigning(kBudi) });
    r.submitAndMerge('ronde/siang', { [R2]: 'a: 2\n' }, budi, { sign: sshSigning(kBudi) });
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', reason: 'signer-not-kasi' });
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'unapproved', reason: 'signer-not-kasi' });
    expect(h.files.get('records/config.yaml')!.approval.state).toBe('unapproved');
    expect(h.ignoredChanges.map((c) => c.path)).toEqual(['records/config.yaml']);
  });

  it('a merge signed by a key that was removed, backdated to before the removal, is refused', async () => {
    const r = anchored(signerLine(dewi.email, kDewi), [budi, hendra, dewi]);
    r.submitAndMerge('staf', { 'records/allowed_signers': signerLine(hendra.email, kHendra) + signerLine(budi.email, kBudi), 'records/config.yaml': config([budi, hendra]) }, hendra, { sign: sshSigning(kHendra) });
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, dewi, { sign: sshSigning(kDewi), env: { GIT_COMMITTER_DATE: '2026-10-01T08:00:00+07:00', GIT_AUTHOR_DATE: '2026-10-01T08:00:00+07:00' } });
    expect(await approvalOf(r)).toMatchObject({ state: 'unapproved', signature: 'bad' });
  });

  it('keys pushed straight to main without a signature never take effect', async () => {
    const r = anchored();
    r.commit(budi, 'kunci', { 'records/allowed_signers': signerLine(hendra.email, kBudi) + signerLine(budi.email, kBudi) });
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(kBudi) });
    const h = await readHistory(r.dir);
    // Judged with the keys before the push: Budi's key is Budi's, and he is no kasi.
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', signature: 'ssh', reason: 'signer-not-kasi' });
    expect(h.ignoredChanges.map((c) => c.path)).toEqual(['records/allowed_signers']);
  });
});

describe('real approvals', () => {
  it("a kasi's SSH-signed --no-ff merge is approved, naming the kasi and the key", async () => {
    const r = anchored();
    const merge = r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(kHendra) });
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'approved', signature: 'ssh', commit: merge, by: { id: 'hendra' } });
    expect(h.files.get(R1)!.approval.key).toMatch(/^SHA256:/);
    expect(h.anchor?.commit).toBe(h.mainline[0]);
  });

  it('a forge-signed two-parent merge authored by a kasi is approved; a squash or a merge by an admin is not', async () => {
    const r = anchored();
    r.submitAndMerge('keys', { 'records/forge-keys/forgejo.asc': forge.armored }, hendra, { sign: sshSigning(kHendra) });
    const f = forgeSigning(forge);
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, forgeBot, { sign: f.args, env: f.env, author: `${hendra.name} <${hendra.email}>` });
    r.commit(forgeBot, 'Ronde siang (#3)', { [R2]: 'a: 2\n' }, f.args, { ...f.env, GIT_AUTHOR_NAME: hendra.name, GIT_AUTHOR_EMAIL: hendra.email });
    const R3 = R2.replace('siang', 'malam');
    r.submitAndMerge('ronde/malam', { [R3]: 'a: 3\n' }, forgeBot, { sign: f.args, env: f.env, author: `${budi.name} <${budi.email}>` });
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'approved', signature: 'forge', by: { id: 'hendra' } });
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'unapproved', signature: 'forge', reason: 'squash-or-rebase' });
    expect(h.files.get(R3)!.approval).toMatchObject({ state: 'unapproved', signature: 'forge', reason: 'forge-author-not-kasi' });
  });

  it("a forge key nobody listed verifies nothing", async () => {
    const r = anchored();
    const f = forgeSigning(forge);
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, forgeBot, { sign: f.args, env: f.env, author: `${hendra.name} <${hendra.email}>` });
    expect(await approvalOf(r)).toMatchObject({ state: 'unapproved', signature: 'bad' });
  });

  it("a change of kasi keeps the old kasi's approvals and gives the new one hers from then on", async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(kHendra) });
    r.submitAndMerge('staf', {
      'records/allowed_signers': signerLine(budi.email, kBudi) + signerLine(dewi.email, kDewi),
      'records/config.yaml': config([budi, { ...hendra, role: 'admin' }, dewi]),
    }, hendra, { sign: sshSigning(kHendra) });
    r.submitAndMerge('ronde/siang', { [R2]: 'a: 2\n' }, dewi, { sign: sshSigning(kDewi) });
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'approved', by: { id: 'hendra' } });
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'approved', by: { id: 'dewi' } });
    expect(h.ignoredChanges).toEqual([]);
  });
});

describe('rules judged as they were', () => {
  const limits = (max: number) => `thresholds:\n  temperature_c:\n    normal: { min: 20, max: ${max} }\n`;
  const maxOf = (v: { thresholds: unknown } | null) => (v?.thresholds as { temperature_c: { normal: { max: number } } } | undefined)?.temperature_c.normal.max;

  it('a threshold relaxed straight on main never takes effect; one the kasi approves applies from its approval on', async () => {
    const r = new Repo();
    r.commit(hendra, 'Awal', { 'records/allowed_signers': signerLine(hendra.email, kHendra), 'records/config.yaml': config([budi, hendra], limits(25)) }, sshSigning(kHendra));
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(kHendra) });
    r.commit(budi, 'Longgarkan ambang', { 'records/config.yaml': config([budi, hendra], limits(30)) });
    let h = await readHistory(r.dir);
    expect(h.criteria.map(maxOf)).toEqual([25]);
    expect(h.ignoredChanges.map((c) => c.path)).toEqual(['records/config.yaml']);

    r.submitAndMerge('ambang', { 'records/config.yaml': config([budi, hendra], limits(27)) }, hendra, { sign: sshSigning(kHendra) });
    h = await readHistory(r.dir);
    expect(h.criteria.map(maxOf)).toEqual([25, 27]);
    // R1 was recorded before the change: still the old limit. A round after the approval: the new one.
    expect(maxOf(criteriaAt(h.criteria, '2026-11-01', '12:00'))).toBe(25);
    expect(maxOf(criteriaAt(h.criteria, '2026-12-31', '08:00'))).toBe(27);
  });

  it('a change of staff alone keeps the same thresholds and checklists version', async () => {
    const r = new Repo();
    r.commit(hendra, 'Awal', { 'records/allowed_signers': signerLine(hendra.email, kHendra), 'records/config.yaml': config([budi, hendra], limits(25)) }, sshSigning(kHendra));
    r.submitAndMerge('staf', { 'records/config.yaml': config([budi, hendra, dewi], limits(25)) }, hendra, { sign: sshSigning(kHendra) });
    const h = await readHistory(r.dir);
    expect(h.criteria).toHaveLength(2); // a new config version, judged the same (the site compares content)
    expect(h.criteria.map(maxOf)).toEqual([25, 25]);
  });
});

describe('an archive kept before signatures, carried over by the kasi\'s attestation', () => {
  const blobOf = (r: Repo, path: string) => r.git(['rev-parse', `HEAD:${path}`]);
  const attestation = (versions: Record<string, string>) =>
    `date: "2026-12-01"\nstatement: Versi berikut telah saya setujui sebelum tanda tangan digital berlaku.\nversions:\n${Object.entries(versions).map(([p, b]) => `  ${p}: ${b}\n`).join('')}`;
  /** The old way: Budi's rounds merged by the kasi without signatures, before any keys existed. */
  const legacy = () => {
    const r = new Repo();
    r.commit(hendra, 'Staf', { 'records/config.yaml': config([budi, hendra]) });
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { message: ['Merge ronde/pagi', 'Approved-by: Hendra'] });
    r.submitAndMerge('ronde/siang', { [R2]: 'a: 2\n' }, hendra);
    return r;
  };

  it('an attestation in the signed anchor approves exactly the listed versions', async () => {
    const r = legacy();
    const b1 = blobOf(r, R1);
    r.commit(hendra, 'Kunci dan pengesahan', { 'records/allowed_signers': signerLine(hendra.email, kHendra), 'records/pengesahan/2026-12-01.yaml': attestation({ [R1]: b1 }) }, sshSigning(kHendra));
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'approved', via: 'attestation', by: { id: 'hendra' }, attestation: 'records/pengesahan/2026-12-01.yaml', signature: 'ssh' });
    expect(h.files.get(R2)!.approval.state).toBe('unapproved'); // not listed
    expect(h.attestations).toHaveLength(1);
  });

  it('an attestation written by an admin, pushed or self-merged, approves nothing', async () => {
    const r = legacy();
    r.commit(hendra, 'Kunci', { 'records/allowed_signers': signerLine(hendra.email, kHendra) + signerLine(budi.email, kBudi) }, sshSigning(kHendra));
    r.commit(budi, 'Pengesahan', { 'records/pengesahan/palsu.yaml': attestation({ [R1]: blobOf(r, R1) }) }, sshSigning(kBudi));
    r.submitAndMerge('pengesahan-2', { 'records/pengesahan/palsu-2.yaml': attestation({ [R2]: blobOf(r, R2) }) }, budi, { sign: sshSigning(kBudi) });
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval.state).toBe('unapproved');
    expect(h.files.get(R2)!.approval.state).toBe('unapproved');
    expect(h.attestations).toEqual([]);
    expect(h.ignoredChanges.map((c) => c.path).sort()).toEqual(['records/pengesahan/palsu-2.yaml', 'records/pengesahan/palsu.yaml']);
  });

  it('a version changed after the attestation is not covered by it', async () => {
    const r = legacy();
    r.submitAndMerge('kunci', { 'records/allowed_signers': signerLine(hendra.email, kHendra) }, hendra);
    r.commit(hendra, 'Jangkar', { 'records/allowed_signers': `# kunci Kasi\n${signerLine(hendra.email, kHendra)}` }, sshSigning(kHendra));
    r.submitAndMerge('pengesahan', { 'records/pengesahan/2026-12-01.yaml': attestation({ [R1]: blobOf(r, R1), [R2]: blobOf(r, R2) }) }, hendra, { sign: sshSigning(kHendra) });
    r.commit(budi, 'Ubah ronde', { [R1]: 'a: 99\n' });
    const h = await readHistory(r.dir);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
    expect(h.files.get(R1)!.approvedVersions.map((v) => v.approval.via)).toEqual(['attestation']);
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'approved', via: 'attestation' });
  });
});

describe('the audit trail', () => {
  it('names every version with its verdict, and a round typed in by a colleague as recorded on behalf of the officer', async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'officer: sari\n' }, budi, { message: ['Approved-by: hendra'] });
    const merge = r.submitAndMerge('ralat', { [R1]: 'officer: sari\namendments: [{ by: budi, at: "2026-11-25T08:00", reason: salah ketik }]\n' }, hendra, { sign: sshSigning(kHendra) });
    const h = await readHistory(r.dir);
    const staff = [budi, hendra, { id: 'sari', name: 'Sari', email: 'sari@lumajangkab.go.id', role: 'admin' as const }];
    const trail = recordTrail(h, R1, staff, { officer: 'sari', amendments: [{ by: 'budi', at: '2026-11-25T08:00', reason: 'salah ketik' }] })!;
    expect(trail).toMatchObject({ path: R1, approval: 'approved', approved_by: 'hendra', signature: 'ssh', on_behalf_of: 'sari', recorded_by: { staff: 'budi' } });
    expect(trail.versions.map((v) => [v.approval, v.signature, v.reason])).toEqual([['unapproved', 'none', 'unsigned'], ['approved', 'ssh', null]]);
    expect(trail.versions[1]!.commit).toBe(merge);
    expect(trail.amendments).toEqual([{ by: 'budi', at: '2026-11-25T08:00', reason: 'salah ketik' }]);
    expect(trail.trust_anchor?.commit).toBe(h.mainline[0]);
  });
});

describe('the trust anchor', () => {
  it('keys added without a signature by a listed key anchor nothing: no merge is approved', async () => {
    const r = new Repo();
    r.commit(budi, 'Kunci', { 'records/allowed_signers': signerLine(hendra.email, kHendra), 'records/config.yaml': config([budi, hendra]) });
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, { sign: sshSigning(kHendra) });
    const h = await readHistory(r.dir);
    expect(h.anchor).toBeNull();
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', reason: 'no-trust-anchor' });
  });

  it('a pinned anchor that the history does not start from stops the read', async () => {
    const r = anchored();
    const h = await readHistory(r.dir);
    expect((await readHistory(r.dir, { trustAnchor: h.anchor!.commit })).anchor?.commit).toBe(h.anchor!.commit);
    await expect(readHistory(r.dir, { trustAnchor: '0'.repeat(40) })).rejects.toBeInstanceOf(TrustAnchorError);
  });
});
