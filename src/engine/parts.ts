/**
 * Additive parts of the contact metrics (docs/metrics.md §5): per time slot × queue (and channel, tier, agent
 * where kept), counts and sums in one Float64Array, plus sparse wait histograms of answered, abandoned and
 * callback contacts. Every figure of any period or group is a sum of parts, then one division, so any
 * threshold and short-abandon setting is answered without re-reading rows. Parts merge associatively.
 */
import { CellIndex } from './cell-index.js';
import { BUCKETS, bucketOf } from './histogram.js';
import type { Contact } from './types.js';

/** The offsets of a cell's fields in `ContactParts.values`. */
export const F = {
  answered: 0,
  /** Every abandon: short, after T, and of unknown wait. */
  abandoned: 1,
  abandonedUnknownWait: 2,
  flowout: 3,
  callback: 4,
  callbackUnknownWait: 5,
  voicemail: 6,
  answerWaitSum: 7,
  talkSum: 8,
  talkN: 9,
  holdSum: 10,
  holdN: 11,
  wrapSum: 12,
  wrapN: 13,
  resolved: 14,
  resolvedKnown: 15,
  csatN: 16,
  csatTop: 17,
  csatSum: 18,
  npsN: 19,
  npsPromoters: 20,
  npsDetractors: 21,
  qaN: 22,
  qaSum: 23,
  transferred: 24,
  /** Answered contacts whose wait is not known (an export with no wait and no answer time): in no SL or ASA. */
  answeredUnknownWait: 25,
} as const;
export const NF = 26;

/** Histogram kinds. */
export const H_ANSWERED = 0;
export const H_ABANDONED = 1;
export const H_CALLBACK = 2;

export type Dimension = 'queue' | 'channel' | 'tier' | 'agent';
export const OPTIONAL_DIMENSIONS: readonly Dimension[] = ['channel', 'tier', 'agent'];

/**
 * The slot length that holds intervals of a given length (docs/metrics.md §5): 5-minute slots for 5-minute
 * intervals, else 15 (15-, 30- and 60-minute intervals are sums of 15-minute slots).
 */
export function slotMinutesFor(intervalMinutes: number | undefined): 5 | 15 {
  return intervalMinutes === 5 ? 5 : 15;
}

/** A dimension past the number of distinct values the parts hold: the row that brings one more is rejected. */
export class TooManyValues extends RangeError {
  constructor(readonly what: string, readonly limit: number) {
    super(`too many distinct ${what} values (at most ${limit})`);
  }
}

/** A string dictionary: values by index (0 = absent), indexes by value. */
export class Dict {
  readonly values: string[] = [''];
  private readonly index = new Map<string, number>();
  constructor(private readonly limit: number, private readonly what: string) {}
  id(v: string | undefined): number {
    if (v === undefined || v === '') return 0;
    let i = this.index.get(v);
    if (i === undefined) {
      i = this.values.length;
      if (i >= this.limit) throw new TooManyValues(this.what, this.limit - 1);
      this.values.push(v);
      this.index.set(v, i);
    }
    return i;
  }
  get size(): number {
    return this.values.length - 1;
  }
  /** Restores values saved from `values` (index 0 is the absent value). */
  static from(values: readonly string[], limit: number, what: string): Dict {
    const d = new Dict(limit, what);
    for (let i = 1; i < values.length; i++) d.id(values[i]);
    return d;
  }
}

export interface PartsOptions {
  /** Slot length in minutes: 5 or 15 (every 30- and 60-minute interval is a union of slots). */
  slotMinutes: 5 | 15;
  /** Optional dimensions kept in the cell key; queue is always kept. */
  dimensions: readonly Dimension[];
  /** Keep what FCR by repeat contact needs (customer, queue and arrival of each contact). */
  keepRepeats: boolean;
}

/** More series (queue × channel × tier × agent) than parts may hold: a query numbers its groups by it too. */
export const SERIES_SPACE = 2 ** 30;
/** Distinct queues (4,194,303) and channels or tiers (4,095) the parts hold; memory is the bound long before. */
const QUEUE_LIMIT = 2 ** 22;
const TAG_LIMIT = 2 ** 12;

export class ContactParts {
  readonly opts: PartsOptions;
  readonly slotMs: number;
  queues = new Dict(QUEUE_LIMIT, 'queue');
  channels = new Dict(TAG_LIMIT, 'channel');
  tiers = new Dict(TAG_LIMIT, 'tier');
  agents = new Dict(2 ** 26, 'agent');
  customers = new Dict(2 ** 31, 'customer');

  /** Series (a combination of dimension values) → id, and back. */
  private readonly seriesIndex = new Map<number, number>();
  private readonly combos = new Map<number, number>();
  private lastComboKey = -1;
  private lastCombo = 0;
  seriesQueue = new Int32Array(16);
  seriesChannel = new Int32Array(16);
  seriesTier = new Int32Array(16);
  seriesAgent = new Int32Array(16);
  seriesCount = 0;
  /** Per series, the last slot and cell touched: rows mostly come in time order, so most adds skip the map. */
  private seriesLastSlot = new Int32Array(16).fill(-1);
  private seriesLastCell = new Int32Array(16);

  /** Cell index by slot and series. */
  private cellIndex = new CellIndex();
  cellSlot = new Int32Array(1024);
  cellSeries = new Int32Array(1024);
  values = new Float64Array(1024 * NF);
  cellCount = 0;

  /** Histogram entries appended as (cell·4 + kind, bucket); sealed into per-cell runs on demand. */
  private histKey = new Uint32Array(4096);
  private histBucket = new Uint16Array(4096);
  /** +1 for an added wait, −1 for a removed one (a live contact that changed). */
  private histSign = new Int8Array(4096);
  private histLen = 0;
  private sealed: SealedHistograms | null = null;

  /** Repeat-contact index (FCR by repeat): one entry per contact with a known customer. */
  repCustomer = new Int32Array(0);
  repQueue = new Int32Array(0);
  repArrived = new Float64Array(0);
  repCell = new Int32Array(0);
  repAnswered = new Uint8Array(0);
  repResolvedFlag = new Int8Array(0);
  repLen = 0;

  /** Earliest and latest arrival seen (ms), NaN when empty. */
  firstArrival = NaN;
  lastArrival = NaN;
  contacts = 0;

  private readonly keepChannel: boolean;
  private readonly keepTier: boolean;
  private readonly keepAgent: boolean;

  constructor(opts: Partial<PartsOptions> = {}) {
    this.opts = {
      slotMinutes: opts.slotMinutes ?? 15,
      dimensions: opts.dimensions ?? OPTIONAL_DIMENSIONS,
      keepRepeats: opts.keepRepeats ?? false,
    };
    this.slotMs = this.opts.slotMinutes * 60_000;
    this.keepChannel = this.opts.dimensions.includes('channel');
    this.keepTier = this.opts.dimensions.includes('tier');
    this.keepAgent = this.opts.dimensions.includes('agent');
    if (this.opts.keepRepeats) this.growRepeats(1024);
  }

