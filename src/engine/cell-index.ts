/**
 * The cells of parts by (slot, series) — or of agents' efficiency parts by (slot, agent): an open-addressing
 * table in typed arrays. Parts find a cell for every
 * contact that starts a new slot of its series and for every cell another reading's parts bring (a file read in
 * ranges is put together cell by cell): a Map per slot cost a nested lookup and an object per slot.
 */
export class CellIndex {
  private slots = new Int32Array(1024);
  private series = new Int32Array(1024);
  /** The cell at each place of the table; -1 where the place is free. */
  private cells = new Int32Array(1024).fill(-1);
  private mask = 1023;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The cell of a slot and series, or -1. */
  get(slot: number, series: number): number {
    const mask = this.mask;
    for (let i = hash(slot, series) & mask; ; i = (i + 1) & mask) {
      const c = this.cells[i];
      if (c < 0) return -1;
      if (this.slots[i] === slot && this.series[i] === series) return c;
    }
  }

  /** Files a new cell (its slot and series not filed yet). */
  add(slot: number, series: number, cell: number): void {
    if ((this.count + 1) * 2 > this.cells.length) this.grow();
    this.place(slot, series, cell);
    this.count++;
  }

  private place(slot: number, series: number, cell: number): void {
    const mask = this.mask;
    let i = hash(slot, series) & mask;
    while (this.cells[i] >= 0) i = (i + 1) & mask;
    this.slots[i] = slot;
    this.series[i] = series;
    this.cells[i] = cell;
  }

  private grow(): void {
    const { slots, series, cells } = this;
    const n = cells.length * 2;
    this.slots = new Int32Array(n);
    this.series = new Int32Array(n);
    this.cells = new Int32Array(n).fill(-1);
    this.mask = n - 1;
    for (let i = 0; i < cells.length; i++) if (cells[i] >= 0) this.place(slots[i], series[i], cells[i]);
  }
}

function hash(slot: number, series: number): number {
  let h = Math.imul(slot, 0x9e3779b1) ^ Math.imul(series + 0x632be5ab, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 12)) >>> 0;
}
