/**
 * A set of ids kept as bytes: duplicate detection without one string per row. Ids are copied into an
 * arena (each after a 2-byte length) and found through one open-addressing table of (hash, offset)
 * pairs, so a lookup touches one cache line; a hit is confirmed byte by byte, so a hash collision never
 * rejects a row wrongly. About 10 bytes per id plus the id itself, where a Set of strings costs several
 * times that.
 */
function hash(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** Ids as `IdSet.list` gives them. */
export interface IdList {
  arena: Uint8Array;
  count: number;
  /** The smallest and largest id (by length, then bytes) when every id came above or below those before; else null. */
  min: Uint8Array | null;
  max: Uint8Array | null;
}

/** Orders two ids by length, then bytes (IdSet's order). */
export function compareIds(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

export class IdSet {
  private arena = new Uint8Array(1 << 20);
  private used = 0;
  /** Pairs per slot: hash, offset + 1 (0 = empty). */
  private table = new Int32Array(2 << 16);
  private mask = (1 << 16) - 1;
  private count = 0;
  /**
   * While every id has come above the largest or below the smallest so far (exports sorted by id, either
   * way), none can be a repeat: ids are only appended, and the table is built when the order first breaks.
   */
  private ordered = true;
  private minAt = 0;
  private maxAt = 0;

  get size(): number {
    return this.count;
  }

  /** Adds the id in buf[s, e); returns false when it was already there. */
  add(buf: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    if (n > 0xffff) throw new RangeError('an id longer than 65535 bytes');
    if (this.ordered) {
      if (this.count === 0 || this.compare(buf, s, e, this.maxAt) > 0) {
        this.maxAt = this.append(buf, s, e);
        if (this.count++ === 0) this.minAt = this.maxAt;
        return true;
      }
      if (this.compare(buf, s, e, this.minAt) < 0) {
        this.minAt = this.append(buf, s, e);
        this.count++;
        return true;
      }
      this.buildTable();
    }
    const h = hash(buf, s, e);
    const table = this.table;
    const arena = this.arena;
    let slot = h & this.mask;
    for (;;) {
      const off = table[slot * 2 + 1];
      if (off === 0) break;
      if (table[slot * 2] === h) {
        const o = off - 1;
        if ((arena[o] | (arena[o + 1] << 8)) === n) {
          let k = 0;
          while (k < n && arena[o + 2 + k] === buf[s + k]) k++;
          if (k === n) return false;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    table[slot * 2] = h;
    table[slot * 2 + 1] = this.append(buf, s, e) + 1;
    if (++this.count * 2 > this.mask) this.rehash();
    return true;
  }

  /**
   * The ids taken, in the order they came, as one buffer (each after its 2-byte length), with the smallest and
   * the largest (by length, then bytes) while they came in order: ranges of a file read beside each other hand
   * these over to find the ids that two ranges share (docs/mapping.md "Ranges").
   */
  list(): IdList {
    const arena = this.arena.slice(0, this.used);
    const bound = (at: number) => arena.slice(at + 2, at + 2 + (arena[at] | (arena[at + 1] << 8)));
    return { arena, count: this.count, min: this.ordered && this.count ? bound(this.minAt) : null, max: this.ordered && this.count ? bound(this.maxAt) : null };
  }

  /** Adds every id of a list; calls `seen` with each one that was there already. */
  addList(list: IdList, seen?: (buf: Uint8Array, s: number, e: number) => void): void {
    const a = list.arena;
    for (let o = 0; o < a.length; ) {
      const n = a[o] | (a[o + 1] << 8);
      if (!this.add(a, o + 2, o + 2 + n)) seen?.(a, o + 2, o + 2 + n);
      o += n + 2;
    }
  }

  /** Orders ids by length, then bytes: a total order, cheap to test. */
  private compare(buf: Uint8Array, s: number, e: number, at: number): number {
    const a = this.arena;
    const n = e - s;
    const m = a[at] | (a[at + 1] << 8);
    if (n !== m) return n - m;
    for (let k = 0; k < n; k++) {
      const d = buf[s + k] - a[at + 2 + k];
      if (d !== 0) return d;
    }
    return 0;
  }

  /** Copies an id into the arena after its 2-byte length; returns where it starts. */
  private append(buf: Uint8Array, s: number, e: number): number {
    const n = e - s;
    if (this.used + n + 2 > this.arena.length) {
      const a = new Uint8Array(Math.max(this.arena.length * 2, this.used + n + 2));
      a.set(this.arena.subarray(0, this.used));
      this.arena = a;
    }
    const a = this.arena;
    const o = this.used;
    a[o] = n & 0xff;
    a[o + 1] = n >>> 8;
    for (let k = 0; k < n; k++) a[o + 2 + k] = buf[s + k];
    this.used = o + n + 2;
    return o;
  }

  /** The order broke: index every id appended so far. */
  private buildTable(): void {
    this.ordered = false;
    let size = 1 << 16;
    while (size < this.count * 4) size *= 2;
    this.table = new Int32Array(size * 2);
    this.mask = size - 1;
    const a = this.arena;
    for (let o = 0; o < this.used; ) {
      const n = a[o] | (a[o + 1] << 8);
      const h = hash(a, o + 2, o + 2 + n);
      let slot = h & this.mask;
      while (this.table[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot * 2] = h;
      this.table[slot * 2 + 1] = o + 1;
      o += n + 2;
    }
  }

  private rehash(): void {
    const old = this.table;
    const size = (this.mask + 1) * 2;
    const table = new Int32Array(size * 2);
    const mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] === 0) continue;
      const h = old[i];
      let slot = h & mask;
      while (table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      table[slot * 2] = h;
      table[slot * 2 + 1] = old[i + 1];
    }
    this.table = table;
    this.mask = mask;
  }
}