  private seriesOf(q: number, ch: number, ti: number, ag: number): number {
    // (agent, tier, channel) as one id, then with the queue: both keys stay exact doubles (< 2^53).
    const comboKey = (ag * TAG_LIMIT + ti) * TAG_LIMIT + ch;
    let combo = comboKey === this.lastComboKey ? this.lastCombo : this.combos.get(comboKey);
    if (combo === undefined) this.combos.set(comboKey, (combo = this.combos.size));
    this.lastComboKey = comboKey;
    this.lastCombo = combo;
    const key = combo * QUEUE_LIMIT + q;
    let s = this.seriesIndex.get(key);
    if (s === undefined) {
      s = this.seriesCount++;
      if (s >= SERIES_SPACE) throw new RangeError('too many combinations of queue, channel, tier and agent');
      if (s >= this.seriesQueue.length) {
        const n = this.seriesQueue.length * 2;
        this.seriesQueue = grow32(this.seriesQueue, n);
        this.seriesChannel = grow32(this.seriesChannel, n);
        this.seriesTier = grow32(this.seriesTier, n);
        this.seriesAgent = grow32(this.seriesAgent, n);
        this.seriesLastCell = grow32(this.seriesLastCell, n);
        const ls = new Int32Array(n).fill(-1);
        ls.set(this.seriesLastSlot);
        this.seriesLastSlot = ls;
      }
      this.seriesQueue[s] = q;
      this.seriesChannel[s] = ch;
      this.seriesTier[s] = ti;
      this.seriesAgent[s] = ag;
      this.seriesIndex.set(key, s);
    }
    return s;
  }

  /** The cell of a slot and series, created when new. */
  cellOf(slot: number, series: number): number {
    if (this.seriesLastSlot[series] === slot) return this.seriesLastCell[series];
    const c = this.cellOfSlow(slot, series);
    this.seriesLastSlot[series] = slot;
    this.seriesLastCell[series] = c;
    return c;
  }

  /** Set after a restore: the cell index is rebuilt on the first new cell, not while reopening. */
  private cellIndexStale = false;

  private cellOfSlow(slot: number, series: number): number {
    if (this.cellIndexStale) {
      this.cellIndexStale = false;
      const index = new CellIndex();
      for (let c = 0; c < this.cellCount; c++) index.add(this.cellSlot[c], this.cellSeries[c], c);
      this.cellIndex = index;
    }
    let c = this.cellIndex.get(slot, series);
    if (c < 0) {
      c = this.newCell(slot, series);
      this.cellIndex.add(slot, series, c);
    }
    return c;
  }

  /** A new cell of a slot and series (not filed in the index: the caller does, or marks the index stale). */
  private newCell(slot: number, series: number): number {
    const c = this.cellCount++;
    // Fourfold: room not yet written costs no memory (a large array's pages are the system's zero pages until
    // written), while each growth copies every cell so far into fresh memory, whose first write is what costs
    // most (3–5 ms per MB in a browser's worker here): doubling wrote about twice the cells' bytes, this 1.3×.
    if (c >= this.cellSlot.length) this.reserveCells(this.cellSlot.length * 4);
    this.cellSlot[c] = slot;
    this.cellSeries[c] = series;
    return c;
  }

  /** Room for `n` cells (grown, never shrunk): one copy of the values for parts about to take many more. */
  reserveCells(n: number): void {
    if (n <= this.cellSlot.length) return;
    this.cellSlot = grow32(this.cellSlot, n);
    this.cellSeries = grow32(this.cellSeries, n);
    const v = new Float64Array(n * NF);
    v.set(this.values.subarray(0, this.cellCount * NF));
    this.values = v;
  }

  private addHist(cell: number, kind: number, wait: number, sign = 1): void {
    this.addHistBucket(cell, kind, bucketOf(wait), sign);
  }

  /** The last few queue names seen and their ids: readers reuse queue strings, so most lookups are a pointer compare. */
  private recentQueue: string[] = [];
  private recentQueueId: number[] = [];

  private queueId(name: string): number {
    const r = this.recentQueue;
    for (let i = 0; i < r.length; i++) if (r[i] === name) return this.recentQueueId[i];
    const id = this.queues.id(name);
    if (r.length < 16) { r.push(name); this.recentQueueId.push(id); }
    return id;
  }

  /** Series by queue alone (when no other dimension is kept). */
  private queueSeries: number[] = [];

  /** Adds one contact. The contact object may be reused by the caller afterwards. */
  add(c: Contact): void {
    this.apply(c, 1);
  }

  /**
   * Takes a contact out again (a live contact that a later event changed: remove the old, add the new).
   * Not with keepRepeats (repeat entries are not removed).
   */
  remove(c: Contact): void {
    if (this.opts.keepRepeats) throw new Error('parts that keep repeats cannot remove contacts');
    this.apply(c, -1);
  }

  /**
   * FCR by repeat counted elsewhere (parts read from a parts file, docs/parts.md): per cell, the answered contacts
   * of known customers, those not repeated within the window, and those of them whose window had not closed.
   * Such parts answer FCR by repeat for that window only.
   */
  repeatsGiven: { windowMs: number; resolved: Float64Array; known: Float64Array; provisional: Float64Array } | null = null;
  /**
   * Waits counted only at some thresholds (a vendor's interval metrics, docs/parts.md "Vendor aggregates"); null
   * when the histograms hold every wait to its bucket. Merged parts keep the thresholds both know.
   */
  waitsGiven: WaitsGiven | null = null;
  /** Per threshold (seconds), per cell: the contacts a source counted answered (abandoned) within it. */
  withinGiven: { answered: Map<number, Float64Array>; abandoned: Map<number, Float64Array> } | null = null;

  /** Adds a source's count of contacts answered (or abandoned) within `sec` seconds to a cell (vendor aggregates). */
  addWithin(cell: number, kind: 'answered' | 'abandoned', sec: number, count: number): void {
    const m = (this.withinGiven ??= { answered: new Map(), abandoned: new Map() })[kind];
    let a = m.get(sec);
    if (!a || a.length <= cell) {
      const b = new Float64Array(Math.max(1024, (cell + 1) * 2));
      if (a) b.set(a);
      m.set(sec, (a = b));
    }
    a[cell] += count;
  }

  /** A cell's given count within `sec` seconds (0 where none was given). */
  within(kind: 'answered' | 'abandoned', sec: number, cell: number): number {
    const a = this.withinGiven?.[kind].get(sec);
    return a && cell < a.length ? a[cell] : 0;
  }

  /** Adds a snapshot's given within-counts, its cell c counted in this parts' cell `mine(c)`. */
  private addSnapshotWithin(g: NonNullable<PartsSnapshot['withinGiven']>, cells: number, mine: (c: number) => number): void {
    for (const kind of ['answered', 'abandoned'] as const) {
      for (const [sec, buf] of g[kind]) {
        const a = new Float64Array(buf);
        for (let c = 0; c < Math.min(cells, a.length); c++) if (a[c]) this.addWithin(mine(c), kind, sec, a[c]);
      }
    }
  }


