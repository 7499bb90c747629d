/**
 * The audit page (/jejak/): where trust starts and what it rests on, for an evaluator checking the archive
 * without git: the trust anchor, the keys in force with their fingerprints, the kasi's attestations, the
 * merges refused as approvals, and changes to keys or rules that never took effect.
 */
import { createHash } from 'node:crypto';
import type { IntegrityIssue } from '../git/archive-integrity.ts';
import type { ArchiveHistory } from '../git/history.ts';
import { parseAllowedSigners } from '../validate/allowed-signers.ts';
import type { ConfigRecord } from '../types.generated.ts';
import { staffByEmail } from '../staff.ts';

export interface AuditView {
  available: boolean;
  anchor: { commit: string; date: string; signer: string | null; key: string | null } | null;
  keys: { principal: string; name: string | null; fingerprint: string; demo: boolean }[];
  attestations: { path: string; date: string; by: string; commit: string; versions: number }[];
  refused: { commit: string; date: string; reason: string }[];
  ignored: { commit: string; path: string; date: string }[];
  /** Approved records changed or deleted without approval; history lost since the last publication. */
  integrity: IntegrityIssue[];
}

/** OpenSSH's fingerprint of a public key blob: SHA256 over the decoded key, base64 without padding. */
export const sshFingerprint = (base64: string) => `SHA256:${createHash('sha256').update(Buffer.from(base64, 'base64')).digest('base64').replace(/=+$/, '')}`;

/** Refusals worth an auditor's eye: merges someone presented as approvals that did not verify. */
const REFUSED = new Set(['unsigned', 'bad-signature', 'signer-not-kasi', 'forge-author-not-kasi']);

export function auditView(history: ArchiveHistory | null, config: ConfigRecord | undefined, demoKeys: readonly string[], integrity: IntegrityIssue[] = []): AuditView {
  if (!history) return { available: false, anchor: null, keys: [], attestations: [], refused: [], ignored: [], integrity };

  const keys = parseAllowedSigners(history.keysInForce).signers.flatMap((s) =>
    s.principals.map((principal) => ({ principal, name: staffByEmail(config?.staff ?? [], principal)?.name ?? null, fingerprint: sshFingerprint(s.key.split(' ')[1]!), demo: demoKeys.includes(s.key) })),
  );
  const refused = [...history.verdicts.values()]
    .filter((v) => v.state === 'unapproved' && v.reason && REFUSED.has(v.reason) && v.commit && v.date)
    .map((v) => ({ commit: v.commit!, date: v.date!, reason: v.reason! }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    available: true,
    anchor: history.anchor,
    keys,
    attestations: history.attestations.map((a) => ({ path: a.path, date: a.date, by: a.by.name, commit: a.commit, versions: a.versions.size })),
    refused,
    ignored: history.ignoredChanges,
    integrity,
  };
}
