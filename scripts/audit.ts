// npm run audit -- <record path> [--json] [--lang id|en]: the trail of one record for an auditor.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordTrail, type RecordTrail } from '../lib/audit/record-trail.ts';
import { parseCommandArgs, usageError } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { CONFIG_PATH, staffOf } from '../lib/git/approvals.ts';
import { readHistory } from '../lib/git/history.ts';
import type { Lang } from '../lib/i18n/lang.ts';
import { parseMaintenanceSource } from '../lib/load/maintenance-source.ts';
import { parseYamlSource } from '../lib/load/yaml-source.ts';

const USAGE = (lang: Lang) =>
  lang === 'en'
    ? 'Usage: npm run audit -- <record path, e.g. records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml> [--json] [--lang en]'
    : 'Pemakaian: npm run audit -- <jalur berkas, mis. records/rounds/2026/11/2026-11-24-ruang-server-utama-pagi.yaml> [--json] [--lang en]';

const T = {
  id: {
    notFound: (p: string) => `Berkas ${p} tidak ada dalam riwayat git main. Periksa jalurnya (relatif terhadap folder arsip, diawali records/).`,
    title: (p: string) => `Jejak audit ${p}`,
    status: (t: RecordTrail) =>
      t.approval !== 'approved' ? `Belum disetujui (${t.reason ?? '—'})`
        : t.via === 'attestation' ? `Disetujui oleh ${t.approved_by} melalui pengesahan ${t.attestation} (tanda tangan kunci ${t.key ?? '—'})`
          : `Disetujui oleh ${t.approved_by} (tanda tangan ${t.signature === 'ssh' ? 'kunci SSH' : 'kunci forge'} ${t.key})`,
    recorded: (t: RecordTrail) => (t.recorded_by ? `Dicatat oleh ${t.recorded_by.name} <${t.recorded_by.email}> pada ${t.recorded_by.date}${t.on_behalf_of ? ` atas nama ${t.on_behalf_of}` : ''}` : 'Pencatat tidak diketahui (riwayat terpotong)'),
    versions: 'Versi di main:',
    amendments: 'Ralat:',
    anchor: (t: RecordTrail) => (t.trust_anchor ? `Jangkar kepercayaan: commit ${t.trust_anchor.commit} (kunci ${t.trust_anchor.key})` : 'Jangkar kepercayaan: tidak ada — tidak satu pun persetujuan dapat diakui'),
    approved: 'disetujui', unapproved: 'belum disetujui',
  },
  en: {
    notFound: (p: string) => `${p} is not in main's git history. Check the path (relative to the archive folder, starting with records/).`,
    title: (p: string) => `Audit trail of ${p}`,
    status: (t: RecordTrail) =>
      t.approval !== 'approved' ? `Not approved (${t.reason ?? '—'})`
        : t.via === 'attestation' ? `Approved by ${t.approved_by} through attestation ${t.attestation} (signed with key ${t.key ?? '—'})`
          : `Approved by ${t.approved_by} (${t.signature === 'ssh' ? 'SSH key' : 'forge key'} ${t.key})`,
    recorded: (t: RecordTrail) => (t.recorded_by ? `Recorded by ${t.recorded_by.name} <${t.recorded_by.email}> on ${t.recorded_by.date}${t.on_behalf_of ? ` on behalf of ${t.on_behalf_of}` : ''}` : 'Recorder unknown (history cut)'),
    versions: 'Versions on main:',
    amendments: 'Amendments:',
    anchor: (t: RecordTrail) => (t.trust_anchor ? `Trust anchor: commit ${t.trust_anchor.commit} (key ${t.trust_anchor.key})` : 'Trust anchor: none — no approval can be recognised'),
    approved: 'approved', unapproved: 'not approved',
  },
};

async function readRecord(root: string, path: string): Promise<{ officer?: unknown; amendments?: unknown } | null> {
  const bytes = await readFile(join(root, path)).catch(() => null);
  if (!bytes) return null;
  const src = path.endsWith('.md') ? parseMaintenanceSource(bytes, path) : parseYamlSource(bytes, path);
  return 'problems' in src ? null : (src.data as { officer?: unknown; amendments?: unknown });
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { json: { type: 'boolean', default: false } }, USAGE);
  if (!args.ok) return args.exitCode;
  const { lang, positionals } = args;
  if (positionals.length !== 1) return usageError(lang, positionals.length ? positionals.slice(1).join(' ') : '<record>', USAGE);
  const root = process.cwd();
  const path = positionals[0]!.replace(/^\.\//, '');
  const history = await readHistory(root, { trustAnchor: process.env.RONDA_TRUST_ANCHOR || undefined });
  const staff = staffOf((await readFile(join(root, CONFIG_PATH), 'utf8').catch(() => undefined)) ?? undefined);
  const trail = recordTrail(history, path, staff, await readRecord(root, path));
  const t = T[lang];
  if (!trail) {
    console.error(t.notFound(path));
    return 1;
  }
  if (args.values.json) {
    console.log(JSON.stringify(trail, null, 2));
    return 0;
  }
  const lines = [t.title(trail.path), `  ${t.status(trail)}`, `  ${t.recorded(trail)}`, `  ${t.anchor(trail)}`, t.versions];
  for (const v of trail.versions) {
    lines.push(`  ${v.date}  ${v.commit.slice(0, 12)}  ${v.status}  ${v.approval === 'approved' ? `${t.approved}: ${v.approved_by} (${v.signature}, ${v.key})` : `${t.unapproved}: ${v.reason ?? '—'} (${v.signature})`}`);
  }
  if (trail.amendments.length) {
    lines.push(t.amendments);
    for (const a of trail.amendments) lines.push(`  ${a.at}  ${a.by}: ${a.reason}`);
  }
  console.log(lines.join('\n'));
  return 0;
}

runCommand(main);
