// npm run submit [round-file]: checks the round and puts it on branch ronde/<room>-<date>-<shift>, pushed to origin.
import { parseCommandArgs, usageError } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { submitRound } from '../lib/git/submit-round.ts';
import { printWarnings, reportFailure } from '../lib/git/workflow-output.ts';
import { WORKFLOW_TEXT } from '../lib/i18n/workflow-messages.ts';
import { formatJson } from '../lib/report/format-problems.ts';

async function main(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      'no-push': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      today: { type: 'string' },
    },
    (lang) => WORKFLOW_TEXT[lang].usageSubmit,
  );
  if (!args.ok) return args.exitCode;
  const { values, positionals, lang } = args;
  const text = WORKFLOW_TEXT[lang];
  if (positionals.length > 1) return usageError(lang, positionals.slice(1).join(' ') || '', (l) => WORKFLOW_TEXT[l].usageSubmit);

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
