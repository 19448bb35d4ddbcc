import { mulberry32 } from './seeded.mjs';

/**
 * A hostile but valid-looking export of `rows` contacts, seeded: notes with line feeds, quotes and delimiters;
 * CRLF and LF; blank lines; unreadable times; ids again, near and far; and, half way, a quote that never
 * closes, followed by 120 rows without quotes (a runaway the reader must reject and resync after). The ranges
 * tests cut it anywhere and expect what one reading gives.
 */
export function messyCsv(rows, seed) {
  const rnd = mulberry32(seed);
  const out = ['id,queue,channel,agent,customer,arrived,answered,ended,outcome,note'];
  const t0 = Date.UTC(2026, 2, 2, 8, 0, 0);
  const iso = (ms) => new Date(ms).toISOString().replace('.000', '');
  for (let i = 0; i < rows; i++) {
    const at = t0 + Math.floor(rnd() * 10 * 3600_000);
    const wait = Math.floor(rnd() * 90);
    const answered = rnd() < 0.8;
    const id = rnd() < 0.03 ? `c${Math.floor(rnd() * i)}` : `c${i}`;
    const r = rnd();
    const note = i > rows / 2 && i < rows / 2 + 120 ? 'plain' : r < 0.25 ? '"first line\nsecond, with ""quotes""\r\nthird"' : r < 0.3 ? '""' : r < 0.32 ? `"${'x'.repeat(200)}\n\n"` : 'plain';
    const arrived = rnd() < 0.02 ? 'not a time' : iso(at);
    const eol = rnd() < 0.5 ? '\r\n' : '\n';
    const line = `${id},${['Sales', 'Help', 'Billing'][i % 3]},${['voice', 'chat'][i % 2]},a${i % 7},cust${Math.floor(rnd() * 50)},${arrived},${answered ? iso(at + wait * 1000) : ''},${iso(at + (wait + 60) * 1000)},${answered ? 'answered' : 'abandoned'},${note}`;
    out.push(line + (rnd() < 0.02 ? eol + eol : ''));
    if (i === Math.floor(rows / 2)) out.push(`stray,Sales,voice,a1,cust1,${iso(at)},,,abandoned,"a quote that never closes`);
  }
  return out.join('\n') + '\n';
}