  /** The series of a queue, channel, tier and agent by name ('' or undefined: absent; a dimension not kept is ignored). */
  seriesNamed(queue: string, channel?: string, tier?: string, agent?: string): number {
    return this.seriesOf(this.queues.id(queue), this.keepChannel ? this.channels.id(channel) : 0, this.keepTier ? this.tiers.id(tier) : 0, this.keepAgent ? this.agents.id(agent) : 0);
  }

  /**
   * Adds a cell's counts and sums as they were counted elsewhere (a parts file's counts row): `values` in the
   * order of `F`, `contacts` the contacts they count. Returns the cell.
   */
  addCounts(slot: number, series: number, values: ArrayLike<number>, contacts: number): number {
    const cell = this.cellOf(slot, series);
    const o = cell * NF;
    for (let f = 0; f < NF; f++) this.values[o + f] += values[f];
    this.contacts += contacts;
    const start = slot * this.slotMs, end = start + this.slotMs - 1;
    // Only slots are known: the data range is that of the slots (docs/parts.md).
    if (contacts > 0 && !(start >= this.firstArrival)) this.firstArrival = start;
    if (contacts > 0 && !(end <= this.lastArrival)) this.lastArrival = end;
    return cell;
  }

  /**
   * Adds `count` waits of one histogram kind in one bucket to a cell (a parts file's waits row, another parts'
   * sealed run): as weighted entries of up to 127 each (the entries' signs are bytes).
   */
  addWaits(cell: number, kind: number, bucket: number, count: number): void {
    for (let n = count; n > 0; n -= 127) this.addHistBucket(cell, kind, bucket, Math.min(n, 127));
  }

  /** Adds FCR-by-repeat counts made elsewhere for one cell, under one window for all cells. */
  addRepeatCounts(cell: number, windowMs: number, resolved: number, known: number, provisional: number): void {
    let g = this.repeatsGiven;
    if (g && g.windowMs !== windowMs) throw new Error(`cannot add FCR-by-repeat counts of a ${windowMs / 86_400_000}-day window to those of a ${g.windowMs / 86_400_000}-day window`);
    if (!g || g.known.length <= cell) {
      const n = Math.max(1024, (cell + 1) * 2);
      const grow = (a: Float64Array | undefined) => { const b = new Float64Array(n); if (a) b.set(a); return b; };
      g = this.repeatsGiven = { windowMs, resolved: grow(g?.resolved), known: grow(g?.known), provisional: grow(g?.provisional) };
    }
    g.resolved[cell] += resolved;
    g.known[cell] += known;
    g.provisional[cell] += provisional;
    this.repeatCache = null;
  }

  /** Adds a snapshot's given FCR-by-repeat counts, its cell c counted in this parts' cell `mine(c)`. */
  private addSnapshotRepeats(g: NonNullable<PartsSnapshot['repeatsGiven']>, cells: number, mine: (c: number) => number): void {
    const r = new Float64Array(g.resolved), k = new Float64Array(g.known), pv = new Float64Array(g.provisional);
    for (let c = 0; c < cells; c++) if (k[c] || r[c] || pv[c]) this.addRepeatCounts(mine(c), g.windowMs, r[c], k[c], pv[c]);
  }

  /** Whether some contact carries a resolved flag (FCR `auto` then counts by the flag: docs/metrics.md §3). */
  get carriesResolvedFlags(): boolean {
    for (let c = 0; c < this.cellCount; c++) if (this.values[c * NF + F.resolvedKnown] > 0) return true;
    return false;
  }

  /** Whether these parts answer FCR by repeat: they keep each contact's customer, or were given repeat counts. */
  get hasRepeats(): boolean {
    if (this.opts.keepRepeats) return this.customers.values.length > 1;
    const g = this.repeatsGiven;
    if (!g) return false;
    for (let c = 0; c < this.cellCount; c++) if (g.known[c] > 0) return true;
    return false;
  }

  private apply(c: Contact, sign: 1 | -1): void {
    const q = this.queueId(c.queue);
    let series: number;
    if (!this.keepChannel && !this.keepTier && !this.keepAgent) {
      series = this.queueSeries[q] ?? (this.queueSeries[q] = this.seriesOf(q, 0, 0, 0));
    } else {
      const ch = this.keepChannel ? this.channels.id(c.channel) : 0;
      const ti = this.keepTier ? this.tiers.id(c.tier) : 0;
      const ag = this.keepAgent ? this.agents.id(c.agent) : 0;
      series = this.seriesOf(q, ch, ti, ag);
    }
    const slot = Math.floor(c.arrived / this.slotMs);
    const cell = this.cellOf(slot, series);
    const v = this.values;
    const o = cell * NF;
    const wait = c.wait;
    switch (c.outcome) {
      case 'answered':
        v[o + F.answered] += sign;
        if (wait === undefined) v[o + F.answeredUnknownWait] += sign;
        else {
          v[o + F.answerWaitSum] += sign * wait;
          this.addHist(cell, H_ANSWERED, wait, sign);
        }
        if (c.talk !== undefined) { v[o + F.talkSum] += sign * c.talk; v[o + F.talkN] += sign; }
        if (c.hold !== undefined) { v[o + F.holdSum] += sign * c.hold; v[o + F.holdN] += sign; }
        if (c.wrap !== undefined) { v[o + F.wrapSum] += sign * c.wrap; v[o + F.wrapN] += sign; }
        if (c.resolved !== undefined) { v[o + F.resolvedKnown] += sign; if (c.resolved) v[o + F.resolved] += sign; }
        break;
      case 'abandoned':
        v[o + F.abandoned] += sign;
        if (wait === undefined) v[o + F.abandonedUnknownWait] += sign;
        else this.addHist(cell, H_ABANDONED, wait, sign);
        break;
      case 'flowout':
        v[o + F.flowout] += sign;
        break;
      case 'callback':
        v[o + F.callback] += sign;
        if (wait === undefined) v[o + F.callbackUnknownWait] += sign;
        else this.addHist(cell, H_CALLBACK, wait, sign);
        break;
      case 'voicemail':
        v[o + F.voicemail] += sign;
        break;
    }
    if (c.csat !== undefined) { v[o + F.csatN] += sign; v[o + F.csatSum] += sign * c.csat; if (c.csat >= 4) v[o + F.csatTop] += sign; }
    if (c.nps !== undefined) { v[o + F.npsN] += sign; if (c.nps >= 9) v[o + F.npsPromoters] += sign; else if (c.nps <= 6) v[o + F.npsDetractors] += sign; }
    if (c.qa !== undefined) { v[o + F.qaN] += sign; v[o + F.qaSum] += sign * c.qa; }
    if (c.transferred) v[o + F.transferred] += sign;
    if (sign > 0 && this.opts.keepRepeats && c.customer !== undefined && c.customer !== '') this.addRepeat(c, q, cell);
    if (sign > 0 && !(c.arrived >= this.firstArrival)) this.firstArrival = c.arrived;
    if (sign > 0 && !(c.arrived <= this.lastArrival)) this.lastArrival = c.arrived;
    this.contacts += sign;
  }

