/** Registers <sla-staffing>. Import this module to use the tag; import staffing.component.js for the class alone. */
import { SlaStaffing } from './staffing.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-staffing', SlaStaffing);

export { SlaStaffing };
export type { StaffingChangeDetail, StaffingState } from './staffing.component.js';
declare global {
  interface HTMLElementTagNameMap {
    'sla-staffing': SlaStaffing;
  }
}
