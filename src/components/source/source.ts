/** Registers <sla-source>. */
import { SlaSource } from './source.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-source', SlaSource);

export { SlaSource };
declare global {
  interface HTMLElementTagNameMap {
    'sla-source': SlaSource;
  }
}
