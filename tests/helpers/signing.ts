/**
 * Real keys and signatures for the approval tests: ed25519 SSH keys made by ssh-keygen, a forge's
 * web-merge key made by `gpg --quick-gen-key` in its own GNUPGHOME, and the git options that sign with them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SshKey { privatePath: string; publicKey: string }
export interface ForgeKey { home: string; fingerprint: string; armored: string }

export function sshKey(dir: string, name: string): SshKey {
  const privatePath = join(dir, `${name}-ed25519`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', privatePath]);
  return { privatePath, publicKey: readFileSync(`${privatePath}.pub`, 'utf8').trim() };
}

/** One allowed_signers line (git's format): principals, options, key. */
export function signerLine(email: string, key: SshKey, opts: { validAfter?: string; validBefore?: string } = {}): string {
  const o = [opts.validAfter && `valid-after=${opts.validAfter}`, opts.validBefore && `valid-before=${opts.validBefore}`].filter(Boolean);
  return `${email} ${o.length ? `${o.join(',')} ` : ''}${key.publicKey}\n`;
}

/** git options that make `commit -S` / `merge -S` sign with this SSH key. */
export const sshSigning = (k: SshKey) => ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${k.privatePath}`];

export function forgeKey(dir: string, name = 'Forge Web Merge <noreply@forge.test>'): ForgeKey {
  const home = join(dir, `gnupg-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(home, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: home };
  execFileSync('gpg', ['--batch', '--quiet', '--passphrase', '', '--quick-gen-key', name, 'ed25519', 'sign', 'never'], { env, stdio: 'ignore' });
  const colons = execFileSync('gpg', ['--batch', '--with-colons', '--list-keys'], { env, encoding: 'utf8' });
  const fingerprint = /^fpr:+([0-9A-F]{40,64}):/m.exec(colons)![1]!;
  const armored = execFileSync('gpg', ['--batch', '--armor', '--export', fingerprint], { env, encoding: 'utf8' });
  return { home, fingerprint, armored };
}

/** git options and environment that make `commit -S` / `merge -S` sign with the forge's OpenPGP key. */
export const forgeSigning = (k: ForgeKey) => ({ args: ['-c', 'gpg.format=openpgp', '-c', `user.signingkey=${k.fingerprint}`], env: { GNUPGHOME: k.home } });
