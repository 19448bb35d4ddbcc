/** The words of <sla-scorecard>, in every language (src/l10n/<language>/scorecard.ts). */
import { words } from './index.js';
import { scorecard as en } from './en/scorecard.js';
import { scorecard as es } from './es/scorecard.js';
import { scorecard as de } from './de/scorecard.js';

export type ScorecardKey = keyof typeof en;
export const SCORECARD = words(en, es, de);