  private growRepeats(n: number): void {
    const cu = new Int32Array(n); cu.set(this.repCustomer); this.repCustomer = cu;
    const qu = new Int32Array(n); qu.set(this.repQueue); this.repQueue = qu;
    const ar = new Float64Array(n); ar.set(this.repArrived); this.repArrived = ar;
    const ce = new Int32Array(n); ce.set(this.repCell); this.repCell = ce;
    const an = new Uint8Array(n); an.set(this.repAnswered); this.repAnswered = an;
    const rf = new Int8Array(n); rf.set(this.repResolvedFlag); this.repResolvedFlag = rf;
  }

  private addRepeat(c: Contact, q: number, cell: number): void {
    if (this.repLen >= this.repCustomer.length) this.growRepeats(Math.max(1024, this.repCustomer.length * 2));
    const i = this.repLen++;
    this.repCustomer[i] = this.customers.id(c.customer);
    this.repQueue[i] = q;
    this.repArrived[i] = c.arrived;
    this.repCell[i] = cell;
    this.repAnswered[i] = c.outcome === 'answered' ? 1 : 0;
    this.repResolvedFlag[i] = c.resolved === undefined ? -1 : c.resolved ? 1 : 0;
    this.repeatCache = null;
  }

  /**
   * Per-cell histogram runs, built once after the last add: two stable counting sorts (by kind and bucket,
   * then by cell) and a run-length pass, linear in the number of entries.
   */
  histograms(): SealedHistograms {
    if (this.sealed && this.sealed.offsets.length === this.cellCount + 1) return this.sealed;
    if (this.rawFromSealed) this.rebuildRaw();
    const n = this.histLen;
    const cells = this.cellCount;
    const keys = this.histKey, buckets = this.histBucket, signs = this.histSign;
    const K = 3 * BUCKETS;
    const byKey = new Uint32Array(K + 1);
    for (let i = 0; i < n; i++) byKey[(keys[i] & 3) * BUCKETS + buckets[i] + 1]++;
    for (let k = 0; k < K; k++) byKey[k + 1] += byKey[k];
    const first = new Uint32Array(n);
    for (let i = 0; i < n; i++) first[byKey[(keys[i] & 3) * BUCKETS + buckets[i]]++] = i;
    const offsets = new Uint32Array(cells + 1);
    for (let i = 0; i < n; i++) offsets[(keys[i] >>> 2) + 1]++;
    for (let c = 0; c < cells; c++) offsets[c + 1] += offsets[c];
    const pos = offsets.slice(0, cells);
    const order = new Uint32Array(n);
    for (let j = 0; j < n; j++) {
      const i = first[j];
      order[pos[keys[i] >>> 2]++] = i;
    }
    const runOffsets = new Uint32Array(cells + 1);
    const runKey = new Uint32Array(n);
    const runCount = new Uint32Array(n);
    let runs = 0;
    for (let c = 0; c < cells; c++) {
      let j = offsets[c];
      const end = offsets[c + 1];
      while (j < end) {
        const i = order[j];
        const k = ((keys[i] & 3) << 16) | buckets[i];
        let count = signs[i];
        let m = j + 1;
        while (m < end) {
          const i2 = order[m];
          if ((((keys[i2] & 3) << 16) | buckets[i2]) !== k) break;
          count += signs[i2];
          m++;
        }
        if (count > 0) {
          runKey[runs] = k;
          runCount[runs++] = count;
        }
        j = m;
      }
      runOffsets[c + 1] = runs;
    }
    this.sealed = { offsets: runOffsets, keys: runKey.slice(0, runs), counts: runCount.slice(0, runs) };
    return this.sealed;
  }

  /** Adds every cell and histogram of `other` into this (associative: files, streams and shards merge alike). */
  merge(other: ContactParts): void {
    // One way in: the other parts as the snapshot a thread would hand over (names looked up once each).
    this.mergeSnapshot(other.toSnapshot());
  }


  /**
   * Adds parts handed over as a snapshot (a range read on another thread) without restoring them first: each
   * distinct name is looked up once, cells and repeat entries are mapped through arrays, and each histogram run
   * is added as one weighted entry, not once per contact.
   */
  mergeSnapshot(s: PartsSnapshot): void {
    if (s.version !== 3) throw new Error(`parts snapshot version ${s.version} is not readable by this engine`);
    if (this.empty && s.opts.slotMinutes === this.opts.slotMinutes && s.opts.keepRepeats === this.opts.keepRepeats && s.opts.dimensions.join() === this.opts.dimensions.join()) return this.restore(s);
    if (s.opts.slotMinutes * 60_000 !== this.slotMs) throw new Error('cannot merge parts with different slot lengths');
    const remap = (values: string[], dict: Dict, keep: boolean) => {
      const m = new Int32Array(values.length);
      if (keep) for (let i = 1; i < values.length; i++) m[i] = dict.id(values[i]);
      return m;
    };
    const qm = remap(s.dicts.queues, this.queues, true);
    const cm = remap(s.dicts.channels, this.channels, this.keepChannel);
    const tm = remap(s.dicts.tiers, this.tiers, this.keepTier);
    const am = remap(s.dicts.agents, this.agents, this.keepAgent);
    const series = new Int32Array(s.buffers.series);
    const seriesMap = new Int32Array(s.seriesCount);
    for (let i = 0; i < s.seriesCount; i++) seriesMap[i] = this.seriesOf(qm[series[i * 4]], cm[series[i * 4 + 1]], tm[series[i * 4 + 2]], am[series[i * 4 + 3]]);
    const cells = s.cellCount;
    const slots = new Int32Array(s.buffers.cellSlot), cellSeries = new Int32Array(s.buffers.cellSeries);
    let values: Float64Array;
    if (s.rows) values = new Float64Array(s.buffers.values);
    else decodeColumns(s.buffers.values, (values = new Float64Array(cells * NF)), cells);
    // Room for every cell first (one copy of the values at most), then each cell's values added in place.
    this.reserveCells(this.cellCount + cells);
    const cellMap = this.cellsFor(slots, cellSeries, seriesMap, cells);
    addRows(this.values, cellMap, values, cells);
    if (s.sealed) {
      const theirs: SealedHistograms = { offsets: new Uint32Array(s.sealed.offsets), keys: new Uint32Array(s.sealed.keys), counts: new Uint32Array(s.sealed.counts) };
      if (!this.mergeRuns(theirs, cellMap)) this.addRuns(theirs, cellMap);
    } else {
      const hk = new Uint32Array(s.buffers.histKey), hb = new Uint16Array(s.buffers.histBucket), hs = new Int8Array(s.buffers.histSign);
      for (let i = 0; i < s.histLen; i++) this.addHistBucket(cellMap[hk[i] >>> 2], hk[i] & 3, hb[i], hs[i]);
    }
    if (this.opts.keepRepeats && s.repLen > 0) {
      const um = remap(s.dicts.customers, this.customers, true);
      const repInt = new Int32Array(s.buffers.repInt), repArrived = new Float64Array(s.buffers.repArrived), repFlags = new Int8Array(s.buffers.repFlags);
      if (this.repLen + s.repLen > this.repCustomer.length) this.growRepeats(Math.max(1024, this.repLen + s.repLen, this.repCustomer.length * 2));
      for (let i = 0; i < s.repLen; i++) {
        const j = this.repLen++;
        this.repCustomer[j] = um[repInt[i * 3]];
        this.repQueue[j] = qm[repInt[i * 3 + 1]];
        this.repCell[j] = cellMap[repInt[i * 3 + 2]];
        this.repArrived[j] = repArrived[i];
        this.repAnswered[j] = repFlags[i * 2];
        this.repResolvedFlag[j] = repFlags[i * 2 + 1];
      }
      this.repeatCache = null;
    }
    if (s.repeatsGiven) this.addSnapshotRepeats(s.repeatsGiven, cells, (c) => cellMap[c]);
    if (s.withinGiven) this.addSnapshotWithin(s.withinGiven, cells, (c) => cellMap[c]);
    this.waitsGiven = bothWaitsGiven(this.waitsGiven, s.waitsGiven ?? null);
    if (s.firstArrival < this.firstArrival || Number.isNaN(this.firstArrival)) this.firstArrival = s.firstArrival;
    if (s.lastArrival > this.lastArrival || Number.isNaN(this.lastArrival)) this.lastArrival = s.lastArrival;
    this.contacts += s.contacts;
  }

