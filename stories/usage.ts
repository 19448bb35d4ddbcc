// Each tag's docs page (Storybook autodocs, from custom-elements.json: attributes, properties, events, CSS
// custom properties, parts and slots) opens with how to put it on a page: plain HTML, React and Vue.

/** `parameters` for a story file's meta: the usage snippets of `tag` with `attrs`, inside an <sla-source>. */
export function usage(tag: string, attrs: string, what: string) {
  const inner = `<${tag}${attrs ? ` ${attrs}` : ''}></${tag}>`;
  const html = tag === 'sla-source'
    ? `<sla-source src="contacts.csv" tz="America/New_York" sl="80/20">\n  <sla-gauge metric="serviceLevel" target="0.8"></sla-gauge>\n</sla-source>`
    : `<sla-source src="contacts.csv" tz="America/New_York" sl="80/20">\n  ${inner}\n</sla-source>`;
  const component = [
    what,
    '',
    '**Plain HTML** (any page, any framework or none; one script defines every tag):',
    '',
    '```html',
    '<script src="sla-widgets.js"></script>',
    html,
    '```',
    '',
    '**React 19** (custom elements are first-class: properties and events pass as they are):',
    '',
    '```jsx',
    "import 'sla-widgets';",
    `export const Panel = () => (\n  ${html.replace(/\n/g, '\n  ')}\n);`,
    '```',
    '',
    '**Vue 3** (tell Vue the `sla-` tags are custom elements: `compilerOptions.isCustomElement: (t) => t.startsWith(\'sla-\')`):',
    '',
    '```html',
    `<template>\n  ${html.replace(/\n/g, '\n  ')}\n</template>\n<script setup>\nimport 'sla-widgets';\n</script>`,
    '```',
  ].join('\n');
  return { docs: { description: { component } } };
}
