// npm run new: creates today's pre-filled round file (or the one given by --room/--shift/--date), never overwriting.
import { parseCommandArgs } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { configuredEmail } from '../lib/git/repo.ts';
import { updateMain } from '../lib/git/update-main.ts';
import { reportFailure } from '../lib/git/workflow-output.ts';
import { WORKFLOW_TEXT } from '../lib/i18n/workflow-messages.ts';
import type { TemperatureUnit } from '../lib/import/logger-export.ts';
import { createRound, type LoggerImport } from '../lib/scaffold/create-round.ts';
import { fillInteractively, inquirerAsker } from '../lib/scaffold/interactive.ts';

async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      room: { type: 'string' },
      shift: { type: 'string' },
      date: { type: 'string' },
      officer: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
      import: { type: 'string', multiple: true },
      point: { type: 'string', multiple: true },
      unit: { type: 'string', multiple: true },
      interactive: { type: 'boolean', short: 'i', default: false },
      'no-pull': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    (lang) => WORKFLOW_TEXT[lang].usageNew,
  );
  if (!args.ok) return args.exitCode;
  const { values, tokens, lang } = args;
  const text = WORKFLOW_TEXT[lang];

  // --point and --unit belong to the --import before them (or the first one).
  const imports: LoggerImport[] = [];
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (token.name === 'import') imports.push({ file: token.value });
    else if (token.name === 'point' || token.name === 'unit') {
      const target = imports.at(-1);
      if (!target) {
        console.error(`${text.usageError(`--${token.name} ${token.value} (--import <berkas> dulu)`)}\n${text.usageNew}`);
        return 2;
      }
      if (token.name === 'point') target.point = token.value;
      else {
        const unit = token.value.toUpperCase();
        if (unit !== 'C' && unit !== 'F') {
          console.error(`${text.usageError(`--unit ${token.value}`)}\n${text.usageNew}`);
          return 2;
        }
        target.unit = unit as TemperatureUnit;
      }
    }
  }

  const root = process.cwd();
  // First bring main up to date (approved rounds, the latest open findings); never blocks a new round.
  if (!values['no-pull']) {
    const update = await updateMain(root);
    const say = values.json ? () => undefined : (line: string) => console.log(line);
    if (update.status === 'updated') say(text.mainUpdated(update.files.length));
    else if (update.status === 'skipped' && update.reason !== 'no-remote' && update.reason !== 'not-on-main') {
      say(text.mainSkipped(update.reason, (update.paths ?? []).join(', ')));
    }
  }
  const result = await createRound(root, {
    room: values.room,
    shift: values.shift,
    date: values.date,
    officer: values.officer,
    start: values.start,
    end: values.end,
    identityEmail: values.officer ? null : await configuredEmail(root),
    imports,
    lang,
    fill: values.interactive ? (draft, ctx) => fillInteractively(draft, ctx, inquirerAsker(), { lang, log: (l) => console.log(l) }) : undefined,
  });
  if (!result.ok) return reportFailure(result, lang, values.json, text.usageNew);

  if (values.json) {
    console.log(JSON.stringify({ path: result.path, carriedFindings: result.carriedFindings, imported: result.imported }, null, 2));
    return 0;
  }
  console.log(text.created(result.path));
  if (result.carriedFindings) console.log(text.carried(result.carriedFindings));
  for (const i of result.imported) console.log(text.imported(i.samples, i.point, i.file));
  if (!values.interactive) console.log(text.nextNew(result.path));
  return 0;
}

runCommand(async (argv) => {
  try {
    return await main(argv);
  } catch (err) {
    // Ctrl+C in the interactive prompts: nothing was written.
    if (err instanceof Error && err.name === 'ExitPromptError') return 130;
    throw err;
  }
});
