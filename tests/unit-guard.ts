// Unit tests start no processes and no threads: those belong in `*.integration.test.ts`, whose limits allow
// for a busy machine. Any attempt fails the test with that advice instead of passing slowly.
import { vi } from 'vitest';

const refuse = (what: string) => () => {
  throw new Error(`unit tests may not ${what}: rename the test file to *.integration.test.ts`);
};
vi.mock('node:child_process', () => {
  const deny = refuse('start a process');
  return { default: {}, spawn: deny, spawnSync: deny, exec: deny, execSync: deny, execFile: deny, execFileSync: deny, fork: deny };
});
vi.mock('node:worker_threads', async (real) => {
  const mod = await real<typeof import('node:worker_threads')>();
  return { ...mod, default: { ...mod, Worker: refuse('start a worker thread') }, Worker: refuse('start a worker thread') };
});
