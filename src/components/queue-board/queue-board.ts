/** Registers <sla-queue-board>. */
import { SlaQueueBoard } from './queue-board.component.js';
import { defineElement } from '../common/define.js';

defineElement('sla-queue-board', SlaQueueBoard);

export { SlaQueueBoard };
declare global {
  interface HTMLElementTagNameMap {
    'sla-queue-board': SlaQueueBoard;
  }
}
