import { fixture, html, expect } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/queue-board/queue-board.js';
import type { SlaQueueBoard } from '../../../src/components/queue-board/queue-board.component.js';
import { boardRows, type QueueRow } from '../../../src/components/queue-board/queue-board.model.js';

const row = (queue: string, o: Partial<QueueRow>): QueueRow => ({ queue, waiting: null, longestWait: null, serviceLevelToday: null, serviceLevelInterval: null, abandonRate: null, asa: null, offered: null, ...o });
const rows = [
  row('Sales', { waiting: 3, longestWait: 40, serviceLevelToday: 0.85, asa: 12, offered: 400 }),
  row('Billing', { waiting: 25, longestWait: 200, serviceLevelToday: 0.7, asa: 55, offered: 300 }),
  row('Claims', { waiting: 0, longestWait: null, serviceLevelToday: 0.81, asa: 9, offered: 120 }),
];
const thresholds = { serviceLevel: { target: 0.8, margin: 0.03 }, waiting: { threshold: 20 }, longestWait: { threshold: 120 } };

describe('queue board rows, as data', () => {
  it('each row\'s status is the worst of its thresholds; sorting puts no data last', () => {
    const r = boardRows(rows, thresholds, { by: 'longestWait', dir: 'desc' });
    assert.deepEqual(r.map((x) => [x.queue, x.status]), [['Billing', 'breach'], ['Sales', 'ok'], ['Claims', 'warn']]);
    const asc = boardRows(rows, thresholds, { by: 'longestWait', dir: 'asc' });
    assert.deepEqual(asc.map((x) => x.queue), ['Sales', 'Billing', 'Claims'], 'no data last both ways');
  });
  it('hysteresis per queue: a breach of SL today ends only at 0.815', () => {
    const prev = new Map();
    boardRows([row('Q', { serviceLevelToday: 0.79 })], thresholds, { by: 'queue', dir: 'asc' }, prev);
    assert.equal(boardRows([row('Q', { serviceLevelToday: 0.81 })], thresholds, { by: 'queue', dir: 'asc' }, prev)[0].status, 'breach');
    assert.equal(boardRows([row('Q', { serviceLevelToday: 0.82 })], thresholds, { by: 'queue', dir: 'asc' }, prev)[0].status, 'warn');
  });
});

