import { assert, inWords } from '../../helpers/assert.js';
import { analyze } from '../../../src/engine/analyze.js';
import { validateMapping } from '../../../src/engine/ingest/mapping.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

/** The 33,344 real calls of the Anonymous Bank, February 1999 (see test/fixtures/…/README.md). */
describe('Anonymous Bank, February 1999, with examples/anonymous-bank.mapping.json', () => {
  let result: Awaited<ReturnType<typeof analyze>>;
  before(async () => {
    const mapping = validateMapping(await (await fetch('/examples/anonymous-bank.mapping.json')).json());
    const res = await fetch('/test/fixtures/anonymous-bank-1999-02/calls.tsv');
    const chunks: Uint8Array[] = [];
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    result = await analyze(chunks, { mapping, inputTimeZone: 'Asia/Jerusalem', keepRepeats: true });
  });

  it('accounts for every record: 33,344 read = accepted + rejected, ghosts and IVR hang-ups counted apart', () => {
    const v = result.validation;
    assert.equal(v.rowsRead, 33344);
    assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead);
    assert.deepEqual(v.countedApart.byReason, { 'never queued': 1941, 'ghost record (PHANTOM)': 278 });
    assert.deepEqual(v.byReason, { 'answered without queue entry or answer time': 21 });
    assert.equal(v.contacts, 33344 - 21 - 1941 - 278);
    assert.deepEqual(inWords(v.rejections)[0], { line: 643, column: 'q_start', value: '0:00:00', reason: 'answered without queue entry or answer time' });
  });

  it('the month: offered, answered, service level 80/20 and ASA from the parts', () => {
    const r = query(result.parts, defaultDefinitions('Asia/Jerusalem'), { by: ['month'] });
    assert.equal(r.groups.length, 1);
    const m = r.groups[0];
    assert.equal(m.key, '1999-02');
    assert.equal(m.answered, 27141);
    assert.equal(m.offered, 31104);
    assert.equal(m.shortAbandoned, 274);
    assert.close(m.serviceLevel, 0.525, 0.001);
    assert.close(m.asa, 40.8, 0.05);
    assert.equal(m.aht !== null && m.aht > 0, true);
    assert.equal(result.validation.contacts, m.offered + m.flowout + m.callback + m.voicemail);
  });
});
