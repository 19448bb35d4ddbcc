import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SlaDataWidget, afterNextFrame } from '../common/data-widget.js';
import { queueBoardStyles } from './queue-board.styles.js';
import { boardRows, COLUMNS, type BoardRow, type BoardThresholds, type Column, type QueueRow } from './queue-board.model.js';
import { formatMetric, noData } from '../common/format.js';
import { ago, localeOf, t, word } from '../common/i18n.js';
import { hasKey, t as tIn } from '../../l10n/index.js';
import { BOARD, type BoardKey } from '../../l10n/board.js';
import { SourceController, viewStatus } from '../common/source-controller.js';
import type { Status } from '../../engine/agreement/status.js';
import type { ViewResult } from '../../protocol/index.js';
import type { StateCategory } from '../../engine/types.js';

const METRIC: Record<Column, string> = {
  queue: 'queue', waiting: 'waiting', longestWait: 'longestWait', serviceLevelToday: 'serviceLevel',
  serviceLevelInterval: 'serviceLevel', abandonRate: 'abandonRate', asa: 'asa', offered: 'offered',
};

export type BoardState = 'ready' | 'loading' | 'no-data' | 'error' | 'stale';

/** Detail of `sla-status-change` from the board: a queue's row changed status because of new data. */
export interface QueueStatusDetail {
  queue: string;
  status: Status | null;
  previous: Status | null;
}

/**
 * A live table per queue: waiting, longest wait, service level today and in the running interval,
 * abandonment, ASA; sortable by pointer and keyboard; rows turn warn or breach by the thresholds.
 *
 * @summary The queue board of the wallboard and the portal.
 * @csspart table - the table
 * @csspart agents - agents by category (from a live source)
 * @csspart state - loading, no data, stale or error text
 * @cssproperty --sla-board-font-size - the table's font size
 * @fires sla-status-change - a queue's status changed because of new data
 * @fires sla-sort - the user sorted the board ({ by, dir })
 */
export class SlaQueueBoard extends SlaDataWidget {
  static override styles = queueBoardStyles;

  /** The rows, when the page gives them (no source). */
  @property({ attribute: false }) rows: QueueRow[] = [];
  @property({ attribute: false }) thresholds: BoardThresholds = {};
  @property({ attribute: 'sort-by' }) sortBy: Column = 'queue';
  @property({ attribute: 'sort-dir' }) sortDir: 'asc' | 'desc' = 'asc';
  /** The table's accessible name (default "Queues" in the page's language). */
  @property() label = '';
  @state() private agents: Record<StateCategory, number> | null = null;
  /** What the board shows besides the rows: loading, no-data, stale, error (set by a source, or by the page). */
  @property({ reflect: true }) state: BoardState = 'ready';

  private readonly previous = new Map<string, (Status | null)[]>();
  /** The rows as the data last judged them (applyRows), for the render that follows. */
  private judged: { rows: QueueRow[]; thresholds: BoardThresholds; by: Column; dir: 'asc' | 'desc'; computed: BoardRow[] } | null = null;
  private readonly lastStatus = new Map<string, Status | null>();
  private readonly data = new SourceController(this, () => ({ by: ['queue', 'day'] }), (r) => this.fromSource(r));

