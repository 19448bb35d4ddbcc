import { defineConfig } from 'vite';

// The browser build of the kit (library mode). Workers are ES modules and URLs are relative,
// so the emitted worker is found next to the module wherever a vendor hosts it.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    outDir: 'dist/browser',
    lib: { entry: 'src/engine/index.ts', formats: ['es'], fileName: 'sla-widgets' },
    sourcemap: true,
  },
});
