import { assert } from '../../helpers/assert.js';
import { CsvReader } from '../../../src/engine/ingest/csv.js';
import { reasonText } from '../../../src/engine/ingest/reasons.js';

function parse(input: string | Uint8Array, chunkSize = 0, bounds: { maxQuotedLines?: number; maxRecordBytes?: number } = {}): { rows: string[][]; lines: number[]; malformed: (string | null)[]; delimiter: string | null } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const malformed: (string | null)[] = [];
  const r = new CsvReader({ ...bounds, onRecord: (rec) => { rows.push(rec.texts()); lines.push(rec.line); malformed.push(rec.malformed && reasonText(rec.malformed)); } });
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (chunkSize > 0) for (let i = 0; i < bytes.length; i += chunkSize) r.push(bytes.subarray(i, i + chunkSize));
  else r.push(bytes);
  r.end();
  return { rows, lines, malformed, delimiter: r.delimiter };
}

describe('streaming CSV reader', () => {
  const tricky = 'id,note,n\r\n1,"hello, world",2\r\n2,"she said ""hi""",3\n3,"two\nlines",4\r4,plain,5\n\n5,"",6';
  const expected = [['id', 'note', 'n'], ['1', 'hello, world', '2'], ['2', 'she said "hi"', '3'], ['3', 'two\nlines', '4'], ['4', 'plain', '5'], ['5', '', '6']];

  it('reads quotes, escaped quotes, embedded newlines, CRLF, CR and LF line ends; skips blank lines', () => {
    const p = parse(tricky);
    assert.deepEqual(p.rows, expected);
    // physical line where each record starts: the embedded newline pushes record 4 to line 5; a blank line before 5
    assert.deepEqual(p.lines, [1, 2, 3, 4, 6, 8]);
  });

  it('gives the same records whatever the chunk boundaries (every split of the input)', () => {
    const bytes = new TextEncoder().encode(tricky);
    for (let size = 1; size <= bytes.length; size++) {
      const p = parse(bytes, size);
      assert.deepEqual(p.rows, expected, `chunk size ${size}`);
      assert.deepEqual(p.lines, [1, 2, 3, 4, 6, 8], `lines, chunk size ${size}`);
    }
  });

  it('strips a UTF-8 BOM and keeps multi-byte characters split across chunks', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Queue;Agent\nSöder;Zoë\n')]);
    for (const size of [0, 1, 2, 5]) {
      const p = parse(bytes, size);
      assert.deepEqual(p.rows, [['Queue', 'Agent'], ['Söder', 'Zoë']], `chunk ${size}`);
      assert.equal(p.delimiter, ';');
    }
  });

  it('detects , ; tab and | from the first line, outside quotes', () => {
    assert.equal(parse('a,b,c\n1,2,3').delimiter, ',');
    assert.equal(parse('a;b;c\n1;2;3').delimiter, ';');
    assert.equal(parse('a\tb\tc\n1\t2\t3').delimiter, '\t');
    assert.equal(parse('1612345678|123.4|sales|NONE|ENTERQUEUE||555').delimiter, '|');
    assert.equal(parse('"a;b";c,d,e\n').delimiter, ',');
  });

  it('reports malformed quoting instead of guessing', () => {
    const p = parse('a,b\n1,x"y\n2,"ok"z\n3,"never closed\n4,fine');
    assert.deepEqual(p.malformed, [null, 'quote inside an unquoted field', 'text after a closing quote', 'unclosed quote: the field runs to the end of the file (lines 4–5)']);
    assert.deepEqual(p.lines, [1, 2, 3, 4]);
  });

  it('a trailing delimiter makes an empty last field; a last line without newline is read', () => {
    assert.deepEqual(parse('a,b,\n1,2,').rows, [['a', 'b', ''], ['1', '2', '']]);
  });

  it('takes string chunks as well as bytes', () => {
    const rows: string[][] = [];
    const r = new CsvReader({ onRecord: (rec) => rows.push(rec.texts()) });
    r.push('a,"b');
    r.push('c",d\n1,2');
    r.push(',3');
    r.end();
    assert.deepEqual(rows, [['a', 'bc', 'd'], ['1', '2', '3']]);
  });

  describe('bounds: a stray quote or a line with no end costs one record, never the rest of the file', () => {
    const body = (n: number, at: (i: number) => string | null = () => null) => {
      const out = ['id,queue,n'];
      for (let i = 1; i <= n; i++) out.push(at(i) ?? `r${i},Q,${i}`);
      return out.join('\n') + '\n';
    };
    it('a quote opened on line 5 and never closed in 100 lines: line 5 rejected, every other line read, in any chunking', () => {
      const text = body(400, (i) => (i === 4 ? 'r4,"Q,4' : null));
      for (const chunk of [0, 7, 64, 1000]) {
        const p = parse(text, chunk);
        // Header + 400 rows = 401 records: line 5 (row 4) is one malformed record, the 399 others are read.
        assert.equal(p.rows.length, 401, `chunk ${chunk}`);
        assert.equal(p.lines[4], 5);
        assert.match(p.malformed[4]!, /^quoted field runs past 100 lines from line 5: a stray quote\?/);
        assert.deepEqual(p.rows[5], ['r5', 'Q', '5'], 'reading goes on at the next line');
        assert.equal(p.malformed.filter(Boolean).length, 1);
        assert.deepEqual(p.rows[400], ['r400', 'Q', '400']);
      }
    });
    it('a quoted field over the line bound that does close is still one record (the bound is the reader\'s to set)', () => {
      const text = 'id,note\n1,"' + Array.from({ length: 150 }, (_, i) => `l${i}`).join('\n') + '"\n2,x\n';
      assert.equal(parse(text, 0, { maxQuotedLines: 200 }).rows[1][1].split('\n').length, 150);
      const bounded = parse(text);
      assert.match(bounded.malformed[1]!, /runs past 100 lines from line 2/);
      assert.deepEqual(bounded.rows[bounded.rows.length - 1], ['2', 'x'], 'the line after the runaway is read again as data');
    });
    it('a line past the byte bound (no line end for megabytes) is rejected and dropped up to its end, in any chunking', () => {
      const long = 'r2,' + 'z'.repeat(3000) + ',2';
      const text = body(5, (i) => (i === 2 ? long : null));
      for (const chunk of [0, 100, 1024]) {
        const p = parse(text, chunk, { maxRecordBytes: 1024 });
        assert.deepEqual(p.rows.map((r) => r[0]), ['id', 'r1', '', 'r3', 'r4', 'r5'].map((x, k) => (k === 2 ? p.rows[2][0] : x)), `chunk ${chunk}`);
        assert.equal(p.malformed[2], 'record longer than 1024 bytes (reading goes on at the next line)');
        assert.equal(p.lines[3], 4, 'the next line keeps its number');
      }
    });
    it('a NUL byte in a row is said for that row (binary data), the others read', () => {
      // Past the first 4 KB (a file that starts binary is refused whole, before any row).
      const head = 'id,q\n' + Array.from({ length: 600 }, (_, i) => `r${i},a`).join('\n') + '\n';
      const text = new Uint8Array([...new TextEncoder().encode(head + '2,b'), 0, ...new TextEncoder().encode('c\n3,d\n')]);
      const p = parse(text);
      assert.equal(p.rows.length, 603);
      assert.deepEqual(p.malformed.slice(600), [null, 'a NUL byte: binary data, not text', null]);
    });
  });
});