  /**
   * This parts' cell for each of another's cells (slot, and series through `seriesMap`), made where it has none.
   * Only this parts' cells whose slot lies within the other's slots are looked at: ranges of a file in time order
   * meet at their edges at most, so most of their cells are new and are added without a lookup in the whole
   * index (which is rebuilt only if a contact comes later). Files out of time order are matched in the index.
   */
  private cellsFor(slots: Int32Array, cellSeries: Int32Array, seriesMap: Int32Array, cells: number): Int32Array {
    const cellMap = new Int32Array(cells);
    let lo = Infinity, hi = -Infinity;
    for (let c = 0; c < cells; c++) { const t = slots[c]; if (t < lo) lo = t; if (t > hi) hi = t; }
    let within = 0;
    for (let c = 0; c < this.cellCount; c++) { const t = this.cellSlot[c]; if (t >= lo && t <= hi) within++; }
    if (within * 4 > this.cellCount + cells) {
      for (let c = 0; c < cells; c++) cellMap[c] = this.cellOf(slots[c], seriesMap[cellSeries[c]]);
      return cellMap;
    }
    // A small index of the cells that may meet the other's, and the rest appended.
    const near = new CellIndex();
    for (let c = 0; c < this.cellCount; c++) { const t = this.cellSlot[c]; if (t >= lo && t <= hi) near.add(t, this.cellSeries[c], c); }
    for (let c = 0; c < cells; c++) {
      const t = slots[c], series = seriesMap[cellSeries[c]];
      let mine = near.get(t, series);
      if (mine < 0) {
        mine = this.newCell(t, series);
        near.add(t, series, mine);
        this.cellIndexStale = true;
      }
      cellMap[c] = mine;
    }
    return cellMap;
  }

  /** Set after a restore from sealed runs: the raw entries must be rebuilt before the first new one. */
  private rawFromSealed = false;

  /** The raw entries again from the sealed runs. */
  private rebuildRaw(): void {
    const h = this.sealed!;
    this.rawFromSealed = false;
    this.sealed = null;
    this.addRuns(h);
  }

  /**
   * Adds sealed runs as raw entries (their cell c is this parts' `cellMap[c]`, or c itself): one weighted entry
   * per run (more past 127), not one per contact.
   */
  private addRuns(h: SealedHistograms, cellMap?: Int32Array): void {
    for (let c = 0; c + 1 < h.offsets.length; c++) {
      const mine = cellMap ? cellMap[c] : c;
      for (let r = h.offsets[c]; r < h.offsets[c + 1]; r++) this.addWaits(mine, h.keys[r] >>> 16, h.keys[r] & 0xffff, h.counts[r]);
    }
  }

  /**
   * Adds another parts' sealed runs (their cell c is this parts' `cellMap[c]`) to these parts' runs, cell by cell:
   * both lists of a cell are in key order, so they merge in one linear pass with no entry per contact, and the
   * result is these parts' sealed runs (the raw entries come back only if contacts are added later). False, with
   * nothing changed, when a list is not in key order (then the runs are added as entries).
   */
  private mergeRuns(theirs: SealedHistograms, cellMap: Int32Array): boolean {
    const mine = this.rawFromSealed ? this.sealed! : this.histLen === 0 ? null : this.histograms();
    if (!inKeyOrder(theirs) || (mine && !inKeyOrder(mine))) return false;
    const cells = this.cellCount;
    const from = new Int32Array(cells).fill(-1);
    for (let c = 0; c < cellMap.length; c++) from[cellMap[c]] = c;
    const aOff = mine?.offsets ?? new Uint32Array(1), aKey = mine?.keys ?? new Uint32Array(0), aCount = mine?.counts ?? new Uint32Array(0);
    const { offsets: bOff, keys: bKey, counts: bCount } = theirs;
    const aCells = aOff.length - 1;
    const offsets = new Uint32Array(cells + 1);
    const keys = new Uint32Array(aKey.length + bKey.length), counts = new Uint32Array(aKey.length + bKey.length);
    let n = 0;
    for (let cell = 0; cell < cells; cell++) {
      let i = cell < aCells ? aOff[cell] : 0;
      const ie = cell < aCells ? aOff[cell + 1] : 0;
      const c = from[cell];
      let j = c >= 0 ? bOff[c] : 0;
      const je = c >= 0 ? bOff[c + 1] : 0;
      while (i < ie && j < je) {
        const ka = aKey[i], kb = bKey[j];
        if (ka < kb) { keys[n] = ka; counts[n++] = aCount[i++]; }
        else if (kb < ka) { keys[n] = kb; counts[n++] = bCount[j++]; }
        else { keys[n] = ka; counts[n++] = aCount[i++] + bCount[j++]; }
      }
      while (i < ie) { keys[n] = aKey[i]; counts[n++] = aCount[i++]; }
      while (j < je) { keys[n] = bKey[j]; counts[n++] = bCount[j++]; }
      offsets[cell + 1] = n;
    }
    this.sealed = { offsets, keys: n === keys.length ? keys : keys.slice(0, n), counts: n === counts.length ? counts : counts.slice(0, n) };
    this.histLen = 0;
    this.rawFromSealed = true;
    return true;
  }

