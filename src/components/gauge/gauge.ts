/** Registers <sla-gauge>. Import this module to use the tag; import gauge.component.js for the class alone. */
import { SlaGauge } from './gauge.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-gauge', SlaGauge);

export { SlaGauge };
declare global {
  interface HTMLElementTagNameMap {
    'sla-gauge': SlaGauge;
  }
}
