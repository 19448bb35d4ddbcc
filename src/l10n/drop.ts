/** The words of <sla-csv-drop>, in every language (src/l10n/<language>/drop.ts). */
import { words } from './index.js';
import { drop as en } from './en/drop.js';
import { drop as es } from './es/drop.js';
import { drop as de } from './de/drop.js';

export type DropKey = keyof typeof en;
export const DROP = words(en, es, de);
