/**
 * Mulberry32: a small seeded generator (numbers in [0, 1)), so seeded test data is the same on every machine.
 * Plain JS: the browser tests, the Node tests and the fixture scripts import it alike.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
