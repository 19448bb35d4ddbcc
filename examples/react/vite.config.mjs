// The React page (npm run test:frameworks builds it into dist/examples/react):
//   npx vite --config examples/react/vite.config.mjs        (dev server, after npm run build)
// JSX goes through Vite 8's own transform (Oxc, automatic runtime): no @vitejs/plugin-react needed.
// `sla-widgets/…` resolves through this package's own "exports", as it would from node_modules.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [
    {
      name: 'sla-widgets-self',
      enforce: 'pre',
      resolveId(id) {
        if (id === 'sla-widgets' || id.startsWith('sla-widgets/')) return fileURLToPath(import.meta.resolve(id));
      },
    },
  ],
  build: { outDir: fileURLToPath(new URL('../../dist/examples/react', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
