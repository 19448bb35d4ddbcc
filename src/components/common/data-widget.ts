import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { localeOf } from './i18n.js';

/**
 * What every data widget declares alike: where its data comes from (`source`, `throttle`), the status of that
 * data (`error`, `progress`, `updated-at`) and the language it speaks. Each widget adds its own `state` and
 * data properties; without a source, a page sets those itself.
 */
export class SlaDataWidget extends LitElement {
  /** The id of an <sla-source> (else the nearest ancestor source, if any). Without one, set the widget's data yourself. */
  @property() source: string | null = null;
  /** Most often the widget updates from its source (ms). */
  @property({ type: Number }) throttle = 1000;
  /** The error message when state is error. */
  @property() error = '';
  /** Loading progress (0–1) when known. */
  @property({ type: Number }) progress: number | null = null;
  /**
   * Figures so far of a file still being read: the share read (0–1), shown beside them ("so far: 37 % of the
   * file read"); no status, verdict or alert is drawn from them until the reading ends. Null otherwise.
   */
  @property({ type: Number }) partial: number | null = null;
  /** When the figures were last updated (ms), for "updated 2 min ago" when stale. */
  @property({ type: Number, attribute: 'updated-at' }) updatedAt: number | null = null;

  /** The widget's language: the nearest `lang` above it (through shadow roots), else the document's. */
  protected get locale(): string {
    return localeOf(this);
  }
}