describe('<sla-queue-board>', () => {
  it('renders a row per queue with its status, accessible; sorts from its header buttons', async () => {
    const el = await fixture<SlaQueueBoard>(html`<sla-queue-board .rows=${rows} .thresholds=${thresholds}></sla-queue-board>`);
    const body = () => [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [tr.querySelector('th')!.textContent!.trim().split(' ')[0], tr.getAttribute('data-status')]);
    assert.deepEqual(body(), [['Billing', 'breach'], ['Claims', 'warn'], ['Sales', 'ok']]);
    await expect(el).to.be.accessible();
    const sorted: unknown[] = [];
    el.addEventListener('sla-sort', (e) => sorted.push((e as CustomEvent).detail));
    const asaButton = [...el.shadowRoot!.querySelectorAll('th button')].find((b) => b.textContent!.startsWith('ASA')) as HTMLButtonElement;
    asaButton.click();
    await el.updateComplete;
    assert.deepEqual(body().map((r) => r[0]), ['Claims', 'Sales', 'Billing']);
    assert.equal(asaButton.closest('th')!.getAttribute('aria-sort'), 'ascending');
    // Headers are native buttons: focusable, and Enter or Space activates them like the click below.
    assert.equal(asaButton.tagName, 'BUTTON');
    asaButton.focus();
    assert.equal(el.shadowRoot!.activeElement, asaButton);
    asaButton.click();
    await el.updateComplete;
    assert.deepEqual(body().map((r) => r[0]), ['Billing', 'Sales', 'Claims']);
    assert.deepEqual(sorted, [{ by: 'asa', dir: 'asc' }, { by: 'asa', dir: 'desc' }]);
  });
  it('a queue\'s name and its status words stay in their cell, at a wallboard\'s size and at a narrow one', async () => {
    const many = [row('Customer Support', { waiting: 25, longestWait: 200, serviceLevelToday: 0.7, asa: 55, offered: 300, abandonRate: 0.12, serviceLevelInterval: 0.6 }),
      row('Sales', { waiting: 3, longestWait: 40, serviceLevelToday: 0.81, asa: 12, offered: 400, abandonRate: 0.02, serviceLevelInterval: 0.9 })];
    for (const width of [1400, 700]) {
      const el = await fixture<SlaQueueBoard>(html`<sla-queue-board style="inline-size: ${width}px; --sla-board-font-size: 28px" .rows=${many} .thresholds=${thresholds}></sla-queue-board>`);
      const heads = [...el.shadowRoot!.querySelectorAll('tbody th')] as HTMLElement[];
      assert.ok(heads.some((th) => th.querySelector('.status')), 'a status in words is shown');
      for (const th of heads) assert.ok(th.scrollWidth <= th.clientWidth + 1, `${th.textContent} runs out of its cell at ${width}px (${th.scrollWidth} > ${th.clientWidth})`);
    }
  });

  it('a queue name with bidi controls is isolated: it cannot reorder the status words beside it', async () => {
    const el = await fixture<SlaQueueBoard>(html`<sla-queue-board .rows=${[row('\u202eselaS', { serviceLevelToday: 0.5 })]} .thresholds=${thresholds}></sla-queue-board>`);
    const name = el.shadowRoot!.querySelector('tbody th bdi')!;
    assert.equal(name.textContent, '\u202eselaS');
    assert.equal(getComputedStyle(name).unicodeBidi, 'isolate');
  });
  it('fires sla-status-change when data moves a queue, not when the page sets rows', async () => {
    const el = await fixture<SlaQueueBoard>(html`<sla-queue-board .rows=${rows} .thresholds=${thresholds}></sla-queue-board>`);
    const got: unknown[] = [];
    el.addEventListener('sla-status-change', (e) => got.push((e as CustomEvent).detail));
    el.rows = [row('Sales', { serviceLevelToday: 0.5 })];
    await el.updateComplete;
    assert.equal(got.length, 0);
    el.applyRows([row('Sales', { serviceLevelToday: 0.9 })]);
    el.applyRows([row('Sales', { serviceLevelToday: 0.5 })]);
    assert.deepEqual(got, [{ queue: 'Sales', status: 'ok', previous: null }, { queue: 'Sales', status: 'breach', previous: 'ok' }]);
  });
  it('says "no data" with no rows, and scales to 50 queues: drawn a dozen rows a frame when they first come, then every one', async () => {
    const el = await fixture<SlaQueueBoard>(html`<sla-queue-board></sla-queue-board>`);
    assert.equal(el.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim(), 'no data');
    el.rows = Array.from({ length: 50 }, (_, i) => row(`Q${String(i).padStart(2, '0')}`, { waiting: i, serviceLevelToday: 0.5 + i / 100 }));
    await el.updateComplete;
    const drawn = () => el.shadowRoot!.querySelectorAll('tbody tr').length;
    // No one frame lays out the whole table of a wallboard that opens on 50 queues.
    assert.equal(drawn(), 12);
    const seen: number[] = [];
    const deadline = performance.now() + 2000;
    while (drawn() < 50 && performance.now() < deadline) {
      await new Promise((r) => requestAnimationFrame(r));
      await el.updateComplete;
      if (seen.at(-1) !== drawn()) seen.push(drawn());
    }
    assert.equal(drawn(), 50);
    assert.ok(seen.every((n, i) => n - (i ? seen[i - 1] : 12) <= 12), `rows drawn frame by frame: ${seen.join(', ')}`);
    assert.equal(el.shadowRoot!.querySelector('tbody tr:last-child th')!.textContent!.trim(), 'Q49');
    // Every later update draws every row at once.
    el.rows = el.rows.map((r) => ({ ...r, waiting: (r.waiting ?? 0) + 1 }));
    await el.updateComplete;
    assert.equal(drawn(), 50);
    await expect(el).to.be.accessible();
  });
});

