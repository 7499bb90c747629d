// npm run check [paths…]: validates the archive (or the given files) and prints every problem with its line.
import { checkArchive } from '../lib/check.ts';
import { parseCommandArgs, usageError } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { CLI_TEXT } from '../lib/i18n/cli-messages.ts';
import { formatProblems, type ProblemFormat } from '../lib/report/format-problems.ts';

const FORMATS: ProblemFormat[] = ['text', 'json', 'github'];

async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      format: { type: 'string', default: 'text' },
      against: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      today: { type: 'string' },
      now: { type: 'string' },
    },
    (lang) => CLI_TEXT[lang].usage,
  );
  if (!args.ok) return args.exitCode;
  const { values, positionals, lang } = args;
  const text = CLI_TEXT[lang];
  if (!FORMATS.includes(values.format as ProblemFormat)) return usageError(lang, `--format ${values.format}`, (l) => CLI_TEXT[l].usage);
  const format = values.format as ProblemFormat;
  const now = values.now === undefined ? undefined : parseNow(values.now);
  if (now === null) return usageError(lang, `--now ${values.now}`, (l) => CLI_TEXT[l].usage);
  const root = process.cwd();
  const { archive, problems } = await checkArchive(root, {
    files: positionals.length ? positionals : undefined,
    // What is being submitted: the files named, else what differs from --against or from the last commit.
    submitting: positionals.length ? undefined : await changedRounds(root, values.against),
    today: values.today,
    now,
    cache: !values['no-cache'],
  });
  // The cache is the machine's own: committed, it is someone else's (and sealed files from elsewhere are ignored).
  const { trackedCacheProblems } = await import('../lib/git/archive-integrity.ts');
  problems.push(...(await trackedCacheProblems(root)));
  // On main, an approved record changed or deleted without approval is an error whatever the branch did.
  const { mainIntegrityProblems, onMain } = await import('../lib/git/archive-integrity.ts');
  if (!positionals.length && !values.against && (await onMain(root))) problems.push(...(await mainIntegrityProblems(root)));
  if (values.against) {
    const { compareWithBase } = await import('../lib/git/integrity.ts');
    problems.push(...(await compareWithBase(root, values.against, archive)));
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const out = formatProblems(problems, format, lang);
  if (format === 'json') console.log(out);
  else {
    if (out) console.log(out);
    console.log(text.checkSummary(errors, warnings, archive.stats.files));
  }
  return errors > 0 ? 1 : 0;
}

/** `--now 2026-11-20T08:30` (WIB) or an ISO instant with its zone; null when it is neither. */
function parseNow(text: string): Date | null {
  const wib = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00+07:00` : text;
  const d = new Date(wib);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(d.getTime()) ? d : null;
}

/** Round files new or changed against `base` (default: the last commit, so the admin's unsubmitted rounds). */
async function changedRounds(root: string, base: string | undefined): Promise<string[]> {
  const { changedRecordFiles } = await import('../lib/git/changed-files.ts');
  try {
    return (await changedRecordFiles(root, base ?? 'HEAD', 'records/rounds/')).filter((f) => f.status !== 'D').map((f) => f.path);
  } catch {
    return []; // not a git repository: the archive as it stands
  }
}

runCommand(main);
