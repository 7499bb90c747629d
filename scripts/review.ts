// npm run review -- --base <ref> [--out file] [--lang id|en]: the pull-request summary for the kasi (Markdown).
import { writeFile } from 'node:fs/promises';
import { checkArchive } from '../lib/check.ts';
import { changedRecordFiles } from '../lib/git/changed-files.ts';
import { compareWithBase } from '../lib/git/integrity.ts';
import { parseCommandArgs, usageError } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { recordKindOf } from '../lib/paths.ts';
import { readHistory } from '../lib/git/history.ts';
import { currentBranch, resolveCommit } from '../lib/git/repo.ts';
import { renderReview } from '../lib/review/render-review.ts';
import { eventsFromHistory, roundTiming } from '../lib/timing/index.ts';
import { previousRoundOf } from '../lib/review/previous-round.ts';
import { reviewRound } from '../lib/review/round-review.ts';
import { staffByEmail } from '../lib/staff.ts';

const USAGE = 'Pemakaian: npm run review -- --base <ref> [--out ringkasan.md] [--lang id|en]';

async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { base: { type: 'string' }, out: { type: 'string' } }, () => USAGE);
  if (!args.ok) return args.exitCode;
  const { values, lang } = args;
  if (!values.base) return usageError(lang, '--base', () => USAGE);
  const root = process.cwd();
  const changed = await changedRecordFiles(root, values.base);
  const { archive, problems, evaluations } = await checkArchive(root);
  const changedPaths = new Set(changed.map((c) => c.path));
  const config = archive.config?.data;
  // One history pass gives who committed each round and every round's submit time for the SOP timing.
  const history = config ? await readHistory(root) : null;
  const rounds = changed.flatMap((c) => {
    if (c.status === 'D' || recordKindOf(c.path) !== 'round') return [];
    const round = archive.rounds.find((r) => r.path === c.path);
    const evaluation = evaluations.get(c.path);
    if (!round || !evaluation) return []; // invalid round: its problems are listed below
    const prev = previousRoundOf(round, archive);
    const previous = prev && evaluations.get(prev.path) ? { round: prev.data, evaluation: evaluations.get(prev.path)! } : null;
    const author = history?.files.get(c.path)?.created.authorEmail;
    const typist = staffByEmail(config?.staff ?? [], author);
    const recordedBy = author && typist?.id !== round.data.officer ? (typist?.name ?? author) : null;
    return [reviewRound(c.path, c.status === 'A' ? 'added' : 'modified', round.data, evaluation, archive.rooms.get(round.data.room)?.data, previous, recordedBy)];
  });
  const integrity = await compareWithBase(root, values.base, archive);
  const timing = new Map(
    config ? rounds.map((r) => [r.path, roundTiming(archive.rounds.find((x) => x.path === r.path)!.data, config.sop_time_standards, eventsFromHistory(history?.files.get(r.path)))] as const) : [],
  );
  // In CI the checkout is the pull request's merge ref: the workflow names the head it reviewed.
  const commit = process.env.RONDA_REVIEWED_COMMIT || (await resolveCommit(root, 'HEAD'));
  const branch = process.env.RONDA_REVIEWED_BRANCH || (await currentBranch(root));
  const reviewed = commit ? { commit, branch } : undefined;
  const maintenance = changed
    .filter((c) => recordKindOf(c.path) === 'maintenance')
    .map((c) => ({ path: c.path, change: ({ A: 'added', M: 'modified', D: 'deleted' } as const)[c.status], title: archive.maintenance.find((m) => m.path === c.path)?.data.title ?? null }));
  const markdown = renderReview({ rounds, timing, inspectionMin: config?.sop_time_standards.inspection_min, problems: problems.filter((p) => changedPaths.has(p.file)), integrity, reviewed, maintenance }, lang);
  if (values.out) await writeFile(values.out, markdown);
  else process.stdout.write(markdown);
  return 0;
}

runCommand(main);
