import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['extension/**/*.test.{ts,tsx}', 'shared/**/*.test.ts', 'relay/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Dexie needs IndexedDB in node; fake-indexeddb/auto installs the globals.
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
