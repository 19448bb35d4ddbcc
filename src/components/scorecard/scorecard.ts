/** Registers <sla-scorecard>. Import this module to use the tag; import scorecard.component.js for the class alone. */
import { SlaScorecard } from './scorecard.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-scorecard', SlaScorecard);

export { SlaScorecard };
export type { ExportDetail, PeriodChangeDetail, ScorecardState, ScorecardStatusDetail } from './scorecard.component.js';
export { scorecardCsv } from './scorecard.export.js';
declare global {
  interface HTMLElementTagNameMap {
    'sla-scorecard': SlaScorecard;
  }
}
