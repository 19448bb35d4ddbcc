// Story tests only (npm run test:stories): every story in stories/ is rendered, and its play function run, in
// headless Chromium through @storybook/addon-vitest. The browser is the machine's own (CHROME_PATH, else the
// usual places; scripts/find-chrome.mjs), launched by playwright-core with the flags a locked-down CI needs.
// No setup file calls setProjectAnnotations: the addon applies .storybook/preview.ts itself.
// The engine's and widgets' own tests run in web-test-runner (npm run test:browser), not here.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { CHROME_FLAGS, findChrome } from './scripts/find-chrome.mjs';

process.env.STORYBOOK_DISABLE_TELEMETRY = '1';
const executablePath = findChrome() ?? undefined;

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath, args: CHROME_FLAGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
