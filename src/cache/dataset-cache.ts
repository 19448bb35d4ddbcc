/**
 * The dataset cache (IndexedDB through idb): each uploaded file as a Blob and its parts as a snapshot (a few
 * large ArrayBuffers, not a record per row), found by id or by a key of size + head hash + mapping + zones +
 * interval + engine version, with the whole content's hash to tell apart files that share a key. A size limit evicts the least recently used. Without IndexedDB (private modes,
 * a factory handed in as absent), on a quota error or a blocked upgrade, it keeps datasets in memory and
 * says so in `warning`: a widget never breaks over storage.
 */
import { wrap, type IDBPDatabase } from 'idb';
import type { PartsSnapshot } from '../engine/parts.js';
import { error, type ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { Validation } from '../engine/ingest/index.js';
import type { DatasetInfo, DatasetOptions } from '../protocol/index.js';

export interface CachedDataset extends DatasetInfo {
  /** Size and head of the file, settings and engine version: what a new file is looked up by. */
  key: string;
  /** The SHA-256 of the file's whole content (absent in entries written by earlier versions). */
  contentHash?: string;
  /** Another dataset whose parts and file this one shares (the same content opened again). */
  partsOf?: string;
  options: DatasetOptions;
  validation: Validation | null;
  mapping: Mapping | null;
}

export interface CacheOptions {
  /** The IndexedDB factory; `null` means there is none (memory only). Default: the global one. */
  indexedDB?: IDBFactory | null;
  dbName?: string;
  /** Most bytes kept (parts + files); least recently used datasets go first. Default 500 MB. */
  maxBytes?: number;
  /** The database version to open (tests of an upgrade blocked by another tab). */
  dbVersion?: number;
}

const STORES = { datasets: 'datasets', parts: 'parts', files: 'files' } as const;

function snapshotBytes(s: PartsSnapshot): number {
  let n = 0;
  for (const b of Object.values(s.buffers)) n += b.byteLength;
  if (s.sealed) for (const b of Object.values(s.sealed)) n += b.byteLength;
  const z = (s as StoredParts).dictsDeflated;
  return n + (z ? z.byteLength : JSON.stringify(s.dicts).length * 2);
}

/**
 * Parts as stored: the snapshot's buffers deflated (the browser's own CompressionStream) when they are large
 * beside their file (`put`). Parts are mostly zeros and small counts: about a fifth of their size. Entries stored
 * whole (small parts, older versions) are read as they are.
 */
type StoredParts = PartsSnapshot & { deflated?: true; dictsDeflated?: ArrayBuffer; /** buffers stored as they are (small) */ raw?: string[] };

async function squeeze(b: ArrayBuffer, format: 'compress' | 'decompress'): Promise<ArrayBuffer> {
  const stream = new Blob([b]).stream().pipeThrough(format === 'compress' ? new CompressionStream('deflate-raw') : new DecompressionStream('deflate-raw'));
  return new Response(stream).arrayBuffer();
}

/** Parts up to this share of their file's size are stored as they are (fast to reopen, still a small cache). */
const RAW_SHARE = 0.05;

/** Buffers under this size are stored as they are: a stream each would cost more than it saves. */
const SMALL = 1 << 16;

async function deflated(s: PartsSnapshot): Promise<StoredParts> {
  if (typeof CompressionStream === 'undefined') return s;
  const each = async <K extends string>(o: Record<K, ArrayBuffer>) => Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, v]) => [k, (v as ArrayBuffer).byteLength < SMALL ? v : await squeeze(v as ArrayBuffer, 'compress')]))) as Record<K, ArrayBuffer>;
  // The names (queues, agents, customers) as one deflated JSON text: customers alone are a string per contact.
  const dicts = await squeeze(new TextEncoder().encode(JSON.stringify(s.dicts)).buffer as ArrayBuffer, 'compress');
  const none = { queues: [], channels: [], tiers: [], agents: [], customers: [] };
  const raw = [...Object.entries(s.buffers), ...Object.entries(s.sealed ?? {})].filter(([, v]) => (v as ArrayBuffer).byteLength < SMALL).map(([k]) => k);
  return { ...s, dicts: none, dictsDeflated: dicts, buffers: await each(s.buffers), ...(s.sealed ? { sealed: await each(s.sealed) } : {}), deflated: true, raw };
}

