import type { Lang } from './lang.ts';

/** Words the commands print around problems. All command output goes through here. */
export const CLI_TEXT = {
  id: {
    checkSummary: (errors: number, warnings: number, files: number) =>
      errors === 0 && warnings === 0
        ? `✓ ${files} berkas diperiksa, tidak ada masalah.`
        : `${errors} galat, ${warnings} peringatan dalam ${files} berkas diperiksa.${errors ? ' Perbaiki galat sebelum mengirim ronde.' : ''}`,
    usage: 'Pemakaian: npm run check -- [berkas…] [--lang id|en] [--format text|json|github] [--against <ref>] [--now YYYY-MM-DDTHH:MM] [--no-cache]',
    usageError: (detail: string) => `Perintah tidak dikenali: ${detail}`,
    internalError: (detail: string) => `Ronda mengalami kesalahan tak terduga: ${detail}. Laporkan ke pengelola Ronda beserta perintah yang dijalankan.`,
    demoHistory: (dir: string) => `Data contoh: situs dibangun dari riwayat demo di ${dir} (ronde dicatat admin, disetujui Kasi dengan kunci DEMO; satu persetujuan palsu ditolak).`,
  },
  en: {
    checkSummary: (errors: number, warnings: number, files: number) =>
      errors === 0 && warnings === 0
        ? `✓ ${files} files checked, no problems.`
        : `${errors} errors, ${warnings} warnings in ${files} files checked.${errors ? ' Fix the errors before submitting the round.' : ''}`,
    usage: 'Usage: npm run check -- [files…] [--lang id|en] [--format text|json|github] [--against <ref>] [--now YYYY-MM-DDTHH:MM] [--no-cache]',
    usageError: (detail: string) => `Unrecognised command line: ${detail}`,
    internalError: (detail: string) => `Ronda hit an unexpected error: ${detail}. Report it to the Ronda maintainers with the command you ran.`,
    demoHistory: (dir: string) => `Sample data: the site is built from the demo history in ${dir} (rounds recorded by admins, approved by the kasi with the DEMO key; one forged approval refused).`,
  },
} satisfies Record<Lang, unknown>;
