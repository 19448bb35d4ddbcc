import { assert } from '../../helpers/assert.js';
import { CsvReader } from '../../../src/engine/ingest/csv.js';
import { reasonText } from '../../../src/engine/ingest/reasons.js';

function parse(input: string | Uint8Array, chunkSize = 0): { rows: string[][]; lines: number[]; malformed: (string | null)[]; delimiter: string | null } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const malformed: (string | null)[] = [];
  const r = new CsvReader({ onRecord: (rec) => { rows.push(rec.texts()); lines.push(rec.line); malformed.push(rec.malformed && reasonText(rec.malformed)); } });
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
});
