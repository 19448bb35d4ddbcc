import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/alerts/alerts.js';
import type { SlaAlerts } from '../../../src/components/alerts/alerts.component.js';
import {
  AlertsModel, Announcer, announcementText, defaultThresholds, formatClock, type AlertItem, type LiveInput, type LiveQueueInput, type SlaAlertDetail, type Threshold,
} from '../../../src/components/alerts/alerts.model.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const thresholds: Threshold[] = [
  { metric: 'projectedServiceLevel', threshold: 0.8, margin: 0.05 },
  { metric: 'longestWait', threshold: 60 },
];
const state = (sec: number, queues: LiveQueueInput[]): LiveInput => ({ now: T0 + sec * 1000, queues });
const kinds = (changes: { detail: SlaAlertDetail }[]) => changes.map((c) => `${c.detail.queue ?? '-'} ${c.detail.metric ?? '-'} ${c.detail.kind}`);
const listed = (items: AlertItem[]) => items.map((a) => `${a.queue ?? '-'} ${a.metric ?? '-'} ${a.severity}`);

describe('alerts model, as data (the engine\'s AlertMonitor decides every crossing)', () => {
  it('a sequence of live states raises, escalates and clears each alert once, with the hysteresis', () => {
    const m = new AlertsModel(thresholds);
    assert.deepEqual(kinds(m.update(state(0, [{ queue: 'Sales', projectedServiceLevel: 0.9, waiting: 1, longestWait: 10 }]))), []);
    // 0.83: within the 5-point margin above the 80 % target → near
    assert.deepEqual(kinds(m.update(state(10, [{ queue: 'Sales', projectedServiceLevel: 0.83, waiting: 2, longestWait: 20 }]))), ['Sales projectedServiceLevel near']);
    assert.deepEqual(kinds(m.update(state(20, [{ queue: 'Sales', projectedServiceLevel: 0.84, waiting: 2, longestWait: 25 }]))), [], 'no event while it holds');
    // below target → breach: the same alert, escalated, newer, not acknowledged
    m.acknowledge('projectedServiceLevel|0.8|Sales');
    assert.deepEqual(kinds(m.update(state(30, [{ queue: 'Sales', projectedServiceLevel: 0.712, waiting: 6, longestWait: 75 }]))), ['Sales projectedServiceLevel breach', 'Sales longestWait breach']);
    let list = m.list();
    assert.deepEqual(listed(list), ['Sales longestWait breach', 'Sales projectedServiceLevel breach']);
    const sl = list.find((a) => a.metric === 'projectedServiceLevel')!;
    assert.equal(sl.since, T0 + 30_000);
    assert.equal(sl.escalated, true);
    assert.equal(sl.acknowledged, false, 'an escalation wants a new acknowledgement');
    // 0.81 is above the target but below target + margin/2 (0.825): the breach holds; the figure follows
    assert.deepEqual(kinds(m.update(state(40, [{ queue: 'Sales', projectedServiceLevel: 0.81, waiting: 4, longestWait: 80 }]))), []);
    list = m.list();
    assert.equal(list.find((a) => a.metric === 'projectedServiceLevel')!.value, 0.81);
    assert.equal(list.find((a) => a.metric === 'longestWait')!.value, 80);
    // 0.83 ≥ 0.825 ends the breach: cleared once; nobody waiting → longest wait 0 s, cleared too
    assert.deepEqual(kinds(m.update(state(50, [{ queue: 'Sales', projectedServiceLevel: 0.83, waiting: 0, longestWait: null }]))), ['Sales projectedServiceLevel clear', 'Sales longestWait clear']);
    assert.deepEqual(m.list(), []);
    // no figure at all (null projected SL) changes nothing
    assert.deepEqual(kinds(m.update(state(60, [{ queue: 'Sales', projectedServiceLevel: null }]))), []);
    assert.equal(m.lastCheck, T0 + 60_000);
  });

  it('newest first, breaches before near ones at the same time; 50 queues breaching at once are 50 alerts', () => {
    const m = new AlertsModel(thresholds);
    m.update(state(0, [{ queue: 'A', projectedServiceLevel: 0.82 }]));
    m.update(state(5, [{ queue: 'A', projectedServiceLevel: 0.82 }, { queue: 'B', projectedServiceLevel: 0.5 }, { queue: 'C', projectedServiceLevel: 0.81 }]));
    assert.deepEqual(listed(m.list()), ['B projectedServiceLevel breach', 'C projectedServiceLevel near', 'A projectedServiceLevel near']);
    const many = Array.from({ length: 50 }, (_, i) => ({ queue: `Q${String(i).padStart(2, '0')}`, projectedServiceLevel: 0.5 }));
    assert.equal(m.update(state(10, many)).length, 50);
    assert.equal(m.list().length, 53);
  });

  it('new thresholds are worked out again from the last state, with no events; same alerts keep time and acknowledgement', () => {
    const m = new AlertsModel(thresholds);
    m.update(state(0, [{ queue: 'Sales', projectedServiceLevel: 0.7, waiting: 25, longestWait: 30 }]));
    m.acknowledge('projectedServiceLevel|0.8|Sales');
    m.update(state(9, [{ queue: 'Sales', projectedServiceLevel: 0.7, waiting: 25, longestWait: 30 }]));
    m.setThresholds([...thresholds, { metric: 'waiting', threshold: 20 }]);
    assert.deepEqual(listed(m.list()), ['Sales waiting breach', 'Sales projectedServiceLevel breach']);
    const sl = m.list().find((a) => a.metric === 'projectedServiceLevel')!;
    assert.equal(sl.since, T0, 'kept its time');
    assert.equal(sl.acknowledged, true, 'kept its acknowledgement');
  });

  it('the stream\'s stale-data alert: raised once when it goes stale, cleared once when data flows again', () => {
    let now = T0;
    const m = new AlertsModel(thresholds, () => now);
    assert.deepEqual(m.stream('live', null), []);
    now += 20_000;
    const raised = m.stream('stale', T0 + 5000);
    assert.deepEqual(raised.map((c) => c.detail), [{ kind: 'stale', queue: null, metric: null, since: T0 + 5000, at: T0 + 20_000 }]);
    assert.deepEqual(m.stream('stale', T0 + 5000), [], 'once');
    assert.deepEqual(listed(m.list()), ['- - stale']);
    now += 1000;
    assert.deepEqual(m.stream('live', null).map((c) => c.detail.kind), ['recovered']);
    assert.deepEqual(m.list(), []);
  });

  it('default thresholds follow the source\'s service level', () => {
    assert.deepEqual(defaultThresholds({ target: 0.9, thresholdSec: 30 }), [
      { metric: 'projectedServiceLevel', threshold: 0.9, margin: 0.05 },
      { metric: 'longestWait', threshold: 90 },
      { metric: 'waiting', threshold: 20 },
    ]);
  });
});

