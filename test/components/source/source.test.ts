import { fixture, html } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/source/source.js';
import '../../../src/components/gauge/gauge.js';
import '../../../src/components/queue-board/queue-board.js';
import type { SlaQueueBoard } from '../../../src/components/queue-board/queue-board.component.js';
import { generateContactsCsv } from '../../../src/sample/generate.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import type { SlaGauge } from '../../../src/components/gauge/gauge.component.js';
import { pageEngine } from '../../../src/client/page-engine.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

const rows = (n: number, queue: string, waitOf: (i: number) => number) => {
  const out = ['id,queue,arrived,answered,outcome'];
  for (let i = 0; i < n; i++) {
    const at = Date.UTC(2026, 2, 2, 10, 0, i);
    out.push(`${queue}${i},${queue},${new Date(at).toISOString()},${new Date(at + waitOf(i) * 1000).toISOString()},answered`);
  }
  return out.join('\n');
};
const csvA = [rows(40, 'Sales', (i) => (i % 4 ? 5 : 60)), rows(10, 'Help', () => 90).split('\n').slice(1).join('\n')].join('\n');
const csvB = rows(30, 'Sales', (i) => (i % 2 ? 5 : 60));

function until(pred: () => boolean, ms = 10000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 20));
    tick();
  });
}

