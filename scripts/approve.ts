// npm run approve <branch> [<reviewed commit>]: the kasi's approval without the web UI (a checked, signed --no-ff merge).
import { parseCommandArgs, usageError } from '../lib/cli/parse-command-args.ts';
import { runCommand } from '../lib/cli/run-command.ts';
import { approveBranch } from '../lib/git/approve-branch.ts';
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
    (lang) => WORKFLOW_TEXT[lang].usageApprove,
  );
  if (!args.ok) return args.exitCode;
  const { values, positionals, lang } = args;
  const text = WORKFLOW_TEXT[lang];
  if (positionals.length < 1 || positionals.length > 2) return usageError(lang, positionals.length ? positionals.join(' ') : '<cabang>', (l) => WORKFLOW_TEXT[l].usageApprove);

  const result = await approveBranch(process.cwd(), positionals[0]!, { push: !values['no-push'], today: values.today, commit: positionals[1] });
  if (!result.ok) return reportFailure(result, lang, values.json, text.usageApprove);

  const failedPush = result.pushError !== undefined;
  if (values.json) {
    const { summaries, warnings, ...rest } = result;
    console.log(JSON.stringify({ ...rest, subjects: summaries.map((s) => s.subject), warnings: JSON.parse(formatJson(warnings, lang)) }, null, 2));
    return failedPush ? 1 : 0;
  }
  console.log(text.approved(result.branch, 'main', `${result.kasi.name} <${result.kasi.email}>`));
  for (const s of result.summaries) console.log(`  ${s.subject}`);
  console.log(text.mergeCommit(result.merge));
  if (result.workingTreeUpdated) console.log(text.workingTreeUpdated());
  printWarnings(result.warnings, lang);
  if (result.pushed) console.log(text.approvePushed('main'));
  else if (failedPush) console.error(text.pushFailed(result.pushError ?? ''));
  return failedPush ? 1 : 0;
}

runCommand(main);