describe('announcements: queued, coalesced, at most one per interval (a fake clock)', () => {
  const breach = (queue: string, value = 0.712): AlertItem => ({ id: `projectedServiceLevel|0.8|${queue}`, severity: 'breach', queue, metric: 'projectedServiceLevel', value, threshold: 0.8, margin: 0.05, since: T0, acknowledged: false });

  it('50 queues breaching at once are one announcement; what follows within the interval waits and is said together', () => {
    let now = 1000;
    const a = new Announcer(2000, () => now);
    assert.equal(a.wait(), null, 'nothing to say');
    a.push(Array.from({ length: 50 }, (_, i) => ({ change: 'raise' as const, item: breach(`Q${String(i).padStart(2, '0')}`) })));
    assert.equal(a.wait(), 0, 'the first, after a quiet time, at once');
    const first = a.take()!;
    assert.equal(first.length, 50);
    assert.equal(announcementText(first, 'en', now), '50 new alerts: Q00 breach: projected service level 71.2%, Q01 breach: projected service level 71.2%, Q02 breach: projected service level 71.2% and 47 more');
    now += 300;
    a.push([{ change: 'raise', item: breach('Sales') }]);
    now += 200;
    a.push([{ change: 'clear', item: breach('Q07') }, { change: 'raise', item: { ...breach('Help'), severity: 'near', value: 0.83 } }]);
    assert.equal(a.wait(), 1500);
    assert.equal(a.take(), null, 'not before the interval has passed');
    now += 1499;
    assert.equal(a.take(), null);
    now += 1;
    const second = a.take()!;
    assert.equal(announcementText(second, 'en', now), '2 new alerts: Sales breach: projected service level 71.2%, Help near: projected service level 83.0%. 1 alert cleared: Q07 projected service level');
    assert.equal(a.wait(), null);
  });

  it('an alert raised and cleared before it was said is not said; the stale alert speaks in its own words', () => {
    let now = 0;
    const a = new Announcer(2000, () => now);
    a.push([{ change: 'raise', item: breach('Sales') }]);
    a.take();
    a.push([{ change: 'raise', item: breach('Help') }]);
    a.push([{ change: 'clear', item: breach('Help') }]);
    a.push([{ change: 'clear', item: breach('Sales') }]);
    now = 2000;
    assert.equal(announcementText(a.take()!, 'en', now), '1 alert cleared: Sales projected service level');
    const stale: AlertItem = { id: 'stale', severity: 'stale', queue: null, metric: null, value: null, threshold: null, margin: null, since: 0, acknowledged: false };
    a.push([{ change: 'raise', item: stale }]);
    now = 45_000;
    assert.equal(announcementText(a.take()!, 'en', now), 'No data for 45 s — figures may be out of date');
    assert.equal(announcementText([{ change: 'clear', item: stale }], 'en', now), 'Data is arriving again');
    assert.equal(announcementText([{ change: 'raise', item: stale }], 'es', 200_000), 'Sin datos desde hace 3 min: las cifras pueden estar desactualizadas');
  });
});