  private addHistBucket(cell: number, kind: number, bucket: number, sign = 1): void {
    if (this.rawFromSealed) this.rebuildRaw();
    if (this.histLen >= this.histKey.length) {
      const n = this.histKey.length * 2;
      const k = new Uint32Array(n); k.set(this.histKey); this.histKey = k;
      const b = new Uint16Array(n); b.set(this.histBucket); this.histBucket = b;
      const g = new Int8Array(n); g.set(this.histSign); this.histSign = g;
    }
    this.histKey[this.histLen] = cell * 4 + kind;
    this.histSign[this.histLen] = sign;
    this.histBucket[this.histLen++] = bucket;
    this.sealed = null;
  }

  private repeatCache: { windowMs: number; parts: RepeatParts } | null = null;

  /**
   * Copies the parts into a snapshot (the copies may be transferred; these parts stay usable). `give`: the parts
   * are handed to another thread and not used again here; their cells' arrays go as they are (`rows`), with no
   * copy and no encoding, and are taken over as they are on the other side.
   */
  toSnapshot(give = false): PartsSnapshot {
    const sc = this.seriesCount, cc = this.cellCount, rl = this.repLen;
    const series = new Int32Array(sc * 4);
    for (let i = 0; i < sc; i++) {
      series[i * 4] = this.seriesQueue[i];
      series[i * 4 + 1] = this.seriesChannel[i];
      series[i * 4 + 2] = this.seriesTier[i];
      series[i * 4 + 3] = this.seriesAgent[i];
    }
    const repInt = new Int32Array(rl * 3);
    const repFlags = new Int8Array(rl * 2);
    for (let i = 0; i < rl; i++) {
      repInt[i * 3] = this.repCustomer[i];
      repInt[i * 3 + 1] = this.repQueue[i];
      repInt[i * 3 + 2] = this.repCell[i];
      repFlags[i * 2] = this.repAnswered[i];
      repFlags[i * 2 + 1] = this.repResolvedFlag[i];
    }
    return {
      version: 3,
      opts: { ...this.opts, dimensions: [...this.opts.dimensions] },
      dicts: { queues: [...this.queues.values], channels: [...this.channels.values], tiers: [...this.tiers.values], agents: [...this.agents.values], customers: [...this.customers.values] },
      seriesCount: sc,
      cellCount: cc,
      histLen: 0,
      repLen: rl,
      firstArrival: this.firstArrival,
      lastArrival: this.lastArrival,
      contacts: this.contacts,
      ...(give ? { rows: true as const } : {}),
      buffers: {
        series: series.buffer,
        cellSlot: give ? this.cellSlot.buffer : this.cellSlot.slice(0, cc).buffer,
        cellSeries: give ? this.cellSeries.buffer : this.cellSeries.slice(0, cc).buffer,
        values: give ? this.values.buffer : encodeColumns(this.values, cc),
        // The raw entries are not stored: the sealed runs below hold the same counts, and the entries are
        // rebuilt from them only if contacts are added later.
        histKey: new ArrayBuffer(0),
        histBucket: new ArrayBuffer(0),
        histSign: new ArrayBuffer(0),
        repInt: repInt.buffer,
        repArrived: this.repArrived.slice(0, rl).buffer,
        repFlags: repFlags.buffer,
      },
      sealed: (() => {
        const h = this.histograms();
        // Given: the runs' own arrays go (each is an array of its own, never a view into a larger one).
        const copy = (a: Uint32Array) => (give && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a.buffer : a.slice().buffer) as ArrayBuffer;
        return { offsets: copy(h.offsets), keys: copy(h.keys), counts: copy(h.counts) };
      })(),
      ...(this.waitsGiven ? { waitsGiven: bothWaitsGiven(null, this.waitsGiven)! } : {}),
      ...(this.withinGiven ? { withinGiven: (() => {
        const each = (m: Map<number, Float64Array>) => [...m].map(([sec, a]): [number, ArrayBuffer] => { const b = new Float64Array(cc); b.set(a.subarray(0, Math.min(a.length, cc))); return [sec, b.buffer]; });
        return { answered: each(this.withinGiven.answered), abandoned: each(this.withinGiven.abandoned) };
      })() } : {}),
      ...(this.repeatsGiven ? { repeatsGiven: (() => {
        const g = this.repeatParts(this.repeatsGiven.windowMs);
        return { windowMs: this.repeatsGiven.windowMs, resolved: g.resolved.slice().buffer, known: g.known.slice().buffer, provisional: g.provisional.slice().buffer };
      })() } : {}),
    };
  }

  static fromSnapshot(s: PartsSnapshot): ContactParts {
    const p = new ContactParts(s.opts);
    p.restore(s);
    return p;
  }

  /**
   * Adds other parts: taken over whole (their arrays, no copy) when nothing was added to these yet and the
   * options are the same, else merged. `other` is not to be used afterwards.
   */
  mergeParts(other: ContactParts): void {
    const same = other.opts.slotMinutes === this.opts.slotMinutes && other.opts.keepRepeats === this.opts.keepRepeats && other.opts.dimensions.join() === this.opts.dimensions.join();
    if (!this.empty || !same) return this.merge(other);
    Object.assign(this, other); // every field, the private lookups included (both are ContactParts)
  }

  /** Whether nothing was ever added (a snapshot can be taken over as it is). */
  get empty(): boolean {
    return this.cellCount === 0 && this.seriesCount === 0 && this.repLen === 0 && this.histLen === 0 && !this.sealed && !this.repeatsGiven && !this.waitsGiven && !this.withinGiven;
  }

