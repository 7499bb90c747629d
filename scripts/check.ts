// npm run check [paths…]: validates the archive (or the given files) and prints every problem with its line.
import { parseArgs } from 'node:util';
import { checkArchive } from '../lib/check.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { CLI_TEXT } from '../lib/i18n/cli-messages.ts';
import { isLang, type Lang } from '../lib/i18n/lang.ts';
import { formatProblems, type ProblemFormat } from '../lib/report/format-problems.ts';

const FORMATS: ProblemFormat[] = ['text', 'json', 'github'];

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        lang: { type: 'string', default: 'id' },
        format: { type: 'string', default: 'text' },
        against: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${CLI_TEXT.id.usageError((err as Error).message)}\n${CLI_TEXT.id.usage}`);
    return 2;
  }
  const { values, positionals } = args;
  const lang: Lang = isLang(values.lang) ? values.lang : 'id';
  const text = CLI_TEXT[lang];
  if (values.help) {
    console.log(text.usage);
    return 0;
  }
  if (!isLang(values.lang) || !FORMATS.includes(values.format as ProblemFormat)) {
    console.error(`${text.usageError(`--lang ${values.lang} --format ${values.format}`)}\n${text.usage}`);
    return 2;
  }
  const format = values.format as ProblemFormat;
  const root = process.cwd();
  const { archive, problems } = await checkArchive(root, {
    files: positionals.length ? positionals : undefined,
    today: values.today,
    cache: !values['no-cache'],
  });
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

runCommand(main);
