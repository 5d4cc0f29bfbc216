import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests beside the code; integration tests against a real, fully imported
// database (PGlite by default, native PostGIS when TEST_DATABASE_URL is set), built once per run by the
// global setup and copied per test file (STYLE §11; STACK-NOTES: never create a PGlite per test); and e2e
// tests in a real Chromium over the same database.
export default defineConfig({
  test: {
    projects: [
      // The web client's unit tests need the Svelte compiler ($state runes): its own Vite config carries it.
      'web/vite.config.ts',
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // Each file opens its own database copy; two at a time suits a 2-core machine.
          maxWorkers: 2,
          // Runs after the unit tests, which are quick and need no database.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One browser at a time, after the integration tests.
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
