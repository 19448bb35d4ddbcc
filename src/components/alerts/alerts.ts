/** Registers <sla-alerts>. Import this module to use the tag; import alerts.component.js for the class alone. */
import { SlaAlerts } from './alerts.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-alerts', SlaAlerts);

export { SlaAlerts };
declare global {
  interface HTMLElementTagNameMap {
    'sla-alerts': SlaAlerts;
  }
}
