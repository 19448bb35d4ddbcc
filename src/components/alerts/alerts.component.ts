import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { alertsStyles } from './alerts.styles.js';
import {
  AlertsModel, Announcer, STALE_ID, alertMetricName, alertSentence, announcementText, defaultThresholds, formatClock,
  limitText, ruleText, sortAlerts,
  type AlertChange, type AlertItem, type LiveInput, type LiveQueueInput, type SlaAlertDetail, type Severity, type Threshold,
} from './alerts.model.js';
import { hasKey, t as tIn } from '../../l10n/index.js';
import { ALERTS, type AlertsKey } from '../../l10n/alerts.js';
import { formatMetric } from '../common/format.js';
import { localeOf, t, word } from '../common/i18n.js';
import { SourceController, viewStatus } from '../common/source-controller.js';
import type { StreamStatus, ViewResult } from '../../protocol/index.js';
import { errorWords } from '../../l10n/errors.js';

export type { AlertItem, SlaAlertDetail, Threshold };
export type AlertsState = 'ready' | 'loading' | 'no-data' | 'error' | 'stale';

/** Detail of `sla-alert-acknowledge`: someone marked an alert seen (or not). */
export interface AlertAcknowledgeDetail {
  id: string;
  severity: Severity;
  queue: string | null;
  metric: string | null;
  acknowledged: boolean;
}

/** What `applyData` takes: a live state, the stream's state, and the widget's state. */
export interface AlertsData {
  live?: LiveInput | null;
  stream?: { state: StreamStatus['state']; staleSince: number | null } | null;
  state?: AlertsState;
  error?: string;
  progress?: number | null;
  /** The zone the times are shown in. */
  timeZone?: string;
}

const ICONS: Record<Severity, string> = { breach: '◆', near: '▲', stale: '◌' };
const SEVERITY_KEY: Record<Severity, AlertsKey> = { breach: 'severityBreach', near: 'severityNear', stale: 'severityStale' };

/**
 * The live alerts: near breach, breach and stale data, one per queue and threshold, newest first; each says
 * its severity in words and with an icon, the queue, the metric, its value against the threshold, and since
 * when, with an acknowledge button. Thresholds are the engine's (AlertMonitor: one event per crossing, with
 * hysteresis). A visually hidden polite live region says new and cleared alerts, coalesced, at most once per
 * `announce-interval`.
 *
 * Default thresholds (when `thresholds` is not set), from the source's service level (80/20 by default):
 * projected service level of the running interval below the SL target (near within 5 points); longest wait
 * above 3 × the SL threshold (60 s for 80/20, near within 10 %); more than 20 contacts waiting (near from 18).
 *
 * @summary Live alerts for a contact center's queues, announced politely.
 *
 * @csspart header - the title, the count and the connection note
 * @csspart title - the widget's title ("Alerts")
 * @csspart count - how many alerts stand
 * @csspart note - "reconnecting…" while the stream is lost
 * @csspart list - the list of alerts
 * @csspart alert - one alert (with `data-severity` breach / near / stale and `data-acknowledged`)
 * @csspart acknowledged - an alert someone acknowledged (beside `alert`)
 * @csspart icon - the severity's icon
 * @csspart severity - the severity in words
 * @csspart text - what crossed: queue, metric, value, threshold
 * @csspart queue - the queue's name
 * @csspart metric - the metric's name
 * @csspart value - the figure
 * @csspart threshold - the threshold it crossed
 * @csspart since - since when (stream time, in the source's zone)
 * @csspart seen - "seen" on an acknowledged alert
 * @csspart ack - the acknowledge button
 * @csspart more - how many alerts are not listed (beyond `max`)
 * @csspart empty - "No alerts" with the last check time
 * @csspart state - loading, no live data or error text
 *
 * @cssproperty --sla-alerts-font-size - the widget's font size
 * @cssproperty --sla-color-warn - the colour of near
 * @cssproperty --sla-color-breach - the colour of breach
 * @cssproperty --sla-color-muted - acknowledged alerts and secondary text
 *
 * @fires sla-alert - an alert was raised or cleared by the data (detail: the engine's AlertEvent, or kind stale / recovered for the stream); never when the page sets a property
 * @fires sla-alert-acknowledge - the user acknowledged an alert or took the acknowledgement back
 */
export class SlaAlerts extends LitElement {
  static override styles = alertsStyles;