describe('<sla-source> and widgets', () => {
  it('each widget gets its own source\'s view: by id or as a descendant, filtered by queue', async () => {
    const el = await fixture(html`
      <div>
        <sla-source id="a" tz="UTC" .file=${new Blob([csvA])}>
          <sla-gauge id="g1" metric="serviceLevel" queue="Sales" .target=${0.8} .margin=${0.03} throttle="50"></sla-gauge>
        </sla-source>
        <sla-source id="b" tz="UTC" .file=${new Blob([csvB])}></sla-source>
        <sla-gauge id="g2" source="b" metric="serviceLevel" .target=${0.8} throttle="50"></sla-gauge>
        <sla-gauge id="g3" source="a" metric="answered" throttle="50"></sla-gauge>
      </div>`);
    const g1 = el.querySelector('#g1') as SlaGauge, g2 = el.querySelector('#g2') as SlaGauge, g3 = el.querySelector('#g3') as SlaGauge;
    const defs = defaultDefinitions('UTC');
    const sales = query(analyzeText(csvA).parts, defs, { filter: { queue: ['Sales'] } }).totals.serviceLevel;
    const b = query(analyzeText(csvB).parts, defs).totals.serviceLevel;
    await until(() => g1.value !== null && g2.value !== null && g3.value !== null);
    assert.equal(g1.value, sales);
    assert.equal(g2.value, b);
    assert.equal(g3.value, 50);
    assert.equal(g1.status, 'breach');
    assert.match(g1.definition, /SL 80\/20 answered-and-abandoned/);
  });

  it('a gauge says which definition produced its figure in the page\'s language', async () => {
    const el = await fixture(html`<div lang="de"><sla-source tz="UTC" sl="85/30" .file=${new Blob([csvA])}><sla-gauge metric="serviceLevel" throttle="50"></sla-gauge></sla-source></div>`);
    const g = el.querySelector('sla-gauge') as SlaGauge;
    await until(() => g.value !== null);
    assert.equal(g.definition, 'Servicelevel · SL 85/30 answered-and-abandoned, Kurzabbrüche ≤ 5 s · Zone UTC · 15-Minuten-Intervalle');
  });

  it('fires sla-dataset-ready with the rows read', async () => {
    const got: CustomEvent[] = [];
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC" @sla-dataset-ready=${(e: CustomEvent) => got.push(e)}><sla-gauge metric="offered" throttle="50"></sla-gauge></sla-source>`);
    el.file = new Blob([csvB]);
    await until(() => got.length === 1);
    assert.equal(got[0].detail.rows, 30);
  });

  it('dimensions and fcr say what the dataset keeps: a grouping not kept is refused in words; fcr="flag" counts by the flag, without customers', async () => {
    const text = [...generateContactsCsv({ contacts: 3000, seed: 'kept', days: 3 })].join('');
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC" dimensions="channel" fcr="flag"></sla-source>`);
    el.file = new Blob([text]);
    await el.updateComplete;
    const ds = (await el.datasetHandle())!;
    const byChannel = await ds.view({ by: ['channel'], definitions: el.definitions() });
    assert.ok(byChannel.groups.length >= 2, 'grouped by a kept dimension');
    const byAgent = await ds.view({ by: ['agent'], definitions: el.definitions() });
    assert.equal(byAgent.status.state, 'error');
    assert.match(JSON.stringify(byAgent.status.error), /without \\"agent\\"/);
    // FCR by the export's flag, as the engine counts it from the rows (its own reading, no customers needed).
    const want = query(analyzeText(text, { dimensions: [], keepRepeats: false }).parts, { ...defaultDefinitions('UTC'), fcr: { ...defaultDefinitions('UTC').fcr, method: 'flag' } }).totals.fcr;
    assert.ok(want !== null);
    assert.equal(byChannel.totals!.fcr, want);
  });

  it('fcr="auto" keeps no customers when the file\'s first rows carry a resolved flag (the same FCR, a smaller cache); a file without flags keeps them and counts FCR by repeat', async () => {
    const text = [...generateContactsCsv({ contacts: 3000, seed: 'auto-keeps', days: 3 })].join('');
    const opened = async (fcr: string, content: string) => {
      const el = await fixture<SlaSource>(html`<sla-source tz="UTC" dimensions="channel" fcr=${fcr}></sla-source>`);
      el.file = new Blob([content]);
      await el.updateComplete;
      const ds = (await el.datasetHandle())!;
      const totals = (await ds.view({ definitions: el.definitions() })).totals!;
      const bytes = (await pageEngine().list()).find((d) => d.id === ds.id)!.bytes;
      return { totals, bytes };
    };
    const auto = await opened('auto', text), repeat = await opened('repeat', text), flag = await opened('flag', text);
    const byFlag = query(analyzeText(text, { dimensions: [], keepRepeats: false }).parts, { ...defaultDefinitions('UTC'), fcr: { ...defaultDefinitions('UTC').fcr, method: 'flag' } }).totals.fcr;
    assert.equal(auto.totals.fcr, byFlag);
    assert.equal(flag.totals.fcr, byFlag);
    assert.equal(auto.bytes, flag.bytes, 'no customers kept');
    assert.ok(repeat.bytes > auto.bytes * 1.2, `with customers ${repeat.bytes} bytes, without ${auto.bytes}`);
    // The same export without its resolved column: auto counts FCR by repeats of a customer, so it keeps them.
    const lines = text.trimEnd().split('\n');
    const col = lines[0].split(',').indexOf('resolved');
    const unflagged = lines.map((l) => l.split(',').filter((_, i) => i !== col).join(',')).join('\n') + '\n';
    const noFlags = await opened('auto', unflagged);
    const byRepeat = query(analyzeText(unflagged, { dimensions: [], keepRepeats: true }).parts, { ...defaultDefinitions('UTC'), fcr: { ...defaultDefinitions('UTC').fcr, method: 'repeat' } }).totals.fcr;
    assert.ok(byRepeat !== null);
    assert.equal(noFlags.totals.fcr, byRepeat);
  });

  it('a widget already on the source sees the reading begin, with the file\'s size, even when the file is read in a blink', async () => {
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC"></sla-source>`);
    const seen: { state: string; total: number | null }[] = [];
    const stop = el.subscribe({}, (r) => seen.push({ state: r.status.state, total: r.status.progress?.totalBytes ?? null }), 1000);
    const file = new Blob([rows(25, 'Blink', (i) => i)]); // content no other test reads: not in the cache
    el.file = file;
    await until(() => seen.some((s) => s.state === 'ready'));
    stop();
    const states = seen.map((s) => s.state).filter((x, i, a) => x !== a[i - 1]);
    assert.deepEqual(states.slice(-2), ['loading', 'ready'], `states seen: ${states.join(' → ')}`);
    assert.equal(seen.find((s) => s.state === 'loading')!.total, file.size);
  });

  it('a file from a URL reads as loading while it downloads, then ready', async () => {
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC"></sla-source>`);
    const states: string[] = [];
    const stop = el.subscribe({}, (r) => { if (states[states.length - 1] !== r.status.state) states.push(r.status.state); }, 1000);
    el.src = `/examples/data/sample.csv?blink=${Date.now()}`;
    await until(() => states.includes('ready') || states.includes('error'), 20000);
    stop();
    assert.deepEqual(states.slice(-2), ['loading', 'ready'], `states seen: ${states.join(' → ')}`);
  });

  it('widgets that come and go release their subscriptions: 50 mounts and unmounts, no growth', async () => {
    const src = await fixture<SlaSource>(html`<sla-source id="leak" tz="UTC" .file=${new Blob([csvA])}></sla-source>`);
    const engine = pageEngine();
    const cycle = async () => {
      const g = document.createElement('sla-gauge') as SlaGauge;
      g.setAttribute('source', 'leak');
      g.throttle = 10;
      document.body.append(g);
      await until(() => g.value !== null);
      g.remove();
    };
    for (let i = 0; i < 5; i++) await cycle();
    const gc = (globalThis as unknown as { gc: () => void }).gc;
    gc();
    const heap0 = (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
    const subs0 = (await engine.api.stats()).subscriptions;
    for (let i = 0; i < 50; i++) await cycle();
    await new Promise((r) => setTimeout(r, 200));
    gc();
    assert.equal(src.subscriptionCount, 0);
    const subs1 = (await engine.api.stats()).subscriptions;
    assert.ok(subs1 <= subs0, `worker subscriptions ${subs0} before, ${subs1} after 50 widgets`);
    const grew = (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize - heap0;
    assert.ok(grew < 1024 * 1024, `page heap grew ${grew} bytes over 50 widgets`);
  });
});

describe('<sla-source> beyond views: scorecard, staffing, a cached dataset by id', () => {
  const sla = {
    name: 'Test agreement', timeZone: 'UTC', monthlyFee: 1000, currency: 'EUR',
    metrics: [{ metric: 'serviceLevel', label: 'SL 80/20', target: 0.8, margin: 0.03, period: 'day', thresholdSec: 20, credit: 0.05 }],
  };

  it('evaluates its SLA document over the day of the last contact, as the engine does', async () => {
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC" .file=${new Blob([csvA])} .slaDocument=${sla}></sla-source>`);
    const sc = await el.scorecard({ period: 'day' });
    assert.equal(sc.period.key, '2026-03-02');
    const sales = sc.metrics[0];
    const expected = query(analyzeText(csvA).parts, defaultDefinitions('UTC')).totals.serviceLevel;
    assert.close(sales.value!, expected!, 1e-12);
    assert.equal(sales.status, 'breach');
    assert.equal(sc.credits.owed, 0.05);
  });

  it('says clearly when there is no SLA document or it is invalid', async () => {
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC" .file=${new Blob([csvA])}></sla-source>`);
    await assert.rejects(el.scorecard(), /no SLA document/);
    el.slaDocument = { name: 'Bad', metrics: [{ metric: 'serviceLevel', target: 8, period: 'month' }] };
    await assert.rejects(el.scorecard(), /target/);
  });

  it('required versus present agents per interval come from the engine', async () => {
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC" interval="15" .file=${new Blob([csvA])}></sla-source>`);
    const rows = await el.staffing();
    assert.equal(rows.length, 1);
    assert.equal(rows[0].offered, 50);
    assert.equal(rows[0].presentAgents, null, 'no agent states in a contacts file');
  });

  it('dataset-id reopens a cached dataset with no parse; an unknown id reaches the widgets as an error', async () => {
    const first = await fixture<SlaSource>(html`<sla-source tz="UTC" .file=${new Blob([csvB])}><sla-gauge metric="offered" throttle="50"></sla-gauge></sla-source>`);
    const g1 = first.querySelector('sla-gauge') as SlaGauge;
    await until(() => g1.value === 30);
    const id = (await first.datasetHandle())!.id;
    const again = await fixture<SlaSource>(html`<sla-source tz="UTC" dataset-id=${id}><sla-gauge metric="offered" throttle="50"></sla-gauge></sla-source>`);
    const g2 = again.querySelector('sla-gauge') as SlaGauge;
    await until(() => g2.value === 30);
    const gone = await fixture<SlaSource>(html`<sla-source tz="UTC" dataset-id="no-such-dataset"><sla-gauge metric="offered" throttle="50"></sla-gauge></sla-source>`);
    const g3 = gone.querySelector('sla-gauge') as SlaGauge;
    await until(() => g3.state === 'error');
    assert.match(g3.error, /no longer in this browser's cache/);
  });
  it('while a large file is read: figures so far, marked with the share read and judged against nothing; then the whole', async function () {
    this.timeout(120_000);
    // 300,000 contacts (about 40 MB) under a target: a figure so far must carry no status and fire no event.
    const text = [...generateContactsCsv({ contacts: 300_000, seed: 'so-far' })].join('');
    const file = new Blob([text]);
    // Offered, counted by a small reader of its own: answered and abandoned rows (docs/metrics.md §2).
    const lines = text.trim().split('\n');
    const col = lines[0].split(',').indexOf('outcome');
    const offered = lines.slice(1).filter((l) => { const o = l.split(',')[col]; return o === 'answered' || o === 'abandoned'; }).length;
    const el = await fixture<SlaSource>(html`<sla-source tz="UTC"><sla-gauge metric="offered" target="1" throttle="50"></sla-gauge><sla-queue-board throttle="50"></sla-queue-board></sla-source>`);
    const gauge = el.querySelector('sla-gauge') as SlaGauge;
    const board = el.querySelector('sla-queue-board') as SlaQueueBoard;
    const events: unknown[] = [];
    gauge.addEventListener('sla-status-change', (e) => events.push((e as CustomEvent).detail));
    const seen: { value: number | null; partial: number | null; status: string | null; board: string }[] = [];
    const watch = setInterval(() => seen.push({ value: gauge.value, partial: gauge.partial, status: gauge.status, board: board.rows.length ? board.shadowRoot!.querySelector('[part="state"]')?.textContent ?? '' : '' }), 10);
    el.file = file;
    try {
      await until(() => gauge.partial !== null && (gauge.value ?? 0) > 0, 60_000);
      await gauge.updateComplete;
      // So far: a figure, the share read, no status; the board shows its rows with the same mark.
      const part = gauge.shadowRoot!.querySelector('[part="state"]')!.textContent!;
      assert.match(part, /^so far: \d+ % of the file read$/);
      assert.equal(gauge.status, null, 'no verdict on a figure so far');
      assert.match(gauge.shadowRoot!.querySelector('[part="meter"]')!.getAttribute('aria-valuetext')!, /so far: \d+ % of the file read/);
      await until(() => gauge.partial === null && gauge.status !== null, 90_000);
    } finally {
      clearInterval(watch);
    }
    const partials = seen.filter((x) => x.partial !== null && x.value !== null);
    assert.ok(partials.length > 0, 'figures were shown before the end');
    assert.ok(partials.every((x) => x.status === null), 'none of them judged');
    assert.ok(partials.every((x) => x.value! < offered), 'each a part of the whole');
    assert.ok(seen.some((x) => /^so far: \d+ % of the file read$/.test(x.board)), 'the board showed its rows so far, marked');
    assert.equal(gauge.value, offered, 'then the whole file');
    assert.equal(gauge.shadowRoot!.querySelector('[part="state"]'), null, 'and no mark');
    assert.deepEqual(events.map((e) => (e as { status: string }).status), ['ok'], 'one status event: on the whole figure');
    await until(() => board.partial === null, 10_000);
  });
});
