/**
 * Commit signatures as git itself verifies them (`%G?`), never parsed by hand: SSH signatures against an
 * allowed-signers file, OpenPGP signatures (a forge's web-merge key) in a throw-away GNUPGHOME holding only
 * the listed forge keys. git checks `valid-after`/`valid-before` against the committer date.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCertificateAuthorityLine } from '../validate/allowed-signers.ts';
import { gitEnv, runGit } from './run-git.ts';
import { keySetId, type VerificationStore } from './verification-store.ts';

export type SignatureKind = 'ssh' | 'forge' | 'none' | 'bad';
export interface SignatureCheck {
  kind: SignatureKind;
  /** git's `%G?` letter. */
  code: string;
  /** SSH: the allowed-signers principal (an e-mail); OpenPGP: the key's user id. */
  signer: string | null;
  /** SSH: SHA256:… of the key; OpenPGP: the key's fingerprint. */
  key: string | null;
}
/** The keys in force: allowed_signers text and the forge keys' armored texts. */
export interface KeySet { signers: string; forgeKeys: string[] }

export class SignatureToolError extends Error {}

/** `%G?`: G good; N none; U, B, X, Y, R untrusted/bad/expired/revoked; E cannot be checked (unknown key here). */
export function kindOf(code: string, key: string | null): SignatureKind {
  if (code === 'G') return key?.startsWith('SHA256:') ? 'ssh' : 'forge';
  return code === 'N' ? 'none' : 'bad';
}

let toolsChecked: Promise<void> | null = null;
/** Without ssh-keygen or gpg every signature reads E: stop instead of publishing every round as not approved. */
export function ensureSignatureTools(): Promise<void> {
  const probe = (cmd: string, args: string[], pkg: string) =>
    new Promise<void>((ok, fail) =>
      execFile(cmd, args, (err) =>
        (err as NodeJS.ErrnoException | null)?.code === 'ENOENT'
          ? fail(new SignatureToolError(`Program ${cmd} tidak ditemukan, sehingga tanda tangan persetujuan tidak dapat diperiksa. Pasang paket ${pkg} (Debian/Ubuntu: apt-get install ${pkg}), lalu ulangi.`))
          : ok(),
      ),
    );
  return (toolsChecked ??= Promise.all([probe('ssh-keygen', ['-?'], 'openssh-client'), probe('gpg', ['--version'], 'gnupg')]).then(() => undefined));
}

/** Verifies `hashes` with `keys` (verdicts the store knows are not checked again); one git process for the rest. */
export async function checkSignatures(repo: string, hashes: readonly string[], keys: KeySet, store?: VerificationStore): Promise<Map<string, SignatureCheck>> {
  const id = store ? keySetId(keys) : '';
  const known = new Map<string, SignatureCheck>();
  for (const h of hashes) {
    const v = store?.get(h, id);
    if (v) known.set(h, v);
  }
  const fresh = await verify(repo, known.size ? hashes.filter((h) => !known.has(h)) : hashes, keys);
  for (const [h, v] of fresh) store?.set(h, id, v);
  return known.size ? new Map([...known, ...fresh]) : fresh;
}

async function verify(repo: string, hashes: readonly string[], keys: KeySet): Promise<Map<string, SignatureCheck>> {
  const out = new Map<string, SignatureCheck>();
  if (hashes.length === 0) return out;
  await ensureSignatureTools();
  const dir = await mkdtemp(join(tmpdir(), 'ronda-verify-'));
  try {
    const signersFile = join(dir, 'allowed_signers');
    await writeFile(signersFile, withoutCertificateAuthorities(keys.signers));
    const gnupg = join(dir, 'gnupg');
    await mkdir(gnupg, { mode: 0o700 });
    // Only the listed forge keys are in this keyring; listing is the trust, so gpg need not ask for more.
    await writeFile(join(gnupg, 'gpg.conf'), 'trust-model always\nno-autostart\n');
    for (const armored of keys.forgeKeys) await importKey(gnupg, armored);
    const env = { GNUPGHOME: gnupg, LC_ALL: 'C' };
    const text = await runGit(repo, [
      '-c', `gpg.ssh.allowedSignersFile=${signersFile}`, '-c', 'log.showSignature=false',
      'log', '--no-walk=unsorted', '--stdin', '--format=%H%x00%G?%x00%GS%x00%GF%x00%x1e',
    ], { input: `${hashes.join('\n')}\n`, env });
    for (const rec of text.split('\x1e')) {
      const [hash, code, signer, key] = rec.replace(/^\n/, '').split('\0');
      if (!hash || code === undefined) continue;
      out.set(hash, { kind: kindOf(code, key || null), code, signer: signer || null, key: key || null });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A `cert-authority` line lets whoever holds that CA issue certificates naming any listed principal,
 * the kasi included: approval is a kasi's own key, so such lines are dropped (check reports them).
 */
export function withoutCertificateAuthorities(signers: string): string {
  return signers
    .split('\n')
    .filter((line) => !isCertificateAuthorityLine(line))
    .join('\n');
}

function importKey(home: string, armored: string): Promise<void> {
  return new Promise((ok) => {
    const child = execFile('gpg', ['--batch', '--quiet', '--import'], { env: { ...gitEnv(), GNUPGHOME: home } }, () => ok());
    child.stdin?.on('error', () => {});
    child.stdin?.end(armored); // a file that is not a key imports nothing: its signatures then read E (bad)
  });
}
