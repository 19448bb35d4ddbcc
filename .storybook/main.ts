// Storybook for the widgets: `npm run storybook` (dev server on :6006), `npm run build-storybook`
// (static, dist/storybook), `npm run test:stories` (every story rendered and played in headless Chromium
// through @storybook/addon-vitest). Telemetry is off three ways: here, STORYBOOK_DISABLE_TELEMETRY=1 and
// --disable-telemetry (scripts/storybook.mjs), so nothing dials out on a closed network.
import type { StorybookConfig } from '@storybook/web-components-vite';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `lit`, `lit/decorators.js`, `lit/directives/…` as imported under src/components and stories/, and the
 * `lit/directive-helpers.js` Storybook's web-components renderer imports.
 */
function litEntries(): string[] {
  const found = new Set(['lit', 'lit/directive-helpers.js']);
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/from\s+['"](lit(?:\/[\w./-]+)?)['"]/g)) found.add(m[1]);
    }
  };
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const dir of ['src/components', 'stories']) walk(join(root, dir));
  return [...found].sort();
}

process.env.STORYBOOK_DISABLE_TELEMETRY = '1';

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages for every tag (autodocs, from custom-elements.json through the preview's manifest).
  addons: ['@storybook/addon-vitest', '@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The project's vite.config.ts is used without its `build` (Storybook drops it): ES workers, relative base.
  // Storybook's own preview bundle is large by nature; its size is not the kit's (npm run size measures that).
  // Every lit entry the widgets and stories import is pre-bundled in the first pass, with Storybook's renderer:
  // found later, a lit directive made a second pass and a second copy of lit on the page.
  viteFinal: (config) => ({
    ...config,
    optimizeDeps: { ...config.optimizeDeps, include: [...(config.optimizeDeps?.include ?? []), ...litEntries()] },
    build: { ...config.build, chunkSizeWarningLimit: 2000 },
  }),
};

export default config;
