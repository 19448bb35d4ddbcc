/** The words of <sla-trend>, in every language (src/l10n/<language>/trend.ts). */
import { words } from './index.js';
import { trend as en } from './en/trend.js';
import { trend as es } from './es/trend.js';
import { trend as de } from './de/trend.js';

export type TrendKey = keyof typeof en;
export const TREND = words(en, es, de);
