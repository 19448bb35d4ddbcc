import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { localeOf } from './i18n.js';
import { warmFormats } from './format.js';

/**
 * First renders of many widgets, a few per frame: a wallboard that opens with 25 widgets draws them over a few
 * frames, in tasks of about 8 ms each laid out in its own frame, instead of one long task that holds the page
 * (and its input) for a tenth of a second. Later updates are not queued here (the worker sends them together, for one frame).
 */
const firstRenders: SlaDataWidget[] = [];
const waiting = new WeakMap<SlaDataWidget, () => void>();
let draining = false;
const BUDGET_MS = 8;
const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));
/**
 * After the next frame (its layout and paint): each few widgets' first renders are laid out in a frame of their
 * own, not all in one. A page the browser does not draw (a hidden tab) goes on after 100 ms.
 */
export const afterNextFrame = (): Promise<void> => new Promise<void>((r) => {
  let done = false;
  const go = () => { if (!done) { done = true; setTimeout(r, 0); } };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
  setTimeout(go, 100);
});

async function drain(): Promise<void> {
  try {
    await nextTask();
    // The number formats of the first widget's language first, in tasks of their own (a language the browser
    // cannot format in is said by the widget's own figures, not here).
    if (firstRenders.length) await warmFormats(localeOf(firstRenders[0]), nextTask).catch(() => undefined);
    await nextTask();
    let start = performance.now();
    while (firstRenders.length) {
      const el = firstRenders.shift()!;
      waiting.get(el)?.();
      waiting.delete(el);
      await el.updateComplete.catch(() => undefined);
      if (firstRenders.length && performance.now() - start > BUDGET_MS) {
        await afterNextFrame();
        start = performance.now();
      }
    }
  } finally {
    // Never a queue left waiting: whatever is still in it renders now.
    for (const el of firstRenders.splice(0)) { waiting.get(el)?.(); waiting.delete(el); }
    draining = false;
  }
}

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

  /** The first render waits for its turn among the page's first renders (above); every later one is at once. */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated) {
      await new Promise<void>((resolve) => {
        waiting.set(this, resolve);
        firstRenders.push(this);
        if (!draining) {
          draining = true;
          void drain();
        }
      });
    }
    return super.scheduleUpdate();
  }

  /** The widget's language: the nearest `lang` above it (through shadow roots), else the document's. */
  protected get locale(): string {
    return localeOf(this);
  }
}
