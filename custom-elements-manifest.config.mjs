// The custom-elements manifest (custom-elements.json), from the JSDoc on each widget's class:
//   npm run manifest   (cem analyze --litelement over src/components/**/*.component.ts; part of npm run build)
// Storybook's controls and docs, and the React and Vue typings (scripts/framework-types.mjs), are made from it.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** `defineElement('sla-x', Class)` in each registration module src/components/<name>/<name>.ts → class → tag. */
function registrations() {
  const tags = new Map();
  for (const dir of readdirSync('src/components', { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const file = join('src/components', dir.name, `${dir.name}.ts`);
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:defineElement|customElements\.define)\(\s*['"]([a-z][\w-]*-[\w-]*)['"]\s*,\s*([A-Za-z_$][\w$]*)/g)) {
      tags.set(m[2], { tag: m[1], module: file });
    }
  }
  return tags;
}

export default {
  // The base class of the data widgets too, so their inherited properties are documented on each.
  globs: ['src/components/**/*.component.ts', 'src/components/common/data-widget.ts'],
  exclude: ['**/*.test.ts', '**/*.stories.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  // Never rewrite package.json's "customElements" (the analyzer does by default, with whatever outdir it ran).
  packagejson: false,
  plugins: [
    {
      name: 'sla-manifest',
      packageLinkPhase({ customElementsManifest }) {
        const tags = registrations();
        for (const mod of customElementsManifest.modules ?? []) {
          const source = existsSync(mod.path) ? readFileSync(mod.path, 'utf8') : '';
          for (const decl of mod.declarations ?? []) {
            // The tag: the classes register in <name>.ts through defineElement, which the analyzer does not read.
            const reg = tags.get(decl.name);
            if (reg && decl.kind === 'class') {
              decl.customElement = true;
              decl.tagName ??= reg.tag;
              mod.exports ??= [];
              if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === reg.tag)) {
                mod.exports.push({ kind: 'custom-element-definition', name: reg.tag, declaration: { name: decl.name, module: mod.path } });
              }
            }
            // Private and protected members are implementation: people and tools see the public API only.
            if (decl.members) decl.members = decl.members.filter((m) => !m.privacy || m.privacy === 'public');
            // Event details: `new CustomEvent<Detail>('name'` in the class's module.
            for (const ev of decl.events ?? []) {
              const esc = ev.name.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');
              const m = new RegExp(`new CustomEvent<\\s*([A-Za-z_$][\\w$]*)\\s*>\\(\\s*['"\`]${esc}['"\`]`).exec(source);
              if (m) ev.type = { text: `CustomEvent<${m[1]}>` };
            }
          }
        }
      },
    },
  ],
};
