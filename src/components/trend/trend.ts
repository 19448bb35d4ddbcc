/** Registers <sla-trend>. Import this module to use the tag; import trend.component.js for the class alone. */
import { SlaTrend } from './trend.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-trend', SlaTrend);

export { SlaTrend };
declare global {
  interface HTMLElementTagNameMap {
    'sla-trend': SlaTrend;
  }
}
