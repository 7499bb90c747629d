/**
 * Red-team of approval by signature (DESIGN.md "Approval", docs/threat-model.md): an admin with push
 * access (sometimes a former kasi, now admin) tries to make readHistory show a round approved that no kasi
 * approved, a genuine approval refused, or an approved record changed unseen. Real repositories, real
 * ssh-keygen keys and signatures, a real gpg forge key. Every test asserts the SAFE outcome: a failing
 * test is a live vulnerability.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeKey, forgeSigning, signerLine, sshKey, sshSigning, type ForgeKey, type SshKey } from '../../tests/helpers/signing.ts';
import { integrityIssues } from './archive-integrity.ts';
import { readHistory } from './history.ts';
import { VerificationStore } from './verification-store.ts';
import { loadArchive } from '../load/archive.ts';
import { roundEntry } from '../site-data/round-index.ts';

interface Person { id: string; name: string; email: string; role: 'admin' | 'kasi' }
const hendra: Person = { id: 'hendra', name: 'Hendra', email: 'hendra@lumajangkab.go.id', role: 'kasi' };
const budi: Person = { id: 'budi', name: 'Budi', email: 'budi@lumajangkab.go.id', role: 'admin' };
const dewi: Person = { id: 'dewi', name: 'Dewi', email: 'dewi@lumajangkab.go.id', role: 'kasi' };
const forgeBot = { name: 'Forgejo', email: 'noreply@forge.test' };

const R1 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml';
const R2 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-siang.yaml';
const R3 = 'records/rounds/2026/11/2026-11-24-ruang-server-utama-malam.yaml';
const SIGNERS = 'records/allowed_signers';
const CONFIG = 'records/config.yaml';
const config = (staff: Person[], extra = '') =>
  `timezone: Asia/Jakarta\n${extra}staff:\n${staff.map((s) => `  - { id: ${s.id}, name: ${s.name}, email: ${s.email}, role: ${s.role} }\n`).join('')}`;
const attestation = (versions: Record<string, string>) =>
  `date: "2026-12-01"\nstatement: Versi berikut telah saya setujui sebelum tanda tangan digital berlaku.\nversions:\n${Object.entries(versions).map(([p, b]) => `  ${p}: ${b}\n`).join('')}`;

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const keysDir = mkdtempSync(join(tmpdir(), 'ronda-redteam-keys-'));
dirs.push(keysDir);
let kHendra: SshKey, kBudi: SshKey, kDewi: SshKey, forge: ForgeKey;
beforeAll(() => {
  kHendra = sshKey(keysDir, 'hendra');
  kBudi = sshKey(keysDir, 'budi');
  kDewi = sshKey(keysDir, 'dewi');
  forge = forgeKey(keysDir);
});

type Who = { name: string; email: string };
/** A repository whose commits are made as given people, signed or not; plus raw object surgery. */
class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), 'ronda-redteam-'));
  private clock = Date.parse('2026-11-01T08:00:00+07:00');
  constructor() {
    dirs.push(this.dir);
    this.git(['init', '-q', '-b', 'main']);
  }
  git(args: string[], who: Who = budi, env: Record<string, string> = {}, input?: string): string {
    const date = new Date((this.clock += 3_600_000)).toISOString();
    return execFileSync('git', ['-c', `user.name=${who.name}`, '-c', `user.email=${who.email}`, '-c', 'advice.graftFileDeprecated=false', ...args], {
      cwd: this.dir, encoding: 'utf8', input,
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
  commit(who: Who, msg: string, files: Record<string, string | null>, sign: string[] = [], env: Record<string, string> = {}): string {
    this.write(files);
    this.git([...sign, 'commit', '-q', ...(sign.length ? ['-S'] : []), '-m', msg], who, env);
    return this.rev('HEAD');
  }
  /** Budi commits `files` on `branch`; `merger` merges it into main with --no-ff (signed with `sign`). */
  submitAndMerge(branch: string, files: Record<string, string | null>, merger: Who, sign: string[] = [], env: Record<string, string> = {}): string {
    this.git(['checkout', '-q', '-b', branch]);
    this.commit(budi, `Ronde ${branch}`, files);
    this.git(['checkout', '-q', 'main']);
    this.git([...sign, 'merge', '-q', '--no-ff', ...(sign.length ? ['-S'] : []), '-m', `Merge ${branch}`, branch], merger, env);
    return this.rev('HEAD');
  }
  rev(ref: string): string { return this.git(['rev-parse', ref]); }
  blobOf(text: string): string { return this.git(['hash-object', '-w', '--stdin'], budi, {}, text); }
  /** The tree of `base` with `files` changed (through a throw-away index; the work tree is untouched). */
  treeWith(base: string, files: Record<string, string | null>): string {
    const env = { GIT_INDEX_FILE: join(this.dir, '.git', 'redteam-index') };
    this.git(['read-tree', base], budi, env);
    for (const [p, t] of Object.entries(files)) {
      if (t === null) this.git(['update-index', '--force-remove', p], budi, env);
      else this.git(['update-index', '--add', '--cacheinfo', `100644,${this.blobOf(t)},${p}`], budi, env);
    }
    return this.git(['write-tree'], budi, env);
  }
  /** A commit with exactly these parents (first parent first), optionally signed: `git commit-tree`. */
  commitTree(tree: string, parents: string[], who: Who, msg: string, sign: string[] = [], env: Record<string, string> = {}): string {
    return this.git([...sign, 'commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), ...(sign.length ? ['-S'] : []), '-m', msg], who, env);
  }
  /** Moves main (and the work tree) to `commit`, as a push would. */
  setMain(commit: string): void { this.git(['reset', '-q', '--hard', commit]); }
  rawCommit(id: string): string { return this.git(['cat-file', 'commit', id]) + '\n'; }
  writeRawCommit(text: string): string { return this.git(['hash-object', '-t', 'commit', '-w', '--stdin', '--literally'], budi, {}, text); }
}

/** Hendra (kasi) signs the commit that adds keys (all three) and staff: the trust anchor. */
function anchored(staff: Person[] = [budi, hendra]): Repo {
  const r = new Repo();
  r.commit(hendra, 'Kunci dan staf awal', {
    [SIGNERS]: signerLine(hendra.email, kHendra) + signerLine(budi.email, kBudi) + signerLine(dewi.email, kDewi),
    [CONFIG]: config(staff),
  }, sshSigning(kHendra));
  return r;
}
const history = (r: Repo, opts: Parameters<typeof readHistory>[1] = {}) => readHistory(r.dir, opts);
const approvalOf = async (r: Repo, path: string) => (await history(r)).files.get(path)!.approval;

// ---------------------------------------------------------------------------------------------------
describe('first-parent line chosen by the pusher (swapped / stale first parent)', () => {
  it('a demoted kasi signs a merge whose FIRST parent predates his demotion and whose second parent is main', async () => {
    const r = anchored([budi, hendra]);
    const anchor = r.rev('HEAD');
    // Approved: Dewi becomes kasi, Hendra becomes admin (his key stays listed, as an admin's key).
    r.submitAndMerge('staf', { [CONFIG]: config([budi, { ...hendra, role: 'admin' }, dewi]) }, hendra, sshSigning(kHendra));
    const main = r.rev('HEAD');
    // Hendra, now an admin with push access: merge [anchor, main] carrying an unapproved round. main is an
    // ancestor of it, so the push is a fast-forward (no force push, no rewritten history).
    const x = r.commitTree(r.treeWith(main, { [R1]: 'a: 1\n' }), [anchor, main], hendra, 'Merge main', sshSigning(kHendra));
    r.setMain(x);
    const h = await history(r, { trustAnchor: anchor }); // the pinned anchor is still the first: no help
    expect(h.files.get(R1)!.approval.state).toBe('unapproved');
  });

  it("the threat model's 'removed key': a merge signed with the removed key, first parent before the removal", async () => {
    const r = anchored([budi, hendra, dewi]);
    const before = r.rev('HEAD');
    // Approved by Hendra: Dewi leaves, her key (say, on a lost laptop) is removed with her.
    r.submitAndMerge('staf', { [SIGNERS]: signerLine(hendra.email, kHendra) + signerLine(budi.email, kBudi), [CONFIG]: config([budi, hendra]) }, hendra, sshSigning(kHendra));
    const main = r.rev('HEAD');
    const x = r.commitTree(r.treeWith(main, { [R1]: 'a: 1\n' }), [before, main], dewi, 'Merge', sshSigning(kDewi));
    r.setMain(x);
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved' });
  });

  it("an admin's unsigned merge [old commit, main] pushed as main is named as a swap that hides the kasi's approvals", async () => {
    const r = anchored();
    const old = r.rev('HEAD');
    const k1 = r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, sshSigning(kHendra));
    r.submitAndMerge('ambang', { [CONFIG]: config([budi, hendra], 'thresholds: { temperature_c: { normal: { min: 20, max: 24 } } }\n') }, hendra, sshSigning(kHendra));
    const main = r.rev('HEAD');
    r.setMain(r.commitTree(r.rev(`${main}^{tree}`), [old, main], budi, 'Merge main'));
    const h = await history(r);
    // Detected, not undone: the swap is named (check errors, the site shows it), with the approval it hides.
    expect(h.swapped.get(r.rev('HEAD'))).toBe(main);
    expect(integrityIssues(h).map((i) => i.kind)).toContain('parents-swapped');
    void k1;
  });

  it("control: the kasi's own 'update branch' merge [branch, main] fast-forwarded to main approves none of the branch's commits", async () => {
    const r = anchored();
    r.git(['checkout', '-q', '-b', 'ronde/pagi']);
    r.commit(budi, 'Ronde', { [R1]: 'a: 1\n' });
    r.git(['checkout', '-q', 'main']);
    r.commit(budi, 'lain', { 'records/rooms/x.yaml': 'id: x\n' });
    const main = r.rev('HEAD');
    const u = r.commitTree(r.treeWith(main, { [R1]: 'a: 1\n' }), [r.rev('ronde/pagi'), main], hendra, 'Merge main into ronde/pagi', sshSigning(kHendra));
    r.setMain(u);
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
  });
});

// ---------------------------------------------------------------------------------------------------
describe('replace refs and grafts (what git log shows vs the real objects)', () => {
  /** Anchor, a genuine kasi merge K of R1, then Budi's unsigned merge X of R2 on main. */
  const setup = () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, sshSigning(kHendra));
    const x = r.submitAndMerge('ronde/siang', { [R2]: 'a: 2\n' }, budi);
    return { r, x };
  };

  it('refs/replace/<admin merge> → the kasi\'s signed merge: the signature check reads the replacement', async () => {
    const { r, x } = setup();
    r.git(['replace', '-f', x, r.rev('HEAD^')]); // a ref; an admin can push refs/replace/* (a mirror clone fetches it)
    expect(await approvalOf(r, R2)).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
  });

  it('a verdict read through a replace ref outlives the ref in the kept verification store', async () => {
    const { r, x } = setup();
    const saved = process.env.RONDA_CACHE_SECRET;
    process.env.RONDA_CACHE_SECRET = 'ci-secret';
    try {
      r.git(['replace', '-f', x, r.rev('HEAD^')]);
      const store = VerificationStore.open(r.dir, { write: true });
      await readHistory(r.dir, { store });
      store.save();
      r.git(['replace', '-d', x]); // the evidence is gone
      const again = await readHistory(r.dir, { store: VerificationStore.open(r.dir, { write: false }) });
      expect(again.files.get(R2)!.approval.state).toBe('unapproved');
    } finally {
      if (saved === undefined) delete process.env.RONDA_CACHE_SECRET; else process.env.RONDA_CACHE_SECRET = saved;
    }
  });

  it('a replace ref for the approved config.yaml blob (Budi made kasi) is not read as the approved staff list', async () => {
    const r = anchored();
    const approvedConfig = r.rev(`HEAD:${CONFIG}`);
    r.git(['replace', '-f', approvedConfig, r.blobOf(config([{ ...budi, role: 'kasi' }, hendra]))]);
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, sshSigning(kBudi));
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', reason: 'signer-not-kasi' });
  });

  it("a graft (.git/info/grafts) turning the kasi's signed direct commit into a two-parent merge", async () => {
    const r = anchored();
    const side = r.commitTree(r.rev('HEAD^{tree}'), [r.rev('HEAD')], budi, 'side');
    const c = r.commit(hendra, 'Ronde langsung', { [R1]: 'a: 1\n' }, sshSigning(kHendra)); // a direct push: not an approval
    writeFileSync(join(r.dir, '.git/info/grafts'), `${c} ${r.rev('HEAD^')} ${side}\n`);
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved' });
  });

  it('git notes saying "Approved-by" on an unsigned merge change nothing', async () => {
    const { r, x } = setup();
    r.git(['notes', 'add', '-m', `Approved-by: ${hendra.name} <${hendra.email}>`, x]);
    expect(await approvalOf(r, R2)).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
  });
});

