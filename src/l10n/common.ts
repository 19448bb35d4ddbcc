/** Common words every widget uses, in every language (src/l10n/<language>/common.ts). */
import { words } from './index.js';
import { common as en } from './en/common.js';
import { common as es } from './es/common.js';
import { common as de } from './de/common.js';

export type CommonKey = keyof typeof en;
export const COMMON = words(en, es, de);
