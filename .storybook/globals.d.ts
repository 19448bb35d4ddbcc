// Stylesheets imported for their effect (the themes); Vite bundles them.
declare module '*.css';
// The manifest is written by the build (npm run manifest); typed loosely so a fresh clone type-checks before it.
declare module '*/custom-elements.json' {
  const manifest: { schemaVersion: string; modules: unknown[] };
  export default manifest;
}
