/**
 * The worker's datasets (docs/protocol.md): opened empty, fed from a file (read once: the head kept from the
 * first look, the rest streamed through the same ingest pipeline as the CLI, `analyze`), from a URL, from the
 * cache, or made live from a stream. Every change is told to `changed`, which tells the subscribers.
 */
import { analyze } from '../engine/analyze.js';
import { ContactParts, OPTIONAL_DIMENSIONS, slotMinutesFor, type PartsOptions } from '../engine/parts.js';
import { LiveContacts } from '../engine/live/live-contacts.js';
import { inspectHead, type FileHead } from '../engine/ingest/inspect.js';
import { previewHead, type Preview } from '../engine/ingest/preview.js';
import { sampleBlocks } from '../engine/ingest/sample-blocks.js';
import { ContactIngest, IngestError } from '../engine/ingest/index.js';
import { PartsTextReader, partsFormatOf } from '../engine/parts-read.js';
import type { PartsTableReader } from '../engine/parts-table.js';
import { SOURCE_NAMES, aggregateSourceOf } from '../engine/aggregates/source.js';
import { csvText, type CsvValue } from '../engine/csv-out.js';
import { error, saidOf, type ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { Validation } from '../engine/ingest/index.js';
import { DatasetCache, type CacheOptions, type CachedDataset } from '../cache/dataset-cache.js';
import type { DatasetInfo, DatasetOptions, DatasetStatus, StreamStatus } from '../protocol/index.js';
import { StreamSource, type StreamKind } from './stream-source.js';
import { ContentHasher, bytesOf, headOf, sampleKey } from './content-key.js';
import { PARALLEL_MIN_BYTES, RANGE_ROLE, readInRanges, type ParallelReading } from './ranges.js';

/** A vendor's saved response is read whole (entry by entry): past this size it is refused in words. */
const MAX_AGGREGATES_BYTES = 512 * 2 ** 20;

/** Changes whenever parts or their meaning change: cached parts of another version are recomputed. */
export const ENGINE_VERSION = 'sla-widgets engine 0.2 / parts 5';

export interface Dataset {
  id: string;
  opts: DatasetOptions;
  parts: ContactParts;
  live?: LiveContacts;
  source?: StreamSource;
  /** Messages of the live stream that were no event (not JSON). */
  malformed?: number;
  status: DatasetStatus;
  validation: Validation | null;
  mapping: Mapping | null;
  version: number;
  /** Whether the figures so far of the file being read were first told (they go out at once, the rest throttled). */
  firstFigures?: boolean;
}

export interface DatasetsOptions extends CacheOptions {
  /** Progress notifications while a file is read, at most this often (ms); default 100. */
  progressEveryMs?: number;
  /** Read a file of this size or more on helpers, one per core (ranges.ts); default 16 MiB. */
  parallelMinBytes?: number;
  /** Helpers for a large file; default the cores (`navigator.hardwareConcurrency`); 1 reads in one piece. */
  threads?: number;
}

/** A file looked at (`hold`) and kept for the reading that follows: its head is not read again. */
interface Upload {
  blob: Blob;
  head: Uint8Array<ArrayBuffer>;
}

const MAX_UPLOADS = 8;

/** A reading stopped because its dataset was closed. */
class Closed extends Error {}

export class Datasets {
  private readonly all = new Map<string, Dataset>();
  private readonly uploads = new Map<string, Upload>();
  readonly cache: Promise<DatasetCache>;
  /**
   * For tests and diagnostics: files parsed (a cache hit parses none), bytes taken from Blobs by this worker, files
   * read on helpers (ranges.ts), and content hashes recorded in the cache after a reading.
   */
  readonly counts = { parses: 0, bytes: 0, inRanges: 0, hashes: 0 };

  constructor(private readonly opts: DatasetsOptions, private readonly changed: (id: string, now: boolean) => void) {
    this.cache = DatasetCache.open(opts);
  }

  get(id: string): Dataset | undefined {
    return this.all.get(id);
  }

  must(id: string): Dataset {
    const ds = this.all.get(id);
    if (!ds) throw new Error(`no open dataset "${id}"`);
    return ds;
  }

  private newParts(o: DatasetOptions, keepRepeats = o.keepRepeats !== false): ContactParts {
    return new ContactParts({ slotMinutes: slotMinutesFor(o.intervalMinutes), dimensions: o.dimensions ?? [...OPTIONAL_DIMENSIONS], keepRepeats });
  }

  private status(ds: { id: string }, name: string, patch: Partial<DatasetStatus> = {}): DatasetStatus {
    return { id: ds.id, name, state: 'empty', progress: null, fromCache: false, error: null, warning: null, stream: null, ...patch };
  }

  /** Sets a dataset's status (a new version) and tells its subscribers, at once for a change of state. */
  private set(ds: Dataset, status: DatasetStatus, now = true): void {
    ds.status = status;
    ds.version++;
    this.changed(ds.id, now);
  }

  /** A new, empty dataset (with the given id when a restarted worker restores one). */
  async open(opts: DatasetOptions, id: string = crypto.randomUUID()): Promise<string> {
    // Known before anything is awaited: a page sends its subscriptions and the reading right behind the open,
    // without waiting for its answer (EngineClient.openNow), and messages are taken in order.
    const ds: Dataset = { id, opts, parts: this.newParts(opts), status: this.status({ id }, opts.name ?? 'dataset'), validation: null, mapping: null, version: 0 };
    this.all.set(id, ds);
    const cache = await this.cache;
    if (ds.status.state === 'empty') ds.status.warning = cache.warning;
    return id;
  }

  /** A cached dataset by its id, with no parse; null when the cache does not hold it (or holds another engine version's parts). */
  async reopen(id: string): Promise<DatasetStatus | null> {
    const cache = await this.cache;
    const hit = await cache.get(id);
    if (!hit || !hit.meta.key.endsWith(ENGINE_VERSION)) return null;
    const ds: Dataset = {
      id, opts: hit.meta.options, parts: ContactParts.fromSnapshot(hit.parts),
      status: this.status({ id }, hit.meta.name, { state: 'ready', fromCache: true, warning: cache.warning }),
      validation: hit.meta.validation, mapping: hit.meta.mapping, version: 1,
    };
    this.all.set(id, ds);
    this.changed(id, true);
    return ds.status;
  }

  /** A first look at a file (its head: header, a few rows, the mapping a preset gives it), kept for the reading that follows. */
  async hold(blob: Blob): Promise<{ upload: string; head: FileHead }> {
    const head = await headOf(blob, this.counts);
    const upload = crypto.randomUUID();
    this.uploads.set(upload, { blob, head });
    while (this.uploads.size > MAX_UPLOADS) this.uploads.delete(this.uploads.keys().next().value!);
    return { upload, head: inspectHead(head, 200) };
  }

  /** The first rows of a held file read with a mapping (nothing kept): null when the file is no longer held. */
  preview(upload: string, mapping: Mapping, inputTimeZone?: string): Preview | null {
    const held = this.uploads.get(upload);
    if (!held) return null;
    return previewHead(held.head, held.head.length >= held.blob.size, mapping, inputTimeZone);
  }

  /**
   * Every rejected row of a file read with a mapping, as CSV (line, column, value, reason, code): what a
   * dataset's validation lists only the first 100 of. The file is read again; nothing is kept.
   */
  async rejectedRows(blob: Blob, mapping: Mapping | undefined, inputTimeZone?: string): Promise<Blob> {
    const rows: CsvValue[][] = [['line', 'column', 'value', 'reason', 'code']];
    const ingest = new ContactIngest({
      mapping: mapping ? structuredClone(mapping) : undefined, inputTimeZone, maxRejections: 0, onContact: () => undefined,
      onRejection: (r) => { rows.push([r.line, r.column, r.value, r.reason, r.code]); },
    });
    for await (const chunk of bytesOf(blob, new Uint8Array(0), { bytes: 0 })) ingest.push(chunk);
    ingest.end();
    return new Blob([csvText(rows)], { type: 'text/csv' });
  }

  /** Lets go of a file looked at and not read (the person chose another). */
  release(upload: string): void {
    this.uploads.delete(upload);
  }

  /**
   * Reads a file into a dataset, each byte once: from the cache when a file of the same size, head and content
   * was read with the same settings (its content hash checked while the bytes go by), else parsed, the content
   * hash computed on the way. `input` is a Blob, or a file held by `hold` (its head not read again).
   */
  async feed(id: string, input: Blob | { upload: string }, name?: string): Promise<DatasetStatus> {
    const ds = this.must(id);
    let upload: Upload;
    if (input instanceof Blob) upload = { blob: input, head: new Uint8Array(0) };
    else {
      const held = this.uploads.get(input.upload);
      // The page sends the file itself when this worker does not hold it (it restarted since the first look).
      if (!held) throw new Error(`unknownUpload: the file ${input.upload} is no longer held (the worker restarted?)`);
      this.uploads.delete(input.upload);
      upload = held;
    }
    const cache = await this.cache;
    const label = name ?? ds.status.name;
    const { blob } = upload;
    // A change of state reaches the widgets at once (the reading has begun); progress within it is throttled.
    this.set(ds, this.status(ds, label, { state: 'loading', progress: { bytes: 0, totalBytes: blob.size, rows: 0, rejected: 0 }, warning: cache.warning }));
    // From here on every failure is the dataset's error status, never a promise left hanging.
    try {
      if (input instanceof Blob) upload.head = await headOf(blob, this.counts);
      const { head } = upload;
      // A vendor's saved aggregates are parts, not contacts (docs/parts.md): said so, with how to load them.
      const vendor = aggregateSourceOf(new TextDecoder().decode(head));
      if (vendor) throw new IngestError(error('aggregatesAsContacts', { source: SOURCE_NAMES[vendor] }));
      const o = ds.opts;
      const settings = JSON.stringify([o.mapping ?? null, o.inputTimeZone ?? o.timeZone, o.intervalMinutes ?? 15, o.dimensions ?? null, o.keepRepeats ?? true, o.dayMonthOrder ?? null]);
      const key = `${await sampleKey(blob.size, head)} ${settings} ${ENGINE_VERSION}`;
      const candidates = await cache.findAllByKey(key);
      if (candidates.length) {
        // The same size, head and settings: the whole content decides, hashed as the bytes go by (no parse).
        const hasher = new ContentHasher();
        let seen = 0;
        for await (const chunk of bytesOf(blob, head, this.counts)) {
          await hasher.push(chunk);
          seen += chunk.length;
          this.progress(ds, { bytes: seen, rows: 0, rejected: 0 }, blob.size);
        }
        const content = await hasher.digest();
        const known = candidates.find((c) => c.contentHash === content);
        if (known && (await this.fromCache(ds, known, key, label))) return ds.status;
        return await this.parse(ds, upload, key, label, content);
      }
      return await this.parse(ds, upload, key, label, null);
    } catch (e) {
      if (e instanceof Closed) return ds.status;
      this.set(ds, this.status(ds, label, { state: 'error', error: saidOf(e), warning: cache.warning }));
      return ds.status;
    }
  }

  /** Takes a cached dataset's parts for this one; false when the cache no longer holds them. */
  private async fromCache(ds: Dataset, known: CachedDataset, key: string, name: string): Promise<boolean> {
    const cache = await this.cache;
    const hit = await cache.get(known.id);
    if (!hit) return false;
    ds.parts = ContactParts.fromSnapshot(hit.parts);
    ds.validation = hit.meta.validation;
    ds.mapping = hit.meta.mapping;
    if (known.id !== ds.id) {
      const now = Date.now();
      await cache.alias({ id: ds.id, name, key, contentHash: known.contentHash, options: ds.opts, validation: ds.validation, mapping: ds.mapping, contacts: ds.parts.contacts, createdAt: now, lastUsed: now }, known.partsOf ?? known.id);
    }
    this.set(ds, this.status(ds, name, { state: 'ready', fromCache: true, warning: cache.warning }));
    return true;
  }

  /** When each dataset last told its progress. */
  private readonly lastProgress = new Map<string, number>();

  private progress(ds: Dataset, read: { bytes: number; rows: number; rejected: number; counted?: number }, total: number): void {
    const now = Date.now();
    // The first figures of a file go out at once, like a change of state (a dropped file shows numbers as soon
    // as its first rows are counted); after that, progress is throttled.
    const first = !ds.firstFigures && ds.parts.contacts > 0;
    if (!first && now - (this.lastProgress.get(ds.id) ?? 0) < (this.opts.progressEveryMs ?? 100)) return;
    if (first) ds.firstFigures = true;
    this.lastProgress.set(ds.id, now);
    ds.status.progress = { bytes: read.bytes, totalBytes: total, rows: read.rows, rejected: read.rejected, ...(read.counted !== undefined ? { counted: read.counted } : {}) };
    ds.version++;
    this.changed(ds.id, first);
  }

  /** Parses a file through the ingest pipeline, hashing its content on the way unless it is known already. */
  private async parse(ds: Dataset, upload: Upload, key: string, name: string, known: string | null): Promise<DatasetStatus> {
    const cache = await this.cache;
    const { blob, head } = upload;
    this.counts.parses++;
    // The sampled blocks are read (the browser's reads) while the head's rows are looked at (this thread).
    const sampling = sampleBlocks(blob.size, async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()));
    sampling.catch(() => undefined); // (awaited below)
    const parts = (ds.parts = this.newParts(ds.opts, await this.repeatsNeeded(ds.opts, head)));
    ds.version++;
    ds.firstFigures = false;
    const hasher = known ? null : new ContentHasher();
    const counts = this.counts;
    const open = () => this.all.get(ds.id) === ds;
    const chunks = (async function* () {
      for await (const chunk of bytesOf(blob, head, counts)) {
        // A dataset closed while it is read stops reading (its figures would go nowhere).
        if (!open()) throw new Closed();
        await hasher?.push(chunk);
        yield chunk;
      }
    })();
    const o = ds.opts;
    const sampled = await sampling;
    // A large file on every core (ranges.ts): the first figures from its first 256 KiB at once, the rest read
    // by helpers, the content hashed after; else in one piece, below.
    const parallel = await this.readInParallel(ds, blob, head, sampled, parts.opts, known === null, open);
    if (parallel) {
      const { parts: read, validation, mapping } = parallel;
      ds.parts = read;
      ds.validation = validation;
      ds.mapping = mapping;
      this.set(ds, this.status(ds, name, { state: 'ready', warning: cache.warning }));
      // Kept at once (a reload finds it again), its content hash recorded when the pass that makes it ends —
      // unless the dataset was closed, removed or read again meanwhile.
      const now = Date.now();
      await cache.put({ id: ds.id, name, key, ...(known ? { contentHash: known } : {}), options: ds.opts, validation, mapping, contacts: read.contacts, createdAt: now, lastUsed: now }, read.toSnapshot(), o.keepFile ? blob : null, blob.size);
      this.cacheWarning(ds, cache);
      // The hash is recorded when its pass ends, after the reading has said it is done: the page's summary of
      // the file (and whatever waits for the whole file) does not wait for a second pass over it.
      if (!known) {
        void parallel.hash.then(async (contentHash) => {
          if (!contentHash || !open() || ds.parts !== read) return;
          await cache.setContentHash(ds.id, contentHash);
          this.counts.hashes++;
        }).catch(() => undefined);
      }
      return ds.status;
    }
    // In one piece (the helpers' first figures, if any, are the reading's again).
    ds.parts = parts;
    ds.firstFigures = false;
    const result = await analyze(chunks, {
      sampleBlocks: sampled,
      parts, mapping: o.mapping, inputTimeZone: o.inputTimeZone ?? o.timeZone, dayMonthOrder: o.dayMonthOrder,
      onChunk: (read) => this.progress(ds, read, blob.size),
    });
    ds.validation = result.validation;
    ds.mapping = result.mapping;
    // The numbers go out first; the cache is written after (a widget does not wait for IndexedDB).
    this.set(ds, this.status(ds, name, { state: 'ready', warning: cache.warning }));
    const contentHash = known ?? (await hasher!.digest());
    const now = Date.now();
    // The parts reopen the dataset; the file is kept only when asked (docs/protocol.md, keepFile).
    await cache.put({ id: ds.id, name, key, contentHash, options: ds.opts, validation: ds.validation, mapping: ds.mapping, contacts: parts.contacts, createdAt: now, lastUsed: now }, parts.toSnapshot(), o.keepFile ? blob : null, blob.size);
    this.cacheWarning(ds, cache);
    return ds.status;
  }

  /**
   * Whether the file's contacts need their customers kept (FCR by repeat). Under `auto`, not when the rows of its
   * head carry a resolved flag: FCR `auto` counts by the flag then, whatever the rest of the file holds (docs/metrics.md §3).
   */
  private async repeatsNeeded(o: DatasetOptions, head: Uint8Array): Promise<boolean> {
    if (o.keepRepeats !== 'auto') return o.keepRepeats !== false;
    try {
      // The head's whole lines, read as the file will be (its mapping, zones and date order).
      const end = head.lastIndexOf(0x0a);
      const lines = end > 0 ? head.subarray(0, end + 1) : head;
      const { parts } = await analyze([lines], { mapping: o.mapping, inputTimeZone: o.inputTimeZone ?? o.timeZone, dayMonthOrder: o.dayMonthOrder, dimensions: [], keepRepeats: false });
      return !parts.carriesResolvedFlags;
    } catch {
      return true;
    }
  }

  /**
   * Reads a large plain file on helpers (ranges.ts), hashing its content meanwhile; null when it is to be read in
   * one piece (small, one core, no helpers in this browser, not decided by its head).
   */
  private async readInParallel(ds: Dataset, blob: Blob, head: Uint8Array, sampled: Uint8Array[], partsOpts: PartsOptions, hashIt: boolean, open: () => boolean): Promise<(ParallelReading & { hash: Promise<string> }) | null> {
    const threads = this.opts.threads ?? (globalThis.navigator?.hardwareConcurrency || 1);
    if (threads < 2 || blob.size < (this.opts.parallelMinBytes ?? PARALLEL_MIN_BYTES) || typeof Worker === 'undefined' || typeof FileReaderSync === 'undefined') return null;
    const o = ds.opts;
    const total = blob.size;
    // The content hash, block by block (the digests run off this thread): a pass of its own over the file.
    const counts = this.counts;
    let hash: Promise<string> = Promise.resolve('');
    const startHash = () => {
      if (!hashIt) return;
      hash = (async () => {
        const hasher = new ContentHasher();
        for await (const chunk of bytesOf(blob, new Uint8Array(0), counts)) {
          if (!open()) throw new Closed(); // a dataset closed meanwhile: its file is not read on
          await hasher.push(chunk);
        }
        return hasher.digest();
      })();
      hash.catch(() => undefined);
    };
    let reading: ParallelReading | null;
    let shown = 0;
    try {
      reading = await readInRanges(blob, head, {
        mapping: o.mapping, inputTimeZone: o.inputTimeZone ?? o.timeZone, dayMonthOrder: o.dayMonthOrder, sampleBlocks: sampled,
        parts: partsOpts, helpers: Math.min(threads, 4),
        // This worker's own script, started again as a helper (the file a host copied, or the blob that imports it).
        start: () => new Worker((self as unknown as { location: Location }).location.href, { type: 'module', name: RANGE_ROLE }),
        onFirst: (parts, bytes) => {
          ds.parts = parts;
          shown = bytes;
          this.progress(ds, { bytes, rows: parts.contacts, rejected: 0, counted: bytes }, total);
        },
        // The bar moves with the helpers' bytes; the figures shown still count the first range's.
        onProgress: (bytes) => this.progress(ds, { bytes, rows: ds.parts.contacts, rejected: 0, counted: shown }, total),
        open,
      });
    } catch {
      // Helpers that cannot start or fail (a browser's limits): the file is read in one piece.
      reading = null;
    }
    if (!open()) throw new Closed();
    if (reading) this.counts.inRanges++;
    // Hashed after the reading, not beside it: the helpers have every core meanwhile; the figures do not wait
    // for the hash (only the cache does).
    if (reading) startHash();
    return reading && { ...reading, hash };
  }

  /** A file read whole (a reader that needs all of it), hashed; its head was counted read already. */
  private async wholeFile(blob: Blob, head: Uint8Array, hasher: ContentHasher): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    this.counts.bytes += bytes.byteLength - head.length;
    await hasher.push(bytes);
    return bytes;
  }

  /** Tells the subscribers of a warning the cache gave while it kept the dataset (it fell back to memory …). */
  private cacheWarning(ds: Dataset, cache: DatasetCache): void {
    if (cache.warning === ds.status.warning) return;
    ds.status.warning = cache.warning;
    ds.version++;
    this.changed(ds.id, false);
  }

  /**
   * Reads a parts table (docs/parts.md) into the dataset: CSV, NDJSON or Parquet, told by its first bytes.
   * Every widget works on it as on contacts (a live stream aside); it is small, so it is read again, not cached.
   */
  async feedParts(id: string, blob: Blob, name?: string): Promise<DatasetStatus> {
    const ds = this.must(id);
    const cache = await this.cache;
    const label = name ?? ds.status.name;
    this.set(ds, this.status(ds, label, { state: 'loading', progress: { bytes: 0, totalBytes: blob.size, rows: 0, rejected: 0 }, warning: cache.warning }));
    try {
      if (blob.size === 0) throw new IngestError(error('partsEmpty'));
      // Each byte read once: the head tells the format and keys the cache, the content is hashed as it is read.
      const head = await headOf(blob, this.counts);
      const format = partsFormatOf(head);
      const hasher = new ContentHasher();
      // A vendor's saved aggregates (docs/parts.md, "Vendor aggregates"): read whole, entry by entry.
      const source = format === 'parquet' ? null : aggregateSourceOf(new TextDecoder().decode(head));
      const vendor = { thresholdSec: ds.opts.sourceThresholdSec, shortAbandonSec: ds.opts.sourceShortAbandonSec };
      let reader: Pick<PartsTableReader, 'parts' | 'validation'>;
      if (source) {
        if (blob.size > MAX_AGGREGATES_BYTES) throw new IngestError(error('aggregatesTooLarge', { mib: MAX_AGGREGATES_BYTES / 2 ** 20 }));
        const { readAggregates, emptyAggregates } = await import('../engine/aggregates/index.js');
        const bytes = await this.wholeFile(blob, head, hasher);
        this.progress(ds, { bytes: bytes.byteLength, rows: 0, rejected: 0 }, blob.size);
        reader = readAggregates(new TextDecoder().decode(bytes), source, vendor);
        if (reader.validation.rowsRead === 0) throw emptyAggregates(source);
      } else if (format === 'parquet') {
        const { readParquetParts } = await import('./parquet-parts.js');
        reader = await readParquetParts((await this.wholeFile(blob, head, hasher)).buffer);
      } else {
        const text = new PartsTextReader(format);
        let bytes = 0;
        for await (const chunk of bytesOf(blob, head, this.counts)) {
          if (this.all.get(ds.id) !== ds) throw new Closed();
          await hasher.push(chunk);
          text.push(chunk);
          bytes += chunk.length;
          if (text.failed) break;
          this.progress(ds, { bytes, rows: 0, rejected: 0 }, blob.size);
        }
        reader = text.end();
      }
      const parts = reader.parts;
      if (!parts) {
        const first = reader.validation.rejections[0];
        throw new IngestError(first ? error('partsNoRows', { line: first.line, reason: first.reason }) : error('partsEmpty'));
      }
      const interval = ds.opts.intervalMinutes ?? 15;
      if (interval % parts.opts.slotMinutes !== 0) throw new IngestError(error('partsSlot', { slot: parts.opts.slotMinutes, interval }));
      ds.parts = parts;
      ds.validation = reader.validation;
      ds.mapping = null;
      this.set(ds, this.status(ds, label, { state: 'ready', warning: cache.warning }));
      // Kept like an upload's parts, so that the page finds it again after a reload (the table itself is not kept).
      const now = Date.now();
      await cache.put({ id: ds.id, name: label, key: `parts ${await sampleKey(blob.size, head)} ${ENGINE_VERSION}${source ? ` ${source} ${vendor.thresholdSec ?? '-'}/${vendor.shortAbandonSec ?? '-'}` : ''}`, contentHash: await hasher.digest(), options: ds.opts, validation: ds.validation, mapping: null, contacts: parts.contacts, createdAt: now, lastUsed: now }, parts.toSnapshot(), null);
      this.cacheWarning(ds, cache);
    } catch (e) {
      if (e instanceof Closed) return ds.status;
      this.set(ds, this.status(ds, label, { state: 'error', error: saidOf(e), warning: cache.warning }));
    }
    return ds.status;
  }

  /** Reads a parts table from a URL. */
  async feedPartsUrl(id: string, url: string): Promise<DatasetStatus> {
    const blob = await this.download(id, url);
    return blob ? this.feedParts(id, blob, url.split('/').pop() || url) : this.must(id).status;
  }

  /** Reads a CSV from a URL (downloaded into a Blob first, so the cache can keep it). */
  async feedUrl(id: string, url: string): Promise<DatasetStatus> {
    const blob = await this.download(id, url);
    return blob ? this.feed(id, blob, url.split('/').pop() || url) : this.must(id).status;
  }

  /** Downloads a file for a dataset, loading from the first moment; null (and the dataset's error) when it fails. */
  private async download(id: string, url: string): Promise<Blob | null> {
    const ds = this.must(id);
    // Loading from the first moment: a large file's download is not "no data".
    this.set(ds, this.status(ds, ds.status.name, { state: 'loading' }));
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return await res.blob();
    } catch (e) {
      this.set(ds, this.status(ds, ds.status.name, { state: 'error', error: error('loadFailed', { url, detail: (e as Error)?.message ?? String(e) }) }));
      return null;
    }
  }

  /**
   * Makes the dataset live: events from a WebSocket, SSE or NDJSON stream (kind from the URL or given) are
   * applied as they come; subscribers get throttled updates with the queue state and the stream's status.
   */
  connect(id: string, url: string, opts: { kind?: StreamKind; staleAfterMs?: number } = {}): DatasetStatus {
    const ds = this.must(id);
    ds.source?.stop();
    ds.parts = this.newParts(ds.opts, false);
    const live = new LiveContacts(ds.parts);
    ds.live = live;
    ds.malformed = 0;
    let lastResync = 0;
    ds.status = this.status(ds, ds.status.name, { state: 'ready' });
    ds.source = new StreamSource(url, {
      kind: opts.kind,
      staleAfterMs: opts.staleAfterMs,
      since: () => (Number.isFinite(live.resumeFrom) ? live.resumeFrom : 0),
      stream: () => live.streamId,
      onMalformed: () => { ds.malformed!++; },
      onEvent: (e) => {
        const missingBefore = live.missing;
        live.apply(e);
        // A gap in the seqs: ask the server to replay from before it (at most once a second).
        if (live.missing > missingBefore && Date.now() - lastResync > 1000) { lastResync = Date.now(); queueMicrotask(() => ds.source?.resync()); }
        ds.version++;
        this.changed(id, false);
      },
      onStatus: (st) => {
        ds.status.stream = st;
        ds.version++;
        this.changed(id, false);
      },
    });
    ds.status.stream = { ...ds.source.status };
    ds.source.start();
    return ds.status;
  }

  disconnect(id: string): void {
    const ds = this.must(id);
    ds.source?.stop();
    ds.source = undefined;
  }

  /** Puts a dataset in error with the reason given. */
  fail(id: string, why: Said<ErrorCode>): void {
    const ds = this.must(id);
    this.set(ds, this.status(ds, ds.status.name, { state: 'error', error: why }));
  }

  /** Forgets an open dataset (the cache keeps it). */
  close(id: string): void {
    this.all.get(id)?.source?.stop();
    this.all.delete(id);
  }

  async list(): Promise<DatasetInfo[]> {
    return (await this.cache).list();
  }

  async rename(id: string, name: string): Promise<void> {
    const ds = this.all.get(id);
    if (ds) { ds.status.name = name; ds.version++; this.changed(id, false); }
    await (await this.cache).rename(id, name);
  }

  /** Closes a dataset and deletes it from the cache. */
  async remove(id: string): Promise<void> {
    this.close(id);
    await (await this.cache).delete(id);
  }
}

/** A live dataset's events as its status tells them: taken, duplicates, rejected, and the first rejected ones. */
/**
 * A dataset's status as it goes out: a live one's stream carries its counts as they are at that moment (taken,
 * duplicates, rejected with the first reasons, gaps, malformed) — every seq the server gives out is counted,
 * rejected or shown missing (docs/stream.md). Made when a view is made, not at every event.
 */
export function currentStatus(ds: Dataset): DatasetStatus {
  if (!ds.live || !ds.status.stream) return { ...ds.status };
  return { ...ds.status, stream: { ...ds.status.stream, events: eventsOf(ds.live, ds.malformed ?? 0) } };
}

function eventsOf(live: LiveContacts, malformed: number): NonNullable<StreamStatus['events']> {
  return { ...live.counts, malformed, missing: live.missing, rejections: live.rejections.slice(0, 20) };
}
