import { assert } from '../helpers/assert.js';
import { CellIndex } from '../../src/engine/cell-index.js';

describe('the cell index of parts', () => {
  it('finds every cell filed, by slot and series, through its growth; a pair never filed is -1', () => {
    const index = new CellIndex();
    const reference = new Map<string, number>();
    // Slots as a file gives them (runs of 15-minute slots, some before 1970) and series that come and go.
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let cell = 0; cell < 50_000; cell++) {
      let slot: number, series: number, key: string;
      do {
        slot = (next() % 40_000) - 1_000 + 1_900_000;
        series = next() % 97;
        if (cell % 1000 === 0) slot = -slot;
        key = `${slot}/${series}`;
      } while (reference.has(key));
      index.add(slot, series, cell);
      reference.set(key, cell);
    }
    assert.equal(index.size, reference.size);
    let wrong = 0;
    for (const [key, cell] of reference) {
      const [slot, series] = key.split('/').map(Number);
      if (index.get(slot, series) !== cell) wrong++;
    }
    assert.equal(wrong, 0);
    let absent = 0;
    for (let i = 0; i < 10_000; i++) {
      const slot = 5_000_000 + i, series = i % 7;
      if (index.get(slot, series) === -1) absent++;
    }
    assert.equal(absent, 10_000);
  });
});
