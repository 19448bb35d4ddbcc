/** The words of <sla-alerts>, in every language (src/l10n/<language>/alerts.ts). */
import { words } from './index.js';
import { alerts as en } from './en/alerts.js';
import { alerts as es } from './es/alerts.js';
import { alerts as de } from './de/alerts.js';

export type AlertsKey = keyof typeof en;
export const ALERTS = words(en, es, de);