  /** The id of an <sla-source> (else the nearest ancestor source, if any). Without one, set `alerts` yourself. */
  @property() source: string | null = null;
  /** The thresholds (the engine's Threshold). Unset: the defaults above, from the source's SL. */
  @property({ attribute: false }) thresholds: Threshold[] | null = null;
  /** Only these queues (a name, or names separated by commas). */
  @property() queue: string | null = null;
  /** Most alerts listed (the rest are counted). */
  @property({ type: Number }) max = 20;
  /** Fewest milliseconds between two announcements of the live region. */
  @property({ type: Number, attribute: 'announce-interval' }) announceInterval = 2000;
  /** Most often the source updates the widget (ms). */
  @property({ type: Number }) throttle = 1000;
  /**
   * The standing alerts. Set it for a finished list with no source (no events, no announcements); with a
   * source, read it: the widget keeps it.
   */
  @property({ attribute: false }) alerts: AlertItem[] = [];
  /** What the widget shows besides the list: loading, no-data (no live data), stale, error. */
  @property({ reflect: true }) state: AlertsState = 'ready';
  /** The error message when state is error. */
  @property() error = '';
  /** Loading progress (0–1) when known. */
  @property({ type: Number }) progress: number | null = null;
  /** When the thresholds were last checked (stream time, ms): shown with "No alerts". */
  @property({ type: Number, attribute: 'checked-at' }) checkedAt: number | null = null;
  /** The zone times are shown in, without a source (a source's zone wins). */
  @property() tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  /** The accessible name and title (default "Alerts" in the page's language). */
  @property() label = '';
  /** Wall-clock milliseconds (for "no data for 45 s" and the announcements' pacing); a fixed clock in stories and tests. */
  @property({ attribute: false }) clock: () => number = () => Date.now();

  /** What the live region says now. */
  @state() private spoken = '';
  @state() private note: 'connecting' | 'reconnecting' | '' = '';

  private readonly model = new AlertsModel(defaultThresholds(), () => this.clock());
  private readonly announcer = new Announcer(2000, () => this.clock());
  private ownAlerts: AlertItem[] | null = null;
  private sl = { target: 0.8, thresholdSec: 20 };
  private zone: string | null = null;
  private datasetId: string | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;

  private readonly data = new SourceController(this, () => ({ by: ['queue'], filter: this.queues ? { queue: this.queues } : undefined }), (r) => this.fromSource(r));