async function inflated(s: StoredParts): Promise<PartsSnapshot> {
  if (!s.deflated) return s;
  const each = async <K extends string>(o: Record<K, ArrayBuffer>) => Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, v]) => [k, s.raw?.includes(k) ? v : await squeeze(v as ArrayBuffer, 'decompress')]))) as Record<K, ArrayBuffer>;
  const { deflated: _d, dictsDeflated, raw: _r, ...rest } = s;
  const dicts = dictsDeflated ? JSON.parse(new TextDecoder().decode(await squeeze(dictsDeflated, 'decompress'))) as PartsSnapshot['dicts'] : s.dicts;
  return { ...rest, dicts, buffers: await each(s.buffers), ...(s.sealed ? { sealed: await each(s.sealed) } : {}) };
}

export class DatasetCache {
  /** Why the cache runs in memory (as data: the page words it), or null when IndexedDB works. */
  warning: Said<ErrorCode> | null = null;
  private db: IDBPDatabase | null = null;
  private readonly memory = new Map<string, { meta: CachedDataset; parts: PartsSnapshot; file: Blob | null }>();
  private readonly maxBytes: number;

  private constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  static async open(opts: CacheOptions = {}): Promise<DatasetCache> {
    const cache = new DatasetCache(opts.maxBytes ?? 500 * 1024 * 1024);
    const factory = opts.indexedDB === undefined ? (globalThis as { indexedDB?: IDBFactory }).indexedDB ?? null : opts.indexedDB;
    if (!factory) {
      cache.warning = error('cacheNone');
      return cache;
    }
    try {
      cache.db = await openDatabase(factory, opts.dbName ?? 'sla-widgets', opts.dbVersion ?? 1);
      cache.db.addEventListener('versionchange', () => {
        // Another tab upgrades the database: let it, and keep working in memory.
        cache.db?.close();
        cache.db = null;
        cache.warning = error('cacheUpgrading');
      });
    } catch (e) {
      cache.warning = error('cacheNotOpened', { detail: (e as Error)?.message ?? String(e) });
    }
    return cache;
  }

  get persistent(): boolean {
    return this.db !== null;
  }

  async get(id: string): Promise<{ meta: CachedDataset; parts: PartsSnapshot } | null> {
    if (!this.db) {
      const m = this.memory.get(id);
      if (!m) return null;
      m.meta.lastUsed = Date.now();
      return { meta: m.meta, parts: m.parts };
    }
    
    try {
      const meta = (await this.db.get(STORES.datasets, id)) as CachedDataset | undefined;
      if (!meta) return null;
      const stored = (await this.db.get(STORES.parts, meta.partsOf ?? id)) as StoredParts | undefined;
      if (!stored) return null;
      const parts = await inflated(stored);
      meta.lastUsed = Date.now();
      // Recording the use need not delay the numbers.
      this.db.put(STORES.datasets, meta).catch(() => {});
      return { meta, parts };
    } catch (e) {
      this.fallBack(e);
      return this.get(id);
    }
  }

  /** Every dataset stored under a key (files of the same size and head read with the same settings). */
  async findAllByKey(key: string): Promise<CachedDataset[]> {
    if (!this.db) return [...this.memory.values()].map((m) => m.meta).filter((m) => m.key === key);
    try {
      return (await this.db.getAllFromIndex(STORES.datasets, 'key', key)) as CachedDataset[];
    } catch (e) {
      this.fallBack(e);
      return this.findAllByKey(key);
    }
  }

  async file(id: string): Promise<Blob | null> {
    if (!this.db) return this.memory.get(id)?.file ?? null;
    return ((await this.db.get(STORES.files, id)) as Blob | undefined) ?? null;
  }

  /**
   * Keeps a dataset (on a quota error the cache falls back to memory and keeps it there). Its parts are stored as they are when they take at most 5 % of the file they were read from
   * (`sourceBytes`): reopening then inflates nothing (a tenth of a second on a million contacts' parts); larger
   * ones are deflated, to about a fifth.
   */
  async put(meta: Omit<CachedDataset, 'bytes'>, parts: PartsSnapshot, file: Blob | null, sourceBytes?: number): Promise<void> {
    if (!this.db) {
      this.memory.set(meta.id, { meta: { ...meta, bytes: snapshotBytes(parts) + (file?.size ?? 0) }, parts, file });
      return;
    }
    const stored = sourceBytes !== undefined && snapshotBytes(parts) <= sourceBytes * RAW_SHARE ? parts : await deflated(parts);
    const full: CachedDataset = { ...meta, bytes: snapshotBytes(stored) + (file?.size ?? 0) };
    try {
      await this.evictFor(full.bytes);
      const tx = this.db.transaction([STORES.datasets, STORES.parts, STORES.files], 'readwrite');
      await Promise.all([
        tx.objectStore(STORES.datasets).put(full),
        tx.objectStore(STORES.parts).put(stored, full.id),
        file ? tx.objectStore(STORES.files).put(file, full.id) : Promise.resolve(),
        tx.done,
      ]);
    } catch (e) {
      this.fallBack(e);
      this.memory.set(full.id, { meta: full, parts, file });
    }
  }