// ——— The element ———

const part = (el: Element, p: string) => el.shadowRoot!.querySelector(`[part~="${p}"]`);
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rows = (el: SlaAlerts) => [...el.shadowRoot!.querySelectorAll('li')];
const region = (el: SlaAlerts) => el.shadowRoot!.querySelector('[role="status"]')!;

function until(pred: () => boolean, ms = 10000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 25));
    tick();
  });
}

const sample: AlertItem[] = [
  { id: 'projectedServiceLevel|0.8|Sales', severity: 'breach', queue: 'Sales', metric: 'projectedServiceLevel', value: 0.712, threshold: 0.8, margin: 0.05, since: T0 + 60_000, acknowledged: false },
  { id: 'longestWait|60|Support', severity: 'near', queue: 'Support', metric: 'longestWait', value: 57, threshold: 60, margin: 6, since: T0 + 30_000, acknowledged: false },
];

describe('<sla-alerts>', () => {
  it('lists alerts newest first, severity in words and icons, value against threshold, since when in the zone; axe-clean', async () => {
    const el = await fixture<SlaAlerts>(html`<sla-alerts tz="UTC" .alerts=${[...sample].reverse()}></sla-alerts>`);
    assert.deepEqual(rows(el).map((li) => li.getAttribute('data-severity')), ['breach', 'near']);
    assert.equal(text(rows(el)[0]), '◆ Breach Sales projected service level 71.2% (target ≥ 80.0%) since 09:01:00 AM Acknowledge');
    assert.equal(text(rows(el)[1]), '▲ Near Support longest wait 57 s (limit ≤ 1:00) since 09:00:30 AM Acknowledge');
    assert.match(rows(el)[0].title, /^projected service level < 80\.0% is a breach, within 5\.0% of it near; an alert ends once the figure is 2\.5% clear of the line; .*UTC/);
    assert.equal(el.shadowRoot!.querySelector('ul')!.getAttribute('aria-label'), 'Alerts (2)');
    assert.equal(region(el).getAttribute('aria-live'), 'polite');
    assert.equal(text(region(el)), '', 'a page\'s own list is not announced');
    await expect(el).to.be.accessible();
    el.tz = 'America/New_York';
    await el.updateComplete;
    assert.match(text(rows(el)[0]), /since 04:01:00 AM/);
  });

  it('each state renders and is accessible: loading, error, no live data, no alerts, stale, and beyond max', async () => {
    const el = await fixture<SlaAlerts>(html`<sla-alerts tz="UTC" state="loading" .progress=${0.4}></sla-alerts>`);
    assert.equal(text(part(el, 'state')), 'loading 40 %…');
    await expect(el).to.be.accessible();
    el.state = 'error';
    el.error = 'the live stream failed: HTTP 503';
    await el.updateComplete;
    assert.equal(text(part(el, 'state')), 'error: the live stream failed: HTTP 503');
    await expect(el).to.be.accessible();
    el.state = 'no-data';
    await el.updateComplete;
    assert.match(text(part(el, 'state')), /^No live queue data/);
    el.state = 'ready';
    el.checkedAt = T0 + 65_000;
    await el.updateComplete;
    assert.equal(text(part(el, 'empty')), '✓ No alerts · last check 09:01:05 AM');
    await expect(el).to.be.accessible();
    el.clock = () => T0 + 45_000;
    el.state = 'stale';
    el.alerts = [{ id: 'stale', severity: 'stale', queue: null, metric: null, value: null, threshold: null, margin: null, since: T0, acknowledged: false }, ...sample];
    await el.updateComplete;
    assert.equal(text(rows(el)[0]), '◌ Stale data No data for 45 s — figures may be out of date last data 09:00:00 AM Acknowledge');
    await expect(el).to.be.accessible();
    el.max = 1;
    await el.updateComplete;
    assert.equal(rows(el).length, 1);
    assert.equal(text(part(el, 'more')), '2 more alerts not listed');
    await expect(el).to.be.accessible();
  });

  it('speaks the page\'s language', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="de"><sla-alerts tz="UTC" .alerts=${sample}></sla-alerts></div>`);
    const el = host.querySelector('sla-alerts')!;
    await el.updateComplete;
    assert.equal(text(rows(el)[0]), '◆ Verfehlt Sales Servicelevel-Prognose 71,2 % (Ziel ≥ 80,0 %) seit 09:01:00 Bestätigen');
  });

  it('acknowledge by keyboard: Enter and Space toggle it; it stays listed, dimmed, until it clears', async () => {
    const el = await fixture<SlaAlerts>(html`<sla-alerts tz="UTC"></sla-alerts>`);
    const acks: unknown[] = [];
    const events: unknown[] = [];
    el.addEventListener('sla-alert-acknowledge', (e) => acks.push((e as CustomEvent).detail));
    el.addEventListener('sla-alert', (e) => events.push((e as CustomEvent).detail));
    el.thresholds = thresholds;
    el.applyData({ live: state(0, [{ queue: 'Sales', projectedServiceLevel: 0.7 }, { queue: 'Help', projectedServiceLevel: 0.82 }]), state: 'ready' });
    await el.updateComplete;
    const button = () => rows(el)[0].querySelector('button')!;
    assert.equal(button().getAttribute('aria-label'), 'Acknowledge: Sales breach: projected service level 70.0%');
    button().focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    assert.equal(button().getAttribute('aria-pressed'), 'true');
    assert.ok(rows(el)[0].hasAttribute('data-acknowledged'), 'dimmed');
    assert.match(text(rows(el)[0]), /· seen/);
    assert.equal(el.shadowRoot!.activeElement, button(), 'focus stays on the button');
    assert.deepEqual(acks, [{ id: 'projectedServiceLevel|0.8|Sales', severity: 'breach', queue: 'Sales', metric: 'projectedServiceLevel', acknowledged: true }]);
    await expect(el).to.be.accessible();
    // New data: still listed and still acknowledged while the breach holds; a new alert above does not move focus
    el.applyData({ live: state(5, [{ queue: 'Sales', projectedServiceLevel: 0.72 }, { queue: 'Billing', projectedServiceLevel: 0.6 }]) });
    await el.updateComplete;
    const sales = rows(el).find((li) => li.textContent!.includes('Sales'))!;
    assert.ok(sales.hasAttribute('data-acknowledged'));
    assert.equal(el.shadowRoot!.activeElement, sales.querySelector('button'));
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    assert.ok(!sales.hasAttribute('data-acknowledged'), 'Space takes it back');
    assert.equal(acks.length, 2);
    // ... and it goes when it clears
    el.applyData({ live: state(10, [{ queue: 'Sales', projectedServiceLevel: 0.9 }]) });
    await el.updateComplete;
    assert.ok(!rows(el).some((li) => li.textContent!.includes('Sales')));
    assert.equal(events.filter((e) => (e as SlaAlertDetail).queue === 'Sales').length, 2, 'raised and cleared, once each');
  });

  it('fires sla-alert for each raise and clear from the data, never when the page sets alerts or thresholds', async () => {
    const el = await fixture<SlaAlerts>(html`<sla-alerts tz="UTC" .thresholds=${thresholds}></sla-alerts>`);
    const got: SlaAlertDetail[] = [];
    el.addEventListener('sla-alert', (e) => got.push((e as CustomEvent<SlaAlertDetail>).detail));
    el.alerts = sample;
    el.thresholds = [{ metric: 'waiting', threshold: 10 }];
    await el.updateComplete;
    assert.equal(rows(el).length, 2, 'the page\'s list, as given');
    assert.equal(got.length, 0);
    el.thresholds = thresholds;
    await el.updateComplete;
    el.applyData({ live: state(0, [{ queue: 'Sales', projectedServiceLevel: 0.7, waiting: 1, longestWait: 5 }]), stream: { state: 'live', staleSince: null } });
    el.applyData({ live: state(5, [{ queue: 'Sales', projectedServiceLevel: 0.9, waiting: 1, longestWait: 5 }]) });
    el.applyData({ stream: { state: 'stale', staleSince: T0 + 5000 } });
    el.applyData({ stream: { state: 'live', staleSince: null } });
    assert.deepEqual(got.map((d) => `${d.queue ?? '-'} ${d.kind}`), ['Sales breach', 'Sales clear', '- stale', '- recovered']);
    const breach = got[0] as Extract<SlaAlertDetail, { kind: 'breach' }>;
    assert.deepEqual(breach, { queue: 'Sales', metric: 'projectedServiceLevel', kind: 'breach', from: null, to: 'breach', value: 0.7, threshold: 0.8, margin: 0.05, at: T0 });
    // a thresholds change re-works the list from the last state: silently
    el.applyData({ live: state(10, [{ queue: 'Sales', projectedServiceLevel: 0.9, waiting: 12, longestWait: 5 }]) });
    el.thresholds = [{ metric: 'waiting', threshold: 10 }];
    await el.updateComplete;
    assert.deepEqual(el.alerts.map((a) => `${a.queue} ${a.metric} ${a.severity}`), ['Sales waiting breach']);
    assert.equal(got.length, 4);
  });

  it('the live region says new alerts coalesced, at most once per announce-interval: no storm when 50 queues breach', async () => {
    const el = await fixture<SlaAlerts>(html`<sla-alerts tz="UTC" announce-interval="200" .thresholds=${thresholds}></sla-alerts>`);
    const said: { at: number; text: string }[] = [];
    const observer = new MutationObserver(() => { const t = text(region(el)); if (t) said.push({ at: performance.now(), text: t }); });
    observer.observe(region(el), { childList: true, characterData: true, subtree: true });
    const queues = (v: number) => Array.from({ length: 50 }, (_, i) => ({ queue: `Q${String(i).padStart(2, '0')}`, projectedServiceLevel: v }));
    el.applyData({ live: state(0, queues(0.5)), state: 'ready' });
    await until(() => said.length >= 1);
    // then a burst of updates right after: each crossing is an event, but the region waits
    el.applyData({ live: state(1, [...queues(0.5), { queue: 'Sales', projectedServiceLevel: 0.83 }]) });
    el.applyData({ live: state(2, [...queues(0.5).slice(0, 40), ...queues(0.95).slice(40), { queue: 'Sales', projectedServiceLevel: 0.5 }]) });
    await until(() => said.length >= 2);
    await new Promise((r) => setTimeout(r, 450));
    observer.disconnect();
    assert.equal(said.length, 2, `said: ${JSON.stringify(said.map((s) => s.text))}`);
    assert.match(said[0].text, /^50 new alerts: Q00 breach: projected service level 50\.0%, Q01 breach: .* and 47 more$/);
    assert.equal(said[1].text, '1 new alert: Sales breach: projected service level 50.0%. 10 alerts cleared: Q40 projected service level, Q41 projected service level, Q42 projected service level and 7 more');
    assert.ok(said[1].at - said[0].at >= 190, `announcements ${Math.round(said[1].at - said[0].at)} ms apart`);
    assert.equal(el.alerts.length, 41, 'the list has every alert');
  });
});

// The feed server started by web-test-runner.config.mjs (10,000 contacts at 300 events/s, heartbeats every 200 ms).
const FEED = 'http://127.0.0.1:8791';
const control = (action: string) => fetch(`${FEED}/control?action=${action}`, { method: 'POST' });

describe('<sla-alerts> on a live <sla-source stream>', () => {
  after(async () => { await control('resume'); });

  it('pausing the feed raises the stale-data alert (announced, fired once); resuming clears it', async function () {
    this.timeout(90_000); // a stream goes stale after 15 s without an event or heartbeat
    await import('../../../src/components/source/source.js');
    const src = await fixture(html`<sla-source tz="UTC" stream="ws://127.0.0.1:8791/ws"><sla-alerts throttle="100" announce-interval="200"></sla-alerts></sla-source>`);
    const el = src.querySelector('sla-alerts') as SlaAlerts;
    const got: SlaAlertDetail[] = [];
    el.addEventListener('sla-alert', (e) => got.push((e as CustomEvent<SlaAlertDetail>).detail));
    await until(() => el.state === 'ready' && el.checkedAt !== null, 20_000);
    await expect(el).to.be.accessible();
    try {
      await control('pause');
      await until(() => el.alerts.some((a) => a.severity === 'stale'), 40_000);
      await el.updateComplete;
      assert.equal(el.state, 'stale');
      assert.equal(rows(el)[0].getAttribute('data-severity'), 'stale');
      assert.match(text(rows(el)[0]), /^◌ Stale data No data for \d+ s — figures may be out of date last data \d\d:\d\d:\d\d/);
      await until(() => /No data for \d+ s — figures may be out of date/.test(text(region(el))), 5000);
      await expect(el).to.be.accessible();
      await control('resume');
      await until(() => !el.alerts.some((a) => a.severity === 'stale'), 20_000);
      assert.equal(el.state, 'ready');
    } finally {
      await control('resume');
    }
    assert.deepEqual(got.filter((d) => d.kind === 'stale' || d.kind === 'recovered').map((d) => d.kind), ['stale', 'recovered']);
    // the engine's crossings on the same stream came as events too, one per crossing: never two raises in a row
    const last = new Map<string, string>();
    for (const d of got) {
      if (!('threshold' in d)) continue;
      const key = `${d.queue}|${d.metric}|${d.threshold}`;
      assert.ok(last.get(key) !== d.kind, `${key}: ${d.kind} twice in a row`);
      assert.ok(last.has(key) || d.kind !== 'clear', `${key}: cleared before it was raised`);
      last.set(key, d.kind);
    }
  });

  it('releases its subscription when it leaves the page', async () => {
    await import('../../../src/components/source/source.js');
    const src = await fixture<HTMLElement & { subscriptionCount: number }>(html`<sla-source tz="UTC" stream="ws://127.0.0.1:8791/ws"><sla-alerts throttle="100"></sla-alerts></sla-source>`);
    const el = src.querySelector('sla-alerts') as SlaAlerts;
    await until(() => src.subscriptionCount === 1);
    el.remove();
    assert.equal(src.subscriptionCount, 0);
  });
});

describe('formatClock', () => {
  it('shows stream time in the zone it is given, by the locale\'s own clock (as the wallboard\'s)', () => {
    assert.equal(formatClock(T0, 'en', 'UTC'), '09:00:00 AM');
    assert.equal(formatClock(T0 + 6 * 3600_000, 'en', 'Europe/Madrid'), '04:00:00 PM');
    assert.equal(formatClock(T0 + 6 * 3600_000, 'de', 'Europe/Madrid'), '16:00:00');
    assert.equal(formatClock(null, 'en', 'UTC'), '–');
  });
});

describe('<sla-alerts> stories', () => {
  it('every story renders its state and is axe-clean', async () => {
    const stories = await import('../../../stories/alerts.stories.js');
    const meta = stories.default;
    const expected: Record<string, RegExp> = {
      Loading: /loading 40 %/, NoData: /^Alerts ✓ No alerts$/, NoLiveData: /No live queue data/, Ok: /No alerts · last check 09:30:44/,
      Warn: /Near Claims contacts waiting 19/, Breach: /Breach Sales projected service level 71\.2%/, Stale: /No data for 45 s/,
      ManyQueues: /45 more alerts not listed/, Error: /error: the live stream failed/, German: /Verfehlt Sales/,
    };
    for (const [name, re] of Object.entries(expected)) {
      const story = (stories as unknown as Record<string, { args?: object }>)[name];
      const args = { ...meta.args, ...story.args } as Parameters<NonNullable<typeof meta.render>>[0];
      const host = await fixture<HTMLElement>(meta.render!(args, {} as never) as ReturnType<typeof html>);
      const el = host.querySelector('sla-alerts')!;
      await el.updateComplete;
      assert.match((el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ').trim(), re, name);
      await expect(el).to.be.accessible();
    }
  });
});
