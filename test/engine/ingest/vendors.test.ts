import { assert } from '../../helpers/assert.js';
import { analyze } from '../../../src/engine/analyze.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';
import { noteText } from '../../../src/engine/ingest/notes.js';
import { LAYOUTS } from '../../../src/engine/ingest/layouts.js';
import { LAYOUT_NAMES } from '../../../src/engine/ingest/layout-names.js';
import { validateMapping } from '../../../src/engine/ingest/mapping.js';
// @ts-expect-error a plain ES module of the fixtures (no types)
import { truth, ZONE } from '../../fixtures/vendors/truth.mjs';

/**
 * Every vendor file in test/fixtures/vendors was rendered from one truth set (truth.mjs, render.mjs). Each is
 * read here with no mapping; its figures are held against a reference computed from the truth set by the few
 * lines below (not by the engine), following what the layout can carry: a layout without a queue wait gives
 * no service level, one without abandon waits counts every abandon after the threshold, one without wrap
 * gives AHT without it.
 */
interface Caps { wait: boolean; abandonWait: boolean; aht: 'thw' | 'th' | 'none' }
const LINES: Record<string, string> = { Sales: '400', Support: '401', Billing: '402' };
/** eps: the file's own precision (Dialpad writes minutes to six decimals: 0.00006 s). */
const CORPUS: { preset: string; file: string; caps: Caps; queue?: (q: string) => string; eps?: number }[] = [
  { preset: 'amazon-connect', file: 'amazon-connect-ctr.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: 'genesys-cloud', file: 'genesys-cloud-interactions.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: 'asterisk-queue-log', file: 'asterisk-queue_log', caps: { wait: true, abandonWait: true, aht: 'th' } },
  { preset: 'aircall', file: 'aircall-calls.csv', caps: { wait: true, abandonWait: true, aht: 'none' }, queue: (q) => `${q} line` },
  { preset: 'five9', file: 'five9-call-log.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: 'talkdesk', file: 'talkdesk-calls.csv', caps: { wait: true, abandonWait: true, aht: 'th' } },
  { preset: 'twilio-flex', file: 'twilio-flex-insights.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: '3cx', file: '3cx-call-history.csv', caps: { wait: true, abandonWait: true, aht: 'th' } },
  { preset: 'asterisk-cdr', file: 'asterisk-cdr-Master.csv', caps: { wait: true, abandonWait: true, aht: 'th' }, queue: (q) => LINES[q] },
  { preset: 'zendesk-talk-api', file: 'zendesk-talk-calls.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: 'nice-cxone', file: 'nice-cxone-call-detail.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: 'cisco-uccx', file: 'cisco-uccx-detailed-call-csq-agent.csv', caps: { wait: true, abandonWait: true, aht: 'thw' } },
  { preset: 'freshcaller', file: 'freshcaller-calls.csv', caps: { wait: true, abandonWait: false, aht: 'thw' } },
  { preset: 'dialpad', file: 'dialpad-call-records.csv', caps: { wait: true, abandonWait: true, aht: 'thw' }, eps: 1e-4 },
  { preset: 'ringcentral', file: 'ringcentral-call-log.csv', caps: { wait: false, abandonWait: false, aht: 'none' } },
];

interface TruthRow { id: string; queue: string; arrived: number; kind: string; outcome: string; wait: number; talk: number; hold: number; wrap: number }
interface Figures { offered: number; answered: number; abandoned: number; shortAbandoned: number; serviceLevel: number | null; asa: number | null; aht: number | null; abandonRate: number | null }

/** The reference: counts, sums and one division per figure, straight from the truth rows (docs/metrics.md §2). */
function reference(rows: TruthRow[], caps: Caps): Figures {
  const answered = rows.filter((r) => r.outcome === 'answered');
  const abandons = rows.filter((r) => r.outcome === 'abandoned');
  const short = caps.abandonWait ? abandons.filter((r) => r.wait <= 5).length : 0;
  const abandoned = abandons.length - short;
  const met = answered.filter((r) => r.wait <= 20).length;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    offered: answered.length + abandons.length,
    answered: answered.length,
    abandoned,
    shortAbandoned: short,
    serviceLevel: caps.wait ? met / (answered.length + abandoned) : null,
    asa: caps.wait ? mean(answered.map((r) => r.wait)) : null,
    aht: caps.aht === 'none' ? null : mean(answered.map((r) => r.talk + r.hold + (caps.aht === 'thw' ? r.wrap : 0))),
    abandonRate: abandoned / (answered.length + abandoned),
  };
}

const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

async function read(file: string): Promise<Uint8Array[]> {
  const res = await fetch(`/test/fixtures/vendors/${file}`);
  assert.ok(res.ok, `${file} is served`);
  return [new Uint8Array(await res.arrayBuffer())];
}

function compare(got: Figures, want: Figures, where: string, eps = 1e-9): void {
  for (const k of ['offered', 'answered', 'abandoned', 'shortAbandoned'] as const) assert.equal(got[k], want[k], `${where}: ${k}`);
  for (const k of ['serviceLevel', 'asa', 'aht', 'abandonRate'] as const) {
    if (want[k] === null) assert.equal(got[k], null, `${where}: ${k} cannot be computed from this layout`);
    else assert.close(got[k] as number, want[k] as number, eps, `${where}: ${k}`);
  }
}

describe('vendor exports read with no mapping: the truth set through fifteen layouts', () => {
  const rows = (truth() as TruthRow[]).filter((r) => r.kind === 'queue' && (r.outcome === 'answered' || r.outcome === 'abandoned'));
  const days = [...new Set(rows.map((r) => dayOf.format(r.arrived)))].sort();

  it('the truth set has a spring-forward day between two ordinary ones', () => {
    assert.deepEqual(days, ['2026-03-07', '2026-03-08', '2026-03-09']);
  });

  for (const layout of CORPUS) {
    it(`${layout.preset}: detected from its header, every row accounted for, figures by day and by queue as the reference`, async () => {
      const a = await analyze(await read(layout.file), { inputTimeZone: ZONE });
      assert.equal(a.mapping.preset, layout.preset, `${layout.file} is read as ${layout.preset}`);
      const v = a.validation;
      assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead);
      assert.equal(v.rowsRejected, 0, `${layout.file}: ${JSON.stringify(v.rejections.slice(0, 3))}`);
      const defs = defaultDefinitions(ZONE);
      const byDay = query(a.parts, defs, { by: ['day'] });
      assert.deepEqual(byDay.groups.map((g) => g.key), days, 'three days, the DST day among them');
      for (const g of byDay.groups) compare(g as unknown as Figures, reference(rows.filter((r) => dayOf.format(r.arrived) === g.key), layout.caps), `${layout.preset} ${g.key}`, layout.eps);
      const byQueue = query(a.parts, defs, { by: ['queue'] });
      const label = layout.queue ?? ((q: string) => q);
      for (const q of ['Sales', 'Support', 'Billing']) {
        const g = byQueue.groups.find((x) => x.key === label(q));
        assert.ok(g, `${layout.preset}: queue ${label(q)}`);
        compare(g as unknown as Figures, reference(rows.filter((r) => r.queue === q), layout.caps), `${layout.preset} ${q}`, layout.eps);
      }
      compare(byDay.totals as unknown as Figures, reference(rows, layout.caps), `${layout.preset} total`, layout.eps);
      // The report says what it read the file as, in words.
      const notes = (a.mapping.notes ?? []).map(noteText).join(' ');
      if (!['amazon-connect', 'genesys-cloud', 'asterisk-queue-log'].includes(layout.preset)) assert.match(notes, /^Read as /);
    });
  }

  it('every layout is named once, in the list the mapping validator (loaded in the page) knows', () => {
    assert.deepEqual(LAYOUTS.map((l) => l.name), [...LAYOUT_NAMES]);
    for (const l of LAYOUTS) assert.match(l.source, /^https:\/\//, `${l.name} cites its documentation`);
  });

  it('a mapping file may name a layout and change only what differs (here the zone of the Five9 times)', async () => {
    const [bytes] = await read('five9-call-log.csv');
    const a = await analyze([bytes], { inputTimeZone: ZONE, mapping: validateMapping({ preset: 'five9', inputTimeZone: ZONE }) });
    assert.equal(a.mapping.preset, 'five9');
    assert.equal(a.mapping.inputTimeZone, ZONE);
    assert.equal(a.validation.rowsRejected, 0);
    assert.ok(a.mapping.fields.wait, 'the layout\'s fields are kept');
  });

  it('the mapping echoed for a header-less Asterisk Master.csv can be passed back as it is', async () => {
    const [bytes] = await read('asterisk-cdr-Master.csv');
    const first = await analyze([bytes], { inputTimeZone: ZONE });
    const again = await analyze([bytes], { inputTimeZone: ZONE, mapping: validateMapping(JSON.parse(JSON.stringify(first.mapping))) });
    assert.equal(again.validation.rowsRejected, 0);
    assert.equal(again.validation.rowsAccepted, first.validation.rowsAccepted);
  });
});