  /** Records a dataset that shares the parts of one already cached (no second copy). */
  async alias(meta: Omit<CachedDataset, 'bytes' | 'partsOf'>, partsOf: string): Promise<void> {
    if (!this.db) {
      const m = this.memory.get(partsOf);
      if (m) this.memory.set(meta.id, { meta: { ...meta, bytes: 0, partsOf }, parts: m.parts, file: m.file });
      return;
    }
    try {
      await this.db.put(STORES.datasets, { ...meta, bytes: 0, partsOf });
    } catch (e) {
      this.fallBack(e);
    }
  }

  async list(): Promise<DatasetInfo[]> {
    const all: CachedDataset[] = this.db ? ((await this.db.getAll(STORES.datasets)) as CachedDataset[]) : [...this.memory.values()].map((m) => m.meta);
    // A dataset that shares another's parts (the same file read again) takes no bytes of its own; people see
    // the size of what it shares.
    const size = new Map(all.map((d) => [d.id, d.bytes]));
    return all
      .map(({ id, name, bytes, contacts, createdAt, lastUsed, partsOf }) => ({ id, name, bytes: partsOf ? size.get(partsOf) ?? bytes : bytes, contacts, createdAt, lastUsed }))
      .sort((a, b) => b.lastUsed - a.lastUsed);
  }

  async rename(id: string, name: string): Promise<void> {
    if (!this.db) {
      const m = this.memory.get(id);
      if (m) m.meta.name = name;
      return;
    }
    const meta = (await this.db.get(STORES.datasets, id)) as CachedDataset | undefined;
    if (meta) await this.db.put(STORES.datasets, { ...meta, name });
  }

  /** Records a kept dataset's content hash, known only after it was kept (a file read on helpers is hashed after). */
  async setContentHash(id: string, contentHash: string): Promise<void> {
    if (!this.db) {
      const m = this.memory.get(id);
      if (m) m.meta.contentHash = contentHash;
      return;
    }
    try {
      const meta = (await this.db.get(STORES.datasets, id)) as CachedDataset | undefined;
      if (meta) await this.db.put(STORES.datasets, { ...meta, contentHash });
    } catch (e) {
      this.fallBack(e);
    }
  }

  async delete(id: string): Promise<void> {
    this.memory.delete(id);
    if (!this.db) return;
    const tx = this.db.transaction([STORES.datasets, STORES.parts, STORES.files], 'readwrite');
    await Promise.all([tx.objectStore(STORES.datasets).delete(id), tx.objectStore(STORES.parts).delete(id), tx.objectStore(STORES.files).delete(id), tx.done]);
  }

  /** Deletes least recently used datasets until `incoming` more bytes fit under the limit. */
  private async evictFor(incoming: number): Promise<void> {
    const all = await this.list();
    let total = all.reduce((s, d) => s + d.bytes, 0) + incoming;
    for (const d of [...all].sort((a, b) => a.lastUsed - b.lastUsed)) {
      if (total <= this.maxBytes) break;
      await this.delete(d.id);
      total -= d.bytes;
    }
  }

  private fallBack(e: unknown): void {
    const name = (e as DOMException)?.name;
    this.warning = name === 'QuotaExceededError' ? error('cacheFull') : error('cacheFailed', { detail: (e as Error)?.message ?? String(e) });
    this.db?.close();
    this.db = null;
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}

function openDatabase(factory: IDBFactory, name: string, version: number): Promise<IDBPDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, version);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(STORES.datasets)) db.createObjectStore(STORES.datasets, { keyPath: 'id' }).createIndex('key', 'key');
      if (!db.objectStoreNames.contains(STORES.parts)) db.createObjectStore(STORES.parts);
      if (!db.objectStoreNames.contains(STORES.files)) db.createObjectStore(STORES.files);
    };
    req.onblocked = () => reject(new Error('the cache is held open by another tab at an older version'));
    req.onerror = () => reject(req.error);
    req.onsuccess = () => resolve(wrap(req.result) as IDBPDatabase);
  });
}
