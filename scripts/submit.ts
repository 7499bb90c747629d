// npm run submit [round-file]: checks the round and puts it on branch ronde/<room>-<date>-<shift>, pushed to origin.
import { parseArgs } from 'node:util';
import { runCommand } from '../lib/cli/run-command.ts';
import { submitRound } from '../lib/git/submit-round.ts';
import { printWarnings, reportFailure } from '../lib/git/workflow-output.ts';
import { isLang, type Lang } from '../lib/i18n/lang.ts';
import { WORKFLOW_TEXT } from '../lib/i18n/workflow-messages.ts';
import { formatJson } from '../lib/report/format-problems.ts';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'no-push': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        today: { type: 'string' },
        lang: { type: 'string', default: 'id' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error(`${WORKFLOW_TEXT.id.usageError((err as Error).message)}\n${WORKFLOW_TEXT.id.usageSubmit}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const lang: Lang = isLang(values.lang) ? values.lang : 'id';
  const text = WORKFLOW_TEXT[lang];
  if (values.help) {
    console.log(text.usageSubmit);
    return 0;
  }
  if (!isLang(values.lang) || positionals.length > 1) {
    console.error(`${text.usageError(positionals.slice(1).join(' ') || `--lang ${values.lang}`)}\n${text.usageSubmit}`);
    return 2;
  }

  const result = await submitRound(process.cwd(), { path: positionals[0], push: !values['no-push'], today: values.today });
  if (!result.ok) return reportFailure(result, lang, values.json, text.usageSubmit);

  const failedPush = result.remote !== null && !values['no-push'] && !result.pushed;
  if (values.json) {
    const { summary, warnings, ...rest } = result;
    console.log(JSON.stringify({ ...rest, subject: summary.subject, warnings: JSON.parse(formatJson(warnings, lang)) }, null, 2));
    return failedPush ? 1 : 0;
  }
  console.log(result.committed ? text.submitted(result.branch) : text.unchanged(result.branch));
  console.log(`  ${result.summary.subject}`);
  printWarnings(result.warnings, lang);
  if (!result.remote) console.log(text.noRemote());
  else if (values['no-push']) console.log(text.notPushed());
  else if (result.pushed) console.log(text.pushed());
  else console.error(text.pushFailed(result.pushError ?? ''));
  if (result.remote && !failedPush) console.log(result.pullRequestUrl ? text.prLink(result.pullRequestUrl) : text.noPrLink());
  return failedPush ? 1 : 0;
}

runCommand(main);
