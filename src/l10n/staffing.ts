/** The words of <sla-staffing>, in every language (src/l10n/<language>/staffing.ts). */
import { words } from './index.js';
import { staffing as en } from './en/staffing.js';
import { staffing as es } from './es/staffing.js';
import { staffing as de } from './de/staffing.js';

export type StaffingKey = keyof typeof en;
export const STAFFING = words(en, es, de);
