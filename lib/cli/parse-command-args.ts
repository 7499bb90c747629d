import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CLI_TEXT } from '../i18n/cli-messages.ts';
import { isLang, type Lang } from '../i18n/lang.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export type ParsedCommand<O extends Options> =
  | { ok: true; lang: Lang; values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; tokens: true }>>['values']; positionals: string[]; tokens: NonNullable<ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; tokens: true }>>['tokens']> }
  | { ok: false; exitCode: number };

/**
 * The shared front of every command: parses flags (plus --lang and --help), prints the usage in the
 * user's language, and turns a wrong command line into exit code 2 instead of a stack trace.
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: (lang: Lang) => string): ParsedCommand<O> {
  const all = { ...options, lang: { type: 'string', default: 'id' }, help: { type: 'boolean', short: 'h', default: false } } as O;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals: true, tokens: true });
  } catch (err) {
    console.error(`${CLI_TEXT.id.usageError((err as Error).message)}\n${usage('id')}`);
    return { ok: false, exitCode: 2 };
  }
  const values = parsed.values as Record<string, unknown>;
  const lang: Lang = isLang(values.lang) ? values.lang : 'id';
  if (values.help) {
    console.log(usage(lang));
    return { ok: false, exitCode: 0 };
  }
  if (!isLang(values.lang)) {
    console.error(`${CLI_TEXT[lang].usageError(`--lang ${String(values.lang)}`)}\n${usage(lang)}`);
    return { ok: false, exitCode: 2 };
  }
  return { ok: true, lang, values: parsed.values, positionals: parsed.positionals, tokens: parsed.tokens ?? [] };
}

/** Prints a usage error for a command line that parsed but makes no sense; returns exit code 2. */
export function usageError(lang: Lang, detail: string, usage: (lang: Lang) => string): number {
  console.error(`${CLI_TEXT[lang].usageError(detail)}\n${usage(lang)}`);
  return 2;
}
