/**
 * `records/allowed_signers` (git's SSH allowed-signers format, see ssh-keygen(1) "ALLOWED SIGNERS"):
 * a line git cannot read would silently approve nothing, and a DEMO key (its private half is published
 * with Ronda) lets anyone approve, so both are errors here, before git ever sees the file.
 */
import { problem, type Problem } from '../problems.ts';

export const SIGNERS_FILE = 'records/allowed_signers';
const KEY_TYPES = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)$/;

/** A line whose options make its key a certificate authority (`cert-authority`, alone or among others). */
export const isCertificateAuthorityLine = (line: string) => /^\s*\S+\s+(\S*,)?cert-authority(,|\s|=)/i.test(line);

export interface SignerLine { line: number; principals: string[]; key: string }

/** The key lines (type and base64 key, options skipped), or problems naming each unreadable line. */
export function parseAllowedSigners(text: string): { signers: SignerLine[]; problems: Problem[] } {
  const signers: SignerLine[] = [];
  const problems: Problem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const at = fields.findIndex((f, j) => j > 0 && KEY_TYPES.test(f));
    const key = at > 0 ? fields[at + 1] : undefined;
    if (at < 0 || !key || !blobNames(key, fields[at]!)) {
      problems.push(problem(SIGNERS_FILE, { line: i + 1, col: 1 }, 'signers-line-invalid', { text: line.slice(0, 60) }));
      return;
    }
    signers.push({ line: i + 1, principals: fields[0]!.replace(/^"|"$/g, '').split(','), key: `${fields[at]} ${key}` });
  });
  return { signers, problems };
}

/** An SSH public key blob starts with its own type name: a key pasted whole, not cut or retyped. */
function blobNames(base64: string, type: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  const blob = Buffer.from(base64, 'base64');
  return blob.length > 4 + type.length && blob.readUInt32BE(0) === type.length && blob.subarray(4, 4 + type.length).toString('latin1') === type;
}

/** Problems of the file as `check` reports them: unreadable lines; DEMO keys outside the demo; unknown principals. */
export function checkAllowedSigners(text: string, ctx: { demo: boolean; demoKeys: readonly string[]; staffEmails: readonly string[] }): Problem[] {
  const { signers, problems } = parseAllowedSigners(text);
  const known = new Set(ctx.staffEmails.map((e) => e.toLowerCase()));
  text.split(/\r?\n/).forEach((line, i) => {
    if (isCertificateAuthorityLine(line)) problems.push(problem(SIGNERS_FILE, { line: i + 1, col: 1 }, 'signers-cert-authority'));
  });
  for (const s of signers) {
    if (!ctx.demo && ctx.demoKeys.includes(s.key)) problems.push(problem(SIGNERS_FILE, { line: s.line, col: 1 }, 'signers-demo-key', { principal: s.principals.join(',') }));
    for (const p of s.principals) if (!known.has(p.toLowerCase())) problems.push(problem(SIGNERS_FILE, { line: s.line, col: 1 }, 'signers-unknown-principal', { principal: p }, 'warning'));
  }
  return problems;
}