  private get queues(): string[] | null {
    const q = (this.queue ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    return q.length ? q : null;
  }

  private get effectiveThresholds(): Threshold[] {
    return this.thresholds ?? defaultThresholds(this.sl);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.scheduleAnnouncement();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.announceTimer) clearTimeout(this.announceTimer);
    this.announceTimer = null;
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('announceInterval')) {
      this.announcer.interval = Math.max(0, this.announceInterval || 0);
      if (this.announceTimer) { clearTimeout(this.announceTimer); this.announceTimer = null; this.scheduleAnnouncement(); }
    }
    // The page's own list: taken as it is, no events.
    if (changed.has('alerts') && this.alerts !== this.ownAlerts) this.model.load(this.alerts);
    // The page's thresholds: the standing alerts are worked out again from the last live state, silently.
    if (changed.has('thresholds') && (this.thresholds || changed.get('thresholds'))) this.setOwnAlerts(() => this.model.setThresholds(this.effectiveThresholds));
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('source') && changed.get('source') !== undefined) || (changed.has('queue') && changed.get('queue') !== undefined)) void this.data.resubscribe();
    // "No data for 45 s" counts up while the stream is quiet.
    const stale = this.alerts.some((a) => a.severity === 'stale');
    if (stale && !this.ticker) this.ticker = setInterval(() => this.requestUpdate(), 1000);
    else if (!stale && this.ticker) { clearInterval(this.ticker); this.ticker = null; }
  }

  private setOwnAlerts(change?: () => void): void {
    change?.();
    this.ownAlerts = this.model.list();
    this.alerts = this.ownAlerts;
  }

  /** A source's view: its live queue state (with each queue's figures so far) and its stream's state. */
  private fromSource(r: ViewResult): void {
    const st = r.status;
    if (st.id && st.id !== this.datasetId) {
      // Another dataset: what stood for the old one is gone (no events: nothing happened in the data).
      if (this.datasetId !== null) { this.model.reset(); this.announcer.clear(); this.setOwnAlerts(); }
      this.datasetId = st.id;
    }
    const sl = r.definitions.serviceLevel;
    if (sl.target !== this.sl.target || sl.thresholdSec !== this.sl.thresholdSec) {
      this.sl = { target: sl.target, thresholdSec: sl.thresholdSec };
      if (!this.thresholds) this.setOwnAlerts(() => this.model.setThresholds(this.effectiveThresholds));
    }
    const stream = st.stream;
    const live = r.live;
    const started = !!live && Number.isFinite(live.now);
    let state: AlertsState;
    let error = '';
    if (st.state === 'error') { state = 'error'; error = st.error ? errorWords(st.error, this.locale) : ''; }
    else if (stream?.state === 'error') { state = 'error'; error = this.s('streamFailed') + (stream.error ? `: ${stream.error}` : ''); }
    else if (st.state === 'loading' || st.state === 'empty' || (stream && !started)) state = 'loading';
    else if (!live) state = 'no-data';
    else state = stream?.state === 'stale' ? 'stale' : 'ready';
    this.note = stream && !started && stream.state === 'connecting' ? 'connecting' : started && stream?.state === 'connecting' ? 'reconnecting' : '';
    let input: LiveInput | null = null;
    if (started) {
      const byQueue = new Map(r.groups.map((g) => [g.by.queue ?? g.key, g]));
      input = {
        now: live!.now,
        queues: live!.queues.map((q): LiveQueueInput => {
          const g = byQueue.get(q.queue);
          return { queue: q.queue, waiting: q.waiting, longestWait: q.longestWait, projectedServiceLevel: (q as { projectedServiceLevel?: number | null }).projectedServiceLevel ?? null, serviceLevel: g?.serviceLevel ?? null, abandonRate: g?.abandonRate ?? null, asa: g?.asa ?? null };
        }),
      };
    }
    this.applyData({
      live: input,
      stream: stream ? { state: stream.state, staleSince: stream.staleSince } : null,
      state,
      error,
      progress: viewStatus(r, this.locale).progress,
      timeZone: r.definitions.timeZone,
    });
  }

  /**
   * New data (a source, or a page's own feed): each raise and clear it causes fires `sla-alert` and is queued
   * for the live region. A page that sets `alerts` or `thresholds` itself gets no event.
   */
  applyData(data: AlertsData): AlertChange[] {
    if (data.state) this.state = data.state;
    if (data.error !== undefined) this.error = data.error;
    if (data.progress !== undefined) this.progress = data.progress;
    if (data.timeZone) this.zone = data.timeZone;
    const changes: AlertChange[] = [];
    if (data.stream) changes.push(...this.model.stream(data.stream.state, data.stream.staleSince));
    if (data.live) {
      const only = this.queues;
      const live = only ? { ...data.live, queues: data.live.queues.filter((q) => only.includes(q.queue)) } : data.live;
      changes.push(...this.model.update(live));
      if (this.model.lastCheck !== null) this.checkedAt = this.model.lastCheck;
    }
    this.setOwnAlerts();
    for (const c of changes) {
      this.dispatchEvent(new CustomEvent<SlaAlertDetail>('sla-alert', { detail: c.detail, bubbles: true, composed: true }));
    }
    if (changes.length) {
      this.announcer.push(changes.map((c) => ({ change: c.change, item: c.item })));
      this.scheduleAnnouncement();
    }
    return changes;
  }

  private scheduleAnnouncement(): void {
    if (this.announceTimer || !this.isConnected) return;
    const wait = this.announcer.wait();
    if (wait === null) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.announce();
    }, wait);
  }

  private announce(): void {
    const batch = this.announcer.take();
    if (batch) {
      const text = announcementText(batch, this.locale, this.clock());
      // The same words again must still be heard: a no-break space makes them a change.
      this.spoken = text === this.spoken.trimEnd() ? `${text}\u00a0` : text;
    }
    this.scheduleAnnouncement();
  }

  private toggle(item: AlertItem): void {
    const on = !item.acknowledged;
    if (!this.model.acknowledge(item.id, on)) return;
    this.setOwnAlerts();
    this.dispatchEvent(new CustomEvent<AlertAcknowledgeDetail>('sla-alert-acknowledge', {
      detail: { id: item.id, severity: item.severity, queue: item.queue, metric: item.metric, acknowledged: on }, bubbles: true, composed: true,
    }));
  }

  private get locale(): string {
    return localeOf(this);
  }

  private s(key: AlertsKey, vars?: Record<string, string | number>): string {
    return tIn(ALERTS, this.locale, key, vars);
  }

  private get timeZone(): string {
    return this.zone ?? this.tz;
  }

  protected override render() {
    const l = this.locale;
    const zone = this.timeZone;
    const now = this.clock();
    const only = this.queues;
    const items = sortAlerts(this.alerts.filter((a) => a.id === STALE_ID || !only || (a.queue !== null && only.includes(a.queue))));
    const shown = items.slice(0, Math.max(0, this.max));
    const title = this.label || this.s('title');
    const rules = this.effectiveThresholds.map((x) => `${alertMetricName(x.metric, l)} ${x.metric === 'projectedServiceLevel' || x.metric === 'serviceLevel' ? '<' : '>'} ${formatMetric(x.metric, x.threshold, l)}`).join('; ');
    const showList = this.state === 'ready' || this.state === 'stale' || (this.state === 'no-data' && items.length > 0);
    return html`
      <div part="header" title=${rules}>
        <span part="title" id="title">${title}</span>
        ${showList && items.length ? html`<span part="count" aria-hidden="true">${items.length}</span>` : nothing}
        ${this.note && showList ? html`<span part="note">${this.s(this.note)}</span>` : nothing}
      </div>
      ${this.state === 'loading' ? html`<p part="state" data-kind="loading">${this.progress !== null ? word(l, 'loadingPct', { pct: Math.round(this.progress * 100) }) : this.note === 'connecting' ? this.s('connecting') : word(l, 'loading')}</p>`
        : this.state === 'error' ? html`<p part="state" data-kind="error">${this.error ? `${word(l, 'error')}: ${this.error}` : word(l, 'error')}</p>`
        : this.state === 'no-data' && !items.length ? html`<p part="state" data-kind="no-data">${this.s('noLive')}</p>`
        : !items.length ? html`<p part="empty"><span part="icon" aria-hidden="true">✓</span> ${this.s('noAlerts')}${this.checkedAt !== null ? html` · <span part="since">${this.s('lastCheck', { time: formatClock(this.checkedAt, l, zone) })}</span>` : nothing}</p>`
        : html`
          <ul part="list" aria-label=${`${title} (${items.length})`}>
            ${repeat(shown, (a) => a.id, (a) => this.item(a, l, zone, now))}
          </ul>
          ${items.length > shown.length ? html`<p part="more">${this.s('notShown', { n: items.length - shown.length })}</p>` : nothing}`}
      <div class="sr" role="status" aria-live="polite" aria-atomic="true">${this.spoken}</div>
    `;
  }

  private item(a: AlertItem, l: string, zone: string, now: number) {
    const sentence = alertSentence(a, l, now);
    return html`
      <li part=${a.acknowledged ? 'alert acknowledged' : 'alert'} data-severity=${a.severity} ?data-acknowledged=${a.acknowledged} title=${ruleText(a, l, zone)}>
        <span part="icon" aria-hidden="true">${ICONS[a.severity]}</span>
        <span part="severity">${this.s(SEVERITY_KEY[a.severity])}</span>
        ${a.severity === 'stale'
          ? html`<span part="text">${sentence}</span>
            <span part="since">${this.s('staleSince', { time: formatClock(a.since, l, zone) })}</span>`
          : html`<span part="text"><span part="queue">${a.queue}</span> <span part="metric">${alertMetricName(a.metric, l)}</span>
              <span part="value">${formatMetric(a.metric!, a.value, l)}</span> <span part="threshold">(${limitText(a, l)})</span></span>
            <span part="since">${this.s('since', { time: formatClock(a.since, l, zone) })}${a.escalated ? ` · ${this.s('escalated')}` : ''}${a.acknowledged ? html` · <span part="seen">${this.s('seen')}</span>` : nothing}</span>`}
        <button part="ack" type="button" aria-pressed=${a.acknowledged ? 'true' : 'false'}
          aria-label=${`${this.s('acknowledge')}: ${a.severity === 'stale' ? `${this.s('severityStale')}, ${sentence}` : sentence}`}
          @click=${() => this.toggle(a)}><span aria-hidden="true">${a.acknowledged ? '✓ ' : ''}</span>${this.s('acknowledge')}</button>
      </li>`;
  }
}

