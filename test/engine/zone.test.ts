import { assert } from '../helpers/assert.js';
import { Zone } from '../../src/engine/time/zone.js';

/** The offset (local − UTC, ms) the browser's own Intl gives at an instant: the reference. */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlOffset(zone: string, utc: number): number {
  let f = formats.get(zone);
  if (!f) formats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })));
  const parts = f.formatToParts(new Date(utc));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - utc;
}

describe('a zone\'s offsets', () => {
  // Zones whose changes fall at odd hours, by half hours, or twice a year on either side of the date line.
  for (const name of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Kathmandu', 'America/Santiago']) {
    it(`${name}: every 15-minute slot of 2026 has the offset Intl gives`, () => {
      const z = new Zone(name);
      const start = Date.UTC(2026, 0, 1);
      let wrong = 0, changes = 0, last = NaN;
      for (let t = start; t < Date.UTC(2027, 0, 1); t += 900_000) {
        const want = intlOffset(name, t);
        if (want !== last) { changes++; last = want; }
        if (z.offsetAt(t) !== want) wrong++;
      }
      assert.equal(wrong, 0);
      // The year has its changes (DST on both ends), so the days they fall on were met.
      if (name !== 'Asia/Kathmandu') assert.ok(changes >= 3, `${changes} offsets`);
    });
  }
});
