/** The scorecard's words (section `scorecard` of src/l10n): an accessor shared by the scorecard's modules. */
import { t } from '../../l10n/index.js';
import { SCORECARD, type ScorecardKey } from '../../l10n/scorecard.js';

export type { ScorecardKey };

/** A scorecard string in the locale, `{name}` placeholders filled. */
export function say(locale: string, key: ScorecardKey, vars?: Record<string, string | number>): string {
  return t(SCORECARD, locale, key, vars);
}
