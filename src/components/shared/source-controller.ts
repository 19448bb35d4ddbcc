/**
 * A widget's subscription to its <sla-source>: found when the widget connects, renewed when it asks
 * (its source or view changed), released when it disconnects. One piece for every widget.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { findSource } from './find-source.js';
import type { ViewResult, ViewSpec } from '../../worker/protocol.js';

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
