/**
 * A widget's subscription to its <sla-source>: found when the widget connects, renewed when it asks
 * (its source or view changed), released when it disconnects. One piece for every widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findSource } from './find-source.js';
import type { ViewResult, ViewSpec } from '../../protocol/index.js';
import { errorWords } from '../../l10n/errors.js';

/** What a widget shows from a view's status, read the same way by every widget. */
export interface ViewStatus {
  /** Loading (also while the dataset is being opened), error, stale (a stream gone quiet), or ready. */
  state: 'loading' | 'error' | 'stale' | 'ready';
  /** Why, in the widget's language, when state is error; else ''. */
  error: string;
  /** How much of the file is read (0–1) when its size is known, else null. */
  progress: number | null;
  /**
   * Figures while a file is still read (state 'ready'): the share read (0–1). Shown with the figures ("so far:
   * 37 % of the file read"); no status, target verdict or alert is drawn from them. Null when the reading is done.
   */
  partial: number | null;
  /** When the figures are from: since when a stream is stale, else now. */
  updatedAt: number;
}

export function viewStatus(r: ViewResult, locale: string): ViewStatus {
  const st = r.status;
  const progress = st.progress?.totalBytes ? st.progress.bytes / st.progress.totalBytes : null;
  // A file being read whose first contacts are in: its figures so far are shown, marked partial.
  // The share the figures count: the bytes read, or those of the part shown while helpers read the rest.
  const counted = st.progress?.totalBytes ? (st.progress.counted ?? st.progress.bytes) / st.progress.totalBytes : null;
  const partial = st.state === 'loading' && r.totals !== null && counted !== null ? counted : null;
  const state = partial !== null ? 'ready' : st.state === 'loading' || st.state === 'empty' ? 'loading' : st.state === 'error' ? 'error' : st.stream?.state === 'stale' ? 'stale' : 'ready';
  return {
    state,
    partial,
    error: state === 'error' && st.error ? errorWords(st.error, locale) : '',
    progress,
    updatedAt: st.stream?.staleSince ?? Date.now(),
  };
}

type Host = ReactiveControllerHost & HTMLElement & { source: string | null; throttle: number };

export class SourceController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly host: Host, private readonly view: () => ViewSpec, private readonly onResult: (r: ViewResult) => void) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.resubscribe();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  async resubscribe(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const source = await findSource(this.host, this.host.source);
    if (!source || !this.host.isConnected) return;
    this.unsubscribe = source.subscribe(this.view(), this.onResult, this.host.throttle);
  }
}