  /** Takes a snapshot over into parts to which nothing was added yet (same options). */
  restore(s: PartsSnapshot): void {
    if (s.version !== 3) throw new Error(`parts snapshot version ${s.version} is not readable by this engine`);
    if (!this.empty) throw new Error('a snapshot is restored only into empty parts');
    if (s.opts.slotMinutes !== this.opts.slotMinutes || s.opts.keepRepeats !== this.opts.keepRepeats || s.opts.dimensions.join() !== this.opts.dimensions.join()) throw new Error('a snapshot is restored only into parts of the same options');
    const p = this as ContactParts;
    p.queues = Dict.from(s.dicts.queues, QUEUE_LIMIT, 'queue');
    p.channels = Dict.from(s.dicts.channels, TAG_LIMIT, 'channel');
    p.tiers = Dict.from(s.dicts.tiers, TAG_LIMIT, 'tier');
    p.agents = Dict.from(s.dicts.agents, 2 ** 26, 'agent');
    p.customers = Dict.from(s.dicts.customers, 2 ** 31, 'customer');
    const series = new Int32Array(s.buffers.series);
    for (let i = 0; i < s.seriesCount; i++) p.seriesOf(series[i * 4], series[i * 4 + 1], series[i * 4 + 2], series[i * 4 + 3]);
    // Cells are taken over as they are; their index is rebuilt only if a new cell is added later.
    if (s.rows) {
      // Handed over by another thread: its arrays are these parts' own, with their room (no copy).
      p.cellSlot = new Int32Array(s.buffers.cellSlot);
      p.cellSeries = new Int32Array(s.buffers.cellSeries);
      p.values = new Float64Array(s.buffers.values);
      const room = Math.min(p.cellSlot.length, p.cellSeries.length, Math.floor(p.values.length / NF));
      if (room < s.cellCount) throw new Error('parts snapshot: fewer cells than it counts');
      if (room < p.cellSlot.length) { p.cellSlot = p.cellSlot.subarray(0, room); p.cellSeries = p.cellSeries.subarray(0, room); }
    } else {
      const cap = Math.max(1024, s.cellCount);
      p.cellSlot = new Int32Array(cap);
      p.cellSlot.set(new Int32Array(s.buffers.cellSlot));
      p.cellSeries = new Int32Array(cap);
      p.cellSeries.set(new Int32Array(s.buffers.cellSeries));
      p.values = new Float64Array(cap * NF);
      decodeColumns(s.buffers.values, p.values, s.cellCount);
    }
    p.cellCount = s.cellCount;
    p.cellIndexStale = true;
    if (s.sealed) {
      // The sealed runs answer queries as they are; raw entries come back only when something is added.
      p.sealed = { offsets: new Uint32Array(s.sealed.offsets), keys: new Uint32Array(s.sealed.keys), counts: new Uint32Array(s.sealed.counts) };
      p.histLen = 0;
      p.rawFromSealed = true;
    } else {
      const hk = new Uint32Array(s.buffers.histKey), hb = new Uint16Array(s.buffers.histBucket), hs = new Int8Array(s.buffers.histSign);
      for (let i = 0; i < s.histLen; i++) p.addHistBucket(hk[i] >>> 2, hk[i] & 3, hb[i], hs[i]);
    }
    const repInt = new Int32Array(s.buffers.repInt), repArrived = new Float64Array(s.buffers.repArrived), repFlags = new Int8Array(s.buffers.repFlags);
    if (s.repLen > 0) p.growRepeats(Math.max(1024, s.repLen));
    for (let i = 0; i < s.repLen; i++) {
      p.repCustomer[i] = repInt[i * 3];
      p.repQueue[i] = repInt[i * 3 + 1];
      p.repCell[i] = repInt[i * 3 + 2];
      p.repArrived[i] = repArrived[i];
      p.repAnswered[i] = repFlags[i * 2];
      p.repResolvedFlag[i] = repFlags[i * 2 + 1];
    }
    p.repLen = s.repLen;
    if (s.repeatsGiven) p.addSnapshotRepeats(s.repeatsGiven, s.cellCount, (c) => c);
    if (s.withinGiven) p.addSnapshotWithin(s.withinGiven, s.cellCount, (c) => c);
    p.waitsGiven = s.waitsGiven ? bothWaitsGiven(null, s.waitsGiven) : null;
    p.firstArrival = s.firstArrival;
    p.lastArrival = s.lastArrival;
    p.contacts = s.contacts;
  }

  /**
   * FCR by repeat contact (docs/metrics.md §3): an answered contact of a known customer is resolved unless the
   * same customer enters the same queue again within the window after its arrival. Repeats are looked for
   * in everything loaded; a contact whose window reaches past the last arrival loaded is provisional.
   */
  repeatParts(windowMs: number): RepeatParts {
    if (this.repeatCache && this.repeatCache.windowMs === windowMs) return this.repeatCache.parts;
    const g = this.repeatsGiven;
    if (g) {
      if (g.windowMs !== windowMs) {
        throw new RangeError(`these parts count FCR by repeat with a ${+(g.windowMs / 86_400_000).toFixed(4)}-day window, not ${+(windowMs / 86_400_000).toFixed(4)} days: make the parts again with that window, or ask for ${+(g.windowMs / 86_400_000).toFixed(4)} days`);
      }
      const cut = (a: Float64Array) => { const b = new Float64Array(this.cellCount); b.set(a.subarray(0, Math.min(a.length, this.cellCount))); return b; };
      const parts = { resolved: cut(g.resolved), known: cut(g.known), provisional: cut(g.provisional) };
      this.repeatCache = { windowMs, parts };
      return parts;
    }
    const n = this.repLen;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const cu = this.repCustomer, qu = this.repQueue, ar = this.repArrived;
    order.sort((a, b) => cu[a] - cu[b] || qu[a] - qu[b] || ar[a] - ar[b] || a - b);
    const resolved = new Float64Array(this.cellCount);
    const known = new Float64Array(this.cellCount);
    const provisional = new Float64Array(this.cellCount);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      if (!this.repAnswered[i]) continue;
      const cell = this.repCell[i];
      known[cell]++;
      const nx = k + 1 < n ? order[k + 1] : -1;
      const repeated = nx >= 0 && cu[nx] === cu[i] && qu[nx] === qu[i] && ar[nx] - ar[i] <= windowMs;
      if (!repeated) {
        resolved[cell]++;
        if (ar[i] + windowMs > this.lastArrival) provisional[cell]++;
      }
    }
    const parts = { resolved, known, provisional };
    this.repeatCache = { windowMs, parts };
    return parts;
  }
}

/**
 * Parts as plain data: a small JSON-able header and a few large ArrayBuffers (for the IndexedDB cache and
 * for moving a dataset between workers). Restoring rebuilds the lookup maps; nothing is re-read from rows.
 */
export interface PartsSnapshot {
  version: 3;
  opts: PartsOptions;
  dicts: { queues: string[]; channels: string[]; tiers: string[]; agents: string[]; customers: string[] };
  seriesCount: number;
  cellCount: number;
  histLen: number;
  repLen: number;
  firstArrival: number;
  lastArrival: number;
  contacts: number;
  buffers: Record<'series' | 'cellSlot' | 'cellSeries' | 'values' | 'histKey' | 'histBucket' | 'histSign' | 'repInt' | 'repArrived' | 'repFlags', ArrayBuffer>;
  /**
   * Set on parts handed over between threads (`toSnapshot(true)`): `values` holds the cells' values row by row
   * (NF a cell), and `values`, `cellSlot` and `cellSeries` may hold room past `cellCount`. Never stored.
   */
  rows?: true;
  /** The histograms already sealed into per-cell runs, so that a reopened dataset answers its first query at once. */
  sealed?: { offsets: ArrayBuffer; keys: ArrayBuffer; counts: ArrayBuffer };
  /** FCR-by-repeat counts given per cell (parts read from a parts file). */
  repeatsGiven?: { windowMs: number; resolved: ArrayBuffer; known: ArrayBuffer; provisional: ArrayBuffer };
  /** Waits known only at some thresholds (vendor aggregates), and the counts within them per cell. */
  waitsGiven?: WaitsGiven;
  withinGiven?: { answered: [number, ArrayBuffer][]; abandoned: [number, ArrayBuffer][] };
}