// ---------------------------------------------------------------------------------------------------
describe('signature surgery and key-file options', () => {
  it('an unsigned merge dated before the anchor, or in 2099, is still just unsigned', async () => {
    const r = anchored();
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, [], { GIT_COMMITTER_DATE: '2020-01-01T00:00:00+07:00', GIT_AUTHOR_DATE: '2020-01-01T00:00:00+07:00' });
    r.submitAndMerge('ronde/siang', { [R2]: 'a: 2\n' }, hendra, [], { GIT_COMMITTER_DATE: '2099-01-01T00:00:00+07:00', GIT_AUTHOR_DATE: '2099-01-01T00:00:00+07:00' });
    const h = await history(r);
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'unapproved', reason: 'unsigned' });
  });

  it("the kasi's signed merge replayed onto another tree (an 'evil merge' with an extra round) is bad", async () => {
    const r = anchored();
    const k = r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, sshSigning(kHendra));
    const evilTree = r.treeWith(k, { [R2]: 'a: 2\n' });
    const evil = r.writeRawCommit(r.rawCommit(k).replace(/^tree [0-9a-f]+$/m, `tree ${evilTree}`));
    r.setMain(evil);
    const h = await history(r);
    expect(h.files.get(R2)!.approval).toMatchObject({ state: 'unapproved', signature: 'bad' });
    expect(h.files.get(R1)!.approval).toMatchObject({ state: 'unapproved', signature: 'bad' });
  });

  it("both gpgsig (the admin's) and gpgsig-sha256 (the kasi's, over the same payload) on one merge", async () => {
    const r = anchored();
    const kasiMerge = r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, sshSigning(kHendra));
    const kasiSig = /^gpgsig (-----BEGIN SSH SIGNATURE-----\n(?: .*\n)+?) -----END SSH SIGNATURE-----\n/m.exec(r.rawCommit(kasiMerge))!;
    r.setMain('HEAD^');
    const adminMerge = r.submitAndMerge('ronde/pagi-2', { [R2]: 'a: 2\n' }, hendra, sshSigning(kBudi));
    const raw = r.rawCommit(adminMerge).replace(/^gpgsig /m, `gpgsig-sha256 ${kasiSig[1]} -----END SSH SIGNATURE-----\ngpgsig `);
    r.setMain(r.writeRawCommit(raw));
    expect(await approvalOf(r, R2)).toMatchObject({ state: 'unapproved' });
  });

  it("the kasi's SSH signature of the merge payload in the 'file' namespace (a document signature) is not a git signature", async () => {
    const r = anchored();
    const unsigned = r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra);
    const payload = r.rawCommit(unsigned);
    const file = join(r.dir, '.git', 'payload');
    writeFileSync(file, payload);
    execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', 'file', '-f', kHendra.privatePath, file]);
    const sig = readFileSync(`${file}.sig`, 'utf8').trimEnd().split('\n').join('\n ');
    const raw = payload.replace(/\n\n/, `\ngpgsig ${sig}\n\n`);
    r.setMain(r.writeRawCommit(raw));
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', signature: 'bad' });
  });

  it("an approved wildcard principal (*@lumajangkab.go.id) on the admin's key does not make him a kasi", async () => {
    const r = anchored();
    const shared = sshKey(keysDir, `shared-${Date.now()}`);
    r.submitAndMerge('kunci', { [SIGNERS]: readFileSync(join(r.dir, SIGNERS), 'utf8') + signerLine('*@lumajangkab.go.id', shared) }, hendra, sshSigning(kHendra));
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, sshSigning(shared));
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', reason: 'signer-not-kasi' });
  });

  it('an approved cert-authority line (the office SSH CA, run by the admins) does not let the CA holder approve as the kasi', async () => {
    const r = anchored();
    const ca = sshKey(keysDir, `ca-${Date.now()}`);
    const mallory = sshKey(keysDir, `budi-laptop-${Date.now()}`);
    r.submitAndMerge('kunci', { [SIGNERS]: readFileSync(join(r.dir, SIGNERS), 'utf8') + `*@lumajangkab.go.id cert-authority ${ca.publicKey}\n` }, hendra, sshSigning(kHendra));
    // Budi, who runs the CA, issues himself a certificate naming the kasi.
    execFileSync('ssh-keygen', ['-q', '-s', ca.privatePath, '-I', 'budi', '-n', hendra.email, `${mallory.privatePath}.pub`]);
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${mallory.privatePath}-cert.pub`]);
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved' });
  });

  it('a forge-keys file that is really an SSH public key verifies nothing', async () => {
    const r = anchored();
    const stranger = sshKey(keysDir, `stranger-${Date.now()}`);
    r.submitAndMerge('kunci', { 'records/forge-keys/forge.asc': `${stranger.publicKey}\n` }, hendra, sshSigning(kHendra));
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra, sshSigning(stranger));
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', signature: 'bad' });
  });

  it("a forge-signed merge authored by a look-alike of the kasi's e-mail (KELVIN SIGN for 'k') is not the kasi's", async () => {
    const r = anchored();
    r.submitAndMerge('kunci', { 'records/forge-keys/forgejo.asc': forge.armored }, hendra, sshSigning(kHendra));
    const f = forgeSigning(forge);
    const lookAlike = hendra.email.replace('k', '\u212A'); // hendra@lumajang\u212Aab.go.id: another address
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, forgeBot, f.args, { ...f.env, GIT_AUTHOR_NAME: hendra.name, GIT_AUTHOR_EMAIL: lookAlike });
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', reason: 'forge-author-not-kasi' });
  });

  it("an approved config with Budi's e-mail twice (admin and kasi) does not make Budi's key a kasi's", async () => {
    const r = anchored();
    r.submitAndMerge('staf', { [CONFIG]: config([budi, hendra, { ...budi, id: 'budi-2', role: 'kasi' }]) }, hendra, sshSigning(kHendra));
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, budi, sshSigning(kBudi));
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved' });
  });
});

// ---------------------------------------------------------------------------------------------------
describe('attestations (records/pengesahan/)', () => {
  /** Before signatures: Budi's R1 merged by the kasi unsigned; then the anchor attests R1 as it was. */
  const legacyAnchored = (versions: (r: Repo) => Record<string, string>) => {
    const r = new Repo();
    r.commit(hendra, 'Staf', { [CONFIG]: config([budi, hendra]) });
    r.submitAndMerge('ronde/pagi', { [R1]: 'a: 1\n' }, hendra);
    r.commit(hendra, 'Kunci dan pengesahan', { [SIGNERS]: signerLine(hendra.email, kHendra) + signerLine(budi.email, kBudi), 'records/pengesahan/2026-12-01.yaml': attestation(versions(r)) }, sshSigning(kHendra));
    return r;
  };

  it('after a signed amendment, a direct push back to the attested bytes is not approved again', async () => {
    const r = legacyAnchored((r) => ({ [R1]: r.rev(`HEAD:${R1}`) }));
    r.submitAndMerge('ralat', { [R1]: 'a: 2\namendments: [{ by: budi, at: "2026-12-02T08:00", reason: salah }]\n' }, hendra, sshSigning(kHendra));
    r.commit(budi, 'kembalikan', { [R1]: 'a: 1\n' }); // the amendment silently undone
    expect(await approvalOf(r, R1)).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
  });

  it('an attestation of a version that was never on main does not approve it when pushed later', async () => {
    const r = legacyAnchored((r) => ({ [R1]: r.rev(`HEAD:${R1}`), [R3]: r.blobOf('a: 3\n') }));
    r.commit(budi, 'Ronde malam', { [R3]: 'a: 3\n' });
    expect(await approvalOf(r, R3)).toMatchObject({ state: 'unapproved', reason: 'direct-push' });
  });

  it('an attestation with a duplicate key (two blobs for one round) approves nothing', async () => {
    const r = legacyAnchored(() => ({}));
    const b = r.rev(`HEAD~1:${R1}`);
    const text = attestation({ [R1]: '1'.repeat(40) }) + `  ${R1}: ${b}\n`;
    r.submitAndMerge('pengesahan', { 'records/pengesahan/2026-12-02.yaml': text }, hendra, sshSigning(kHendra));
    const h = await history(r);
    expect(h.files.get(R1)!.approval.state).toBe('unapproved');
    expect(h.attestations.filter((a) => a.versions.size > 0)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('rules outside the governance files', () => {
  it("a room threshold relaxed by a direct push does not re-judge an approved round", async () => {
    const FIX = join(import.meta.dirname, '../../tests/fixtures');
    const r = new Repo();
    const cfg = readFileSync(join(FIX, 'archive/records/config.yaml'), 'utf8');
    const room = readFileSync(join(FIX, 'archive/records/rooms/lab.yaml'), 'utf8');
    const kasi = { name: 'Hendra', email: 'hendra@example.go.id' };
    r.commit(kasi, 'Jangkar', {
      [SIGNERS]: signerLine(kasi.email, kHendra),
      [CONFIG]: cfg,
      'records/checklists.yaml': readFileSync(join(FIX, 'archive/records/checklists.yaml'), 'utf8'),
      'records/rooms/lab.yaml': room,
    }, sshSigning(kHendra));
    const path = 'records/rounds/2026/11/2026-11-20-lab-pagi.yaml';
    const round = readFileSync(join(FIX, 'rounds/valid.yaml'), 'utf8').replace('temperature_c: 22.4', 'temperature_c: 26').replace('humidity_pct: 51', 'humidity_pct: 42');
    r.submitAndMerge('ronde/lab', { [path]: round }, kasi, sshSigning(kHendra));
    const judge = async () => {
      const archive = await loadArchive(r.dir, { cache: false });
      const h = await readHistory(r.dir);
      const loaded = archive.rounds.find((x) => x.path === path)!;
      return { verdict: roundEntry(archive, loaded, 0, h).evaluation.verdict, h };
    };
    expect((await judge()).verdict).toBe('attention'); // 26 °C: above normal (25)
    r.commit(budi, 'Perbarui ruang', { 'records/rooms/lab.yaml': `${room}thresholds:\n  temperature_c: { normal: { min: 20, max: 30 }, warning: { min: 18, max: 31 }, critical: { min: 15, max: 35 } }\n` });
    const after = await judge();
    expect(after.h.files.get(path)!.approval.state).toBe('approved');
    expect(after.verdict).toBe('attention');
  });
});
