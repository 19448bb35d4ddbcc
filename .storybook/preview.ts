// Every story: controls from the custom-elements manifest (npm run manifest writes it from the classes' JSDoc),
// a theme (light portal or dark wallboard, src/themes/) and a language (en, es, de) from the toolbar.
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../custom-elements.json';
import '../src/themes/portal.css';
import '../src/themes/wallboard.css';

setCustomElementsManifest(manifest);

export const THEMES = { portal: 'sla-theme-portal', wallboard: 'sla-theme-wallboard' } as const;

/** The theme class and the `lang` go on a wrapper: widgets read tokens and the nearest lang through it. */
const themed: Decorator = (story, { globals }) => {
  const theme = THEMES[globals.theme as keyof typeof THEMES] ?? THEMES.portal;
  const lang = ['en', 'es', 'de'].includes(globals.lang as string) ? (globals.lang as string) : 'en';
  return html`<div class=${theme} lang=${lang} data-story-root style="padding: 1.5rem; min-height: 12rem; box-sizing: border-box;">${story()}</div>`;
};

const preview: Preview = {
  // A docs page per tag: its attributes, properties, events, CSS custom properties, parts and slots.
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Widget theme',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'portal', title: 'Light portal' },
          { value: 'wallboard', title: 'Dark wallboard' },
        ],
        dynamicTitle: true,
      },
    },
    lang: {
      description: 'Language of the widgets',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'es', title: 'Español' },
          { value: 'de', title: 'Deutsch' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'portal', lang: 'en' },
  decorators: [themed],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true, matchers: { color: /(background|color)$/i } },
  },
};

export default preview;