  /**
   * Rows drawn: a board that shows its rows for the first time (a wallboard opening on 50 queues) draws a dozen a
   * frame, so that no one frame lays out the whole table; every later update draws all of them.
   */
  private rowsDrawn = Infinity;
  private static readonly ROWS_PER_FRAME = 12;
  private drawingMore = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('rows') as QueueRow[] | undefined;
    if (changed.has('rows') && (before?.length ?? 0) === 0 && this.rows.length > SlaQueueBoard.ROWS_PER_FRAME) this.rowsDrawn = SlaQueueBoard.ROWS_PER_FRAME;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('source') && changed.get('source') !== undefined) void this.data.resubscribe();
    if (this.rowsDrawn < this.rows.length && !this.drawingMore) {
      this.drawingMore = true;
      // A page the browser does not draw (a hidden tab) still gets every row (afterNextFrame gives up waiting).
      void afterNextFrame().then(() => {
        this.drawingMore = false;
        this.rowsDrawn = this.rowsDrawn + SlaQueueBoard.ROWS_PER_FRAME >= this.rows.length ? Infinity : this.rowsDrawn + SlaQueueBoard.ROWS_PER_FRAME;
        this.requestUpdate();
      });
    }
  }

  /** Rows from a source's view: today's figures per queue, and the live queue state when the source streams. */
  private fromSource(r: ViewResult): void {
    const lastDay = r.groups.reduce((d, g) => (g.by.day! > d ? g.by.day! : d), '');
    const today = new Map(r.groups.filter((g) => g.by.day === lastDay).map((g) => [g.by.queue!, g]));
    const live = new Map((r.live?.queues ?? []).map((q) => [q.queue, q]));
    const names = [...new Set([...today.keys(), ...live.keys()])];
    const rows: QueueRow[] = names.map((queue) => {
      const g = today.get(queue), l = live.get(queue);
      return {
        queue,
        waiting: l ? l.waiting : null,
        longestWait: l ? l.longestWait : null,
        serviceLevelToday: g?.serviceLevel ?? null,
        serviceLevelInterval: (l as { projectedServiceLevel?: number | null } | undefined)?.projectedServiceLevel ?? null,
        abandonRate: g?.abandonRate ?? null,
        asa: g?.asa ?? null,
        offered: g?.offered ?? null,
      };
    });
    this.agents = r.live?.agents ?? null;
    ({ state: this.state, error: this.error, progress: this.progress, updatedAt: this.updatedAt, partial: this.partial } = viewStatus(r, localeOf(this)));
    this.applyRows(rows);
  }

  /** New rows from the data: status changes fire `sla-status-change` (a page setting `rows` gets none). */
  applyRows(rows: QueueRow[]): void {
    this.rows = rows;
    // Figures so far of a file being read are judged against no threshold (no status, no event) until it ends.
    if (this.partial !== null) return;
    const computed = boardRows(rows, this.thresholds, { by: this.sortBy, dir: this.sortDir }, this.previous);
    // The render draws these very statuses (those the events said), unless the order or thresholds change first.
    this.judged = { rows, thresholds: this.thresholds, by: this.sortBy, dir: this.sortDir, computed };
    for (const row of computed) {
      const before = this.lastStatus.get(row.queue) ?? null;
      if (row.status !== before) {
        this.lastStatus.set(row.queue, row.status);
        this.dispatchEvent(new CustomEvent<QueueStatusDetail>('sla-status-change', { detail: { queue: row.queue, status: row.status, previous: before }, bubbles: true, composed: true }));
      }
    }
  }

  private sort(by: Column): void {
    this.sortDir = this.sortBy === by && this.sortDir === 'asc' ? 'desc' : 'asc';
    this.sortBy = by;
    this.dispatchEvent(new CustomEvent('sla-sort', { detail: { by, dir: this.sortDir }, bubbles: true, composed: true }));
  }

  /** A figure; a queue with nobody waiting has no longest wait to show: a dash, not "no data". */
  private cell(c: Column, r: QueueRow, locale: string): string {
    if (c === 'longestWait' && r.longestWait === null && r.waiting === 0) return '–';
    return formatMetric(METRIC[c], r[c] as number | null, locale);
  }

  protected override render() {
    const locale = localeOf(this);
    const s = (key: BoardKey, vars?: Record<string, string | number>) => tIn(BOARD, locale, key, vars);
    const note = this.state === 'loading' ? (this.progress !== null ? word(locale, 'loadingPct', { pct: Math.round(this.progress * 100) }) : word(locale, 'loading'))
      : this.state === 'error' ? this.error || word(locale, 'error')
      : this.state === 'stale' ? s('stale', { ago: ago(this.updatedAt, locale) })
      : this.partial !== null ? word(locale, 'soFar', { pct: Math.round(this.partial * 100) })
      : '';
    // Statuses for display without moving the hysteresis memory (a copy).
    const j = this.judged;
    const rows = j && this.partial === null && j.rows === this.rows && j.thresholds === this.thresholds && j.by === this.sortBy && j.dir === this.sortDir ? j.computed
      : boardRows(this.rows, this.partial !== null ? {} : this.thresholds, { by: this.sortBy, dir: this.sortDir }, new Map(this.previous));
    const cols = COLUMNS.filter((c) => c === 'queue' || rows.some((r) => r[c] !== null));
    const drawn = this.rowsDrawn < rows.length ? rows.slice(0, this.rowsDrawn) : rows;
    // Each column's name once (the cells' labels for the narrow layout), not once per cell.
    const names = new Map(cols.map((c) => [c, s(c)]));
    return html`
      <table part="table" class="stack" aria-label=${this.label || s('label')}>
        <thead>
          <tr>
            ${cols.map((c) => html`<th scope="col" aria-sort=${this.sortBy === c ? (this.sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}>
              <button type="button" @click=${() => this.sort(c)}>${names.get(c)!}<span aria-hidden="true">${this.sortBy === c ? (this.sortDir === 'asc' ? ' ▲' : ' ▼') : ''}</span></button>
            </th>`)}
          </tr>
        </thead>
        <tbody>
          ${drawn.map((r) => html`<tr data-status=${r.status ?? 'none'}>
            ${cols.map((c) => c === 'queue'
              ? html`<th scope="row"><bdi>${r.queue}</bdi>${r.status && r.status !== 'ok' ? html`<span class="status" data-status=${r.status}> · ${word(locale, r.status)}</span>` : nothing}</th>`
              : html`<td data-status=${r.cells[c] ?? 'none'} data-label=${names.get(c)!}>${this.cell(c, r, locale)}</td>`)}
          </tr>`)}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<div part="state" data-kind=${note ? this.state : 'no-data'}>${note || noData(locale)}</div>` : note ? html`<div part="state" data-kind=${this.state} aria-live="polite">${note}</div>` : nothing}
      ${this.agents && !Object.values(this.agents).some((n) => n > 0) ? html`<div part="agents">${s('agentsNoData')}</div>`
        : this.agents ? html`<div part="agents">${s('agents', { available: this.agents.available, handling: this.agents.handling, offPhone: this.agents['productive-off-phone'], away: this.agents.unproductive })}</div>` : nothing}
    `;
  }
}
