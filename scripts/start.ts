/**
 * `npm start`: builds the archive site (as `npm run build`) and serves it, in one process. package.json
 * starts it with `exec`, so this process is npm's own child: the SIGINT or SIGTERM npm passes on reaches the
 * server (not a shell that waits), which closes and frees the port.
 */
import { join, resolve } from 'node:path';
import { CLI_TEXT } from '../lib/i18n/cli-messages.ts';
import { BuildError, buildSite, buildSummary } from './build.ts';
import { portFromEnv, serveUntilSignal } from './serve.ts';

const root = resolve('.');
const out = join(root, '_site');
const port = portFromEnv();
if (port === null) process.exit(2);
try {
  const report = await buildSite({ root, out, langs: ['id', 'en'], search: true, cache: true });
  console.log(buildSummary(report, ['id', 'en']));
} catch (e) {
  console.error(e instanceof BuildError ? `✗ ${e.message}` : CLI_TEXT.id.internalError(e instanceof Error ? e.message : String(e)));
  if (process.env.RONDA_DEBUG) console.error(e);
  process.exit(1);
}
const code = await serveUntilSignal(out, port, '127.0.0.1');
if (code !== 0) process.exit(code);