describe('<sla-queue-board> marks the figures that are off', () => {
  it('only the cells past their threshold are coloured; nobody waiting shows no longest wait as a dash', async () => {
    const el = await fixture<SlaQueueBoard>(html`<sla-queue-board .rows=${rows} .thresholds=${thresholds}></sla-queue-board>`);
    const cells = (queue: string) => {
      const tr = [...el.shadowRoot!.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent!.startsWith(queue))!;
      return { row: tr.getAttribute('data-status'), cells: [...tr.querySelectorAll('td')].map((td) => [td.textContent!.trim(), td.getAttribute('data-status')]) };
    };
    const claims = cells('Claims');
    assert.equal(claims.row, 'warn');
    // waiting 0 (ok), longest wait (nobody waiting), SL today 81 % (warn: within 3 points of 80 %), ASA 9 s, offered
    assert.deepEqual(claims.cells.map(([, st]) => st), ['ok', 'none', 'warn', 'none', 'none']);
    assert.equal(claims.cells[1][0], '–');
    const sales = cells('Sales');
    assert.equal(sales.row, 'ok');
    assert.ok(sales.cells.every(([, st]) => st !== 'warn' && st !== 'breach'));
    assert.deepEqual(cells('Billing').cells.slice(0, 3).map(([, st]) => st), ['breach', 'breach', 'breach']);
  });
});

describe('<sla-queue-board> states set by the page', () => {
  const stateText = (el: SlaQueueBoard) => el.shadowRoot!.querySelector('[part="state"]')?.textContent?.trim();
  it('loading with progress, error with its message, stale since when — each accessible, with and without rows', async () => {
    const el = await fixture<SlaQueueBoard>(html`<sla-queue-board state="loading" .progress=${0.25}></sla-queue-board>`);
    assert.equal(stateText(el), 'loading 25 %…');
    await expect(el).to.be.accessible();
    el.state = 'error';
    el.error = 'the stream could not be opened';
    await el.updateComplete;
    assert.equal(stateText(el), 'the stream could not be opened');
    await expect(el).to.be.accessible();
    el.rows = rows;
    el.state = 'stale';
    el.updatedAt = Date.now() - 180_000;
    await el.updateComplete;
    assert.equal(stateText(el), 'Data stale: last event 3 min ago');
    assert.equal(el.shadowRoot!.querySelectorAll('tbody tr').length, 3, 'the last rows stay, marked stale');
    await expect(el).to.be.accessible();
    el.state = 'ready';
    await el.updateComplete;
    assert.equal(stateText(el), undefined);
  });
});

describe('<sla-queue-board> on a source', () => {
  it('shows today\'s figures per queue from the source\'s dataset', async () => {
    await import('../../../src/components/source/source.js');
    const csv = ['id,queue,arrived,answered,outcome', '1,Sales,2026-03-02T10:00:00Z,2026-03-02T10:00:05Z,answered', '2,Help,2026-03-02T10:00:00Z,2026-03-02T10:01:05Z,answered'].join('\n');
    const el = await fixture(html`<sla-source tz="UTC" .file=${new Blob([csv])}><sla-queue-board throttle="50"></sla-queue-board></sla-source>`);
    const board = el.querySelector('sla-queue-board') as SlaQueueBoard;
    const t0 = Date.now();
    while (board.rows.length < 2 && Date.now() - t0 < 10000) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(board.rows.map((r) => [r.queue, r.serviceLevelToday, r.asa]), [['Help', 0, 65], ['Sales', 1, 5]]);
  });
});
