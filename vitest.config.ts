import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Layers by file name: `*.test.ts` unit (no processes, no workers: enforced by tests/unit-guard.ts),
// `*.integration.test.ts` real git, scripts and builds, `*.e2e.test.ts` the built site in Chromium,
// `*.scale.test.ts` large corpora (opt-in: `npm run test:scale`; CI does not run it).
// Limits sit far above run times on two busy cores: a slow machine must never turn a pass into a fail.
const SLOW = '**/*.{integration,e2e,scale}.test.ts';
const roots = (suffix: string) => ['lib', 'scripts', 'tests'].map((d) => `${d}/**/*${suffix}`);

// Unit files run on threads in one module graph (pure functions: nothing to isolate; the guard holds there too).
const unit: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'unit', pool: 'threads', isolate: false, include: roots('.test.ts'), exclude: [SLOW, '**/node_modules/**'], testTimeout: 30_000, setupFiles: ['tests/unit-guard.ts'] },
};
// Integration files share a process per worker too (isolate: false): most of their cost was starting one per
// file. A file that changes process.env or a module's state puts it back in afterAll.
const integration: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'integration', isolate: false, include: roots('.integration.test.ts'), testTimeout: 600_000, hookTimeout: 600_000 },
};
const e2e: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'e2e', include: roots('.e2e.test.ts'), testTimeout: 600_000, hookTimeout: 900_000 },
};
const scale: TestProjectInlineConfiguration = {
  extends: true,
  test: { name: 'scale', include: roots('.scale.test.ts'), testTimeout: 3_600_000, hookTimeout: 3_600_000 },
};

export default defineConfig({
  test: {
    pool: 'forks',
    // Two files at a time: most of an integration test's time is spent waiting for git, builds or Chromium.
    maxWorkers: 2,
    setupFiles: ['tests/setup-fast-check.ts'],
    projects: process.env.RONDA_SCALE ? [scale] : [unit, integration, e2e],
  },
});
