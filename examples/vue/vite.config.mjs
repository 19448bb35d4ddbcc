// The Vue page (npm run test:frameworks builds it into dist/examples/vue):
//   npx vite --config examples/vue/vite.config.mjs          (dev server, after npm run build)
// Templates are compiled at build time by @vitejs/plugin-vue (the runtime has no template compiler); tags
// starting with `sla-` are custom elements, not Vue components.
// `sla-widgets/…` resolves through this package's own "exports", as it would from node_modules.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sla-') } } }),
    {
      name: 'sla-widgets-self',
      enforce: 'pre',
      resolveId(id) {
        if (id === 'sla-widgets' || id.startsWith('sla-widgets/')) return fileURLToPath(import.meta.resolve(id));
      },
    },
  ],
  build: { outDir: fileURLToPath(new URL('../../dist/examples/vue', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
