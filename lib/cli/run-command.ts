import { CLI_TEXT } from '../i18n/cli-messages.ts';

/**
 * Runs a command's main and exits with its code. Bad records never reach the catch (they are problems);
 * what does is a bug in Ronda, shown as one Indonesian sentence, with the stack only under RONDA_DEBUG=1.
 */
export function runCommand(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(CLI_TEXT.id.internalError(err instanceof Error ? err.message : String(err)));
      if (process.env.RONDA_DEBUG) console.error(err);
      process.exit(3);
    },
  );
}