/**
 * Waits a source counted only at some thresholds (docs/parts.md, "Vendor aggregates"): its cells' histograms are
 * exact at these thresholds and nowhere else, so the figures that need another threshold, or a percentile, are
 * refused in words (rollup.ts, `query`).
 */
export interface WaitsGiven {
  /** Who counted them, for the words ("Amazon Connect"). */
  source: string;
  /** Seconds at which the answered waits are known (how many answered within), ascending. */
  answeredWithinSec: number[];
  /** Seconds at which the abandon waits are known (how many abandoned within), ascending; abandons past the last are of unknown wait. */
  abandonedWithinSec: number[];
  /** Whether the source gave the seconds waited by the answered contacts (for ASA); false: ASA is not given. */
  answerWaitSums: boolean;
  /** The source counts answered within a time it does not say (Genesys Cloud: each queue's own): no threshold is known. */
  thresholdUnknown?: boolean;
  /** The source counted short abandons at a time it does not say, and none was given (Genesys Cloud). */
  shortAbandonTimeUnknown?: boolean;
}

/**
 * What merged parts know of waits: parts with every wait (null) restrict nothing; two restricted sources know
 * only the thresholds both counted. Always a fresh object.
 */
export function bothWaitsGiven(a: WaitsGiven | null, b: WaitsGiven | null): WaitsGiven | null {
  if (!a && !b) return null;
  if (!a || !b) { const g = (a ?? b)!; return { ...g, answeredWithinSec: [...g.answeredWithinSec], abandonedWithinSec: [...g.abandonedWithinSec] }; }
  const sources = [...new Set([...a.source.split(' and '), ...b.source.split(' and ')])];
  return {
    source: sources.join(' and '),
    answeredWithinSec: a.answeredWithinSec.filter((t) => b.answeredWithinSec.includes(t)),
    abandonedWithinSec: a.abandonedWithinSec.filter((t) => b.abandonedWithinSec.includes(t)),
    answerWaitSums: a.answerWaitSums && b.answerWaitSums,
    ...(a.thresholdUnknown || b.thresholdUnknown ? { thresholdUnknown: true } : {}),
    ...(a.shortAbandonTimeUnknown || b.shortAbandonTimeUnknown ? { shortAbandonTimeUnknown: true } : {}),
  };
}

export interface SealedHistograms {
  /** Runs of cell c are [offsets[c], offsets[c+1]). */
  offsets: Uint32Array;
  /** kind << 16 | bucket */
  keys: Uint32Array;
  counts: Uint32Array;
}

export interface RepeatParts {
  resolved: Float64Array;
  known: Float64Array;
  /** Contacts counted resolved whose window had not closed in the data loaded. */
  provisional: Float64Array;
}

/**
 * Cell values, column by column, each in the narrowest exact type: small whole counts as Uint16, larger
 * whole numbers as Uint32, anything else as Float64. Lossless; a reopened dataset reads a quarter of the bytes.
 * Layout: per column one byte of type (0 all zero, 1 Uint16, 2 Uint32, 3 Float64), then the data, 8-aligned.
 */
function encodeColumns(values: Float64Array, cells: number): ArrayBuffer {
  // Kinds in one pass over the cells (row by row, as the values lie in memory), not one pass per column.
  const kinds = new Uint8Array(NF);
  for (let c = 0, o = 0; c < cells; c++, o += NF) {
    for (let f = 0; f < NF; f++) {
      const v = values[o + f];
      if (v === 0 || kinds[f] === 3) continue;
      const k = Number.isInteger(v) && v >= 0 ? (v <= 0xffff ? 1 : v <= 0xffffffff ? 2 : 3) : 3;
      if (k > kinds[f]) kinds[f] = k;
    }
  }
  let bytes = 8 * Math.ceil(NF / 8);
  for (let f = 0; f < NF; f++) bytes += Math.ceil((cells * [0, 2, 4, 8][kinds[f]]) / 8) * 8;
  const buf = new ArrayBuffer(bytes);
  new Uint8Array(buf, 0, NF).set(kinds);
  const cols = columnsOf(buf, kinds, cells);
  eachBlock(cells, (c0, c1) => {
    for (let f = 0; f < NF; f++) {
      const col = cols[f];
      if (col) for (let c = c0; c < c1; c++) col[c] = values[c * NF + f];
    }
  });
  return buf;
}

function decodeColumns(buf: ArrayBuffer, values: Float64Array, cells: number): void {
  const cols = columnsOf(buf, new Uint8Array(buf, 0, NF), cells);
  eachBlock(cells, (c0, c1) => {
    for (let f = 0; f < NF; f++) {
      const col = cols[f];
      if (col) for (let c = c0; c < c1; c++) values[c * NF + f] = col[c];
    }
  });
}

/** Each column's view in an encoded buffer (null for an all-zero column). */
function columnsOf(buf: ArrayBuffer, kinds: Uint8Array, cells: number): (Uint16Array | Uint32Array | Float64Array | null)[] {
  const cols: (Uint16Array | Uint32Array | Float64Array | null)[] = [];
  let o = 8 * Math.ceil(NF / 8);
  for (let f = 0; f < NF; f++) {
    const k = kinds[f];
    cols.push(k === 0 ? null : k === 1 ? new Uint16Array(buf, o, cells) : k === 2 ? new Uint32Array(buf, o, cells) : new Float64Array(buf, o, cells));
    o += Math.ceil((cells * [0, 2, 4, 8][k]) / 8) * 8;
  }
  return cols;
}

/**
 * Cells in blocks of 2,048 (about 400 KiB of values): a block's rows stay in the CPU cache while each column is
 * copied, instead of every column striding over all the values (a snapshot of 246,516 cells: about 100 ms before,
 * 45 ms after, in Node on this 2-core machine).
 */
function eachBlock(cells: number, fn: (from: number, to: number) => void): void {
  for (let c = 0; c < cells; c += 2048) fn(c, Math.min(cells, c + 2048));
}

/** Adds row c of `from` (NF values a cell) to row `rows[c]` of `into`. */
function addRows(into: Float64Array, rows: Int32Array, from: Float64Array, cells: number): void {
  for (let c = 0; c < cells; c++) {
    const a = rows[c] * NF, b = c * NF;
    for (let f = 0; f < NF; f++) into[a + f] += from[b + f];
  }
}

function grow32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

export { BUCKETS };

/** Whether each cell's runs are in strictly rising key order (as `histograms()` seals them). */
function inKeyOrder(h: SealedHistograms): boolean {
  const { offsets, keys } = h;
  for (let c = 0; c + 1 < offsets.length; c++) {
    for (let r = offsets[c] + 1; r < offsets[c + 1]; r++) if (keys[r] <= keys[r - 1]) return false;
  }
  return true;
}
