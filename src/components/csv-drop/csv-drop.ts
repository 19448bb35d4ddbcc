/**
 * Registers <sla-csv-drop> (and <sla-source>, which it reads into). Import this module to use the tag; import
 * csv-drop.component.js for the class alone.
 */
import { SlaCsvDrop } from './csv-drop.component.js';
import { defineElement } from '../common/define.js';
import '../source/source.js';

defineElement('sla-csv-drop', SlaCsvDrop);

export { SlaCsvDrop };
export type { CsvSample, DropStep, FileAcceptedDetail } from './csv-drop.component.js';
declare global {
  interface HTMLElementTagNameMap {
    'sla-csv-drop': SlaCsvDrop;
  }
}
