import { fixture, html, expect } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/scorecard/scorecard.js';
import type { SlaScorecard } from '../../../src/components/scorecard/scorecard.component.js';
import { definitionWords, exclusionWords, missedWords } from '../../../src/components/scorecard/scorecard.words.js';
import { scorecardCsv } from '../../../src/components/scorecard/scorecard.export.js';
import { generateContactsCsv } from '../../../src/sample/generate.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';
import { evaluate, type Scorecard } from '../../../src/engine/agreement/evaluate.js';
import { validateSla } from '../../../src/engine/agreement/sla.js';

// The engine's words (definitions, why the bonus was missed, why an interval was excluded) come as data too,
// so a Spanish or German scorecard says them in its language; in English they are the engine's own words.

const TZ = 'America/New_York';
const csv = [...generateContactsCsv({ contacts: 6000, seed: 'words', days: 31, start: '2026-01-01' })].join('');

describe('the scorecard says the engine\'s words in the page\'s language', () => {
  let sc: Scorecard;
  let spikeQueue = '';

  before(async () => {
    const doc = validateSla(await (await fetch(new URL('../../../examples/sla.example.json', import.meta.url))).json());
    const parts = analyzeText(csv, { inputTimeZone: TZ, keepRepeats: true }).parts;
    // A forecast far under the real volume for one busy hour of one queue: that hour is excluded as a spike.
    const hours = query(parts, defaultDefinitions(TZ), { by: ['queue', 'interval'] }).groups
      .filter((g) => g.offered >= 3 && String(g.by.interval).startsWith('2026-01'))
      .sort((a, b) => b.offered - a.offered);
    const busiest = hours[0];
    spikeQueue = String(busiest.by.queue);
    const start = Date.parse(String(busiest.by.interval).replace(/(\+|-)(\d\d:\d\d)$/, '$1$2'));
    assert.ok(Number.isFinite(start), `an interval start: ${busiest.by.interval}`);
    const forecast = [{ queue: spikeQueue, intervalStart: start, intervalMinutes: 15, volume: 1 }];
    sc = evaluate(parts, doc, { period: '2026-01', timeZone: TZ, forecast, baselineDays: 0 });
  });

  it('in English, each definition is word for word the engine\'s', () => {
    assert.ok(sc.metrics.length >= 4);
    for (const m of sc.metrics) assert.equal(definitionWords(m, 'en'), m.definition, m.metric);
  });

  it('in Spanish and German, the definitions, the bonus and the spike exclusion are in those languages', () => {
    const sl = sc.metrics.find((m) => m.metric === 'serviceLevel')!;
    assert.match(definitionWords(sl, 'es'), /^atendidos en 20 s, answered-and-abandoned; abandonos cortos ≤ \d+ s no cuentan/);
    assert.match(definitionWords(sl, 'de'), /^angenommen innerhalb von 20 s, answered-and-abandoned; Kurzabbrüche ≤ \d+ s nicht gezählt/);
    const asa = sc.metrics.find((m) => m.metric === 'asa')!;
    assert.equal(definitionWords(asa, 'es'), 'espera media de los contactos atendidos');

    assert.ok(sc.bonus && sc.bonus.missed.length > 0, 'the example misses its bonus on this data');
    for (const x of sc.bonus!.missed) {
      const m = sc.metrics.find((y) => y.metric === x.metric)!;
      if (x.value === null) {
        assert.equal(missedWords(sc, x, 'de'), 'keine Daten');
        continue;
      }
      assert.match(missedWords(sc, x, 'es'), new RegExp(`^se necesitaba ${m.direction === 'higher' ? '≥' : '≤'} .+, fue .+$`));
      assert.match(missedWords(sc, x, 'de'), new RegExp(`^nötig ${m.direction === 'higher' ? '≥' : '≤'} .+, war .+$`));
      assert.equal(x.needed, m.direction === 'higher' ? m.target + (m.bonusMargin ?? 0) : m.target - (m.bonusMargin ?? 0));
    }

    const spike = sc.exclusions.find((e) => e.overForecast);
    assert.ok(spike, 'the busy hour is excluded as over its forecast');
    assert.equal(spike!.queue, spikeQueue);
    assert.equal(spike!.overForecast!.forecast, 1);
    const pct = `${((spike!.contacts - 1) * 100).toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
    assert.equal(exclusionWords(spike!, 'de'), `Volumen ${spike!.contacts} über der Prognose 1 (+${pct}\u00a0%; mehr als 30\u00a0% darüber wird ausgeschlossen)`); // Intl's German percent: a no-break space
    assert.match(exclusionWords(spike!, 'en'), new RegExp(`^volume ${spike!.contacts} over forecast 1 \\(\\+[\\d,.]+%; more than 30% over is excluded\\)$`));
    const window = sc.exclusions.find((e) => !e.overForecast)!;
    assert.equal(exclusionWords(window, 'es'), 'agreed maintenance of the client\'s CRM', 'a window keeps the agreement\'s own words');
  });

  it('the widget in lang="es" shows them, and its CSV carries them; accessible', async () => {
    const wrap = await fixture(html`<div lang="es"><sla-scorecard .scorecard=${sc}></sla-scorecard></div>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await el.updateComplete;
    const root = el.shadowRoot!;
    const defs = root.querySelector('[part="definitions"]')!.textContent!.replace(/\s+/g, ' ');
    assert.ok(defs.includes('atendidos en 20 s'), defs);
    assert.ok(defs.includes('espera media de los contactos atendidos'), defs);
    assert.ok(!defs.includes('answered within'), defs);
    const bonus = root.querySelector('[part="bonus"]')!.textContent!.replace(/\s+/g, ' ');
    assert.match(bonus, /se necesitaba [≥≤]/);
    assert.ok(!bonus.includes('needed'), bonus);
    const exclusions = root.querySelector('[part="exclusions"]')!.textContent!.replace(/\s+/g, ' ');
    assert.match(exclusions, /volumen \d+ sobre el previsto 1/);
    await expect(el).to.be.accessible();
    const text = scorecardCsv(sc, 'es');
    assert.ok(text.includes('atendidos en 20 s'), text);
    assert.ok(text.includes('sobre el previsto 1'), text);
    assert.ok(!text.includes('over forecast'), text);
  });

  it('a scorecard saved before the engine sent these as data keeps the engine\'s English words', () => {
    const old: Scorecard = structuredClone(sc);
    for (const m of old.metrics) delete m.terms;
    for (const e of old.exclusions) delete e.overForecast;
    for (const x of old.bonus!.missed) { delete x.needed; delete x.value; }
    assert.equal(definitionWords(old.metrics[0], 'de'), old.metrics[0].definition);
    assert.equal(missedWords(old, old.bonus!.missed[0], 'de'), old.bonus!.missed[0].reason);
    const spike = old.exclusions.find((e) => e.reason.startsWith('volume'))!;
    assert.equal(exclusionWords(spike, 'de'), spike.reason);
  });
});

describe('the scorecard says what the scope did and which status it shows, in en, es and de', () => {
  const scope = {
    applied: [{ dimension: 'queue' as const, include: null, exclude: ['Internal'] }],
    notApplied: [{ dimension: 'channel' as const, include: ['voice', 'chat'], exclude: [], reason: 'no-values' as const, contacts: 31104 }],
    leftOut: [{ dimension: 'queue' as const, value: 'Internal', contacts: 24 }],
    contacts: { inPeriod: 31128, inScope: 31104 },
  };
  const base = (): Scorecard => ({
    sla: 'Bank', timeZone: 'UTC', period: { grain: 'month', key: '1999-02', start: '1999-02-01T00:00:00Z', end: '1999-03-01T00:00:00Z' },
    previousPeriod: '1999-01',
    metrics: [{
      metric: 'serviceLevel', label: 'SL', period: 'month', target: 0.8, margin: 0.03, direction: 'higher', value: 0.525, status: 'breach', statusKind: 'closed',
      previousValue: null, trend: null, valueWithoutExclusions: 0.525, exclusionEffect: 0, credit: 0.05, bonusMargin: null, bonusMet: null,
      definition: 'answered within 20 s', baseline: null, baselineGapToTarget: null,
    }],
    scope, exclusions: [], credits: { byMetric: [], total: 0.05, cap: null, owed: 0.05, capped: false, amount: null, currency: null }, bonus: null, escalations: [], review: null,
  });
  const say = async (lang: string) => {
    const host = await fixture<HTMLDivElement>(html`<div lang=${lang}><sla-scorecard .scorecard=${base()}></sla-scorecard></div>`);
    const el = host.querySelector('sla-scorecard') as SlaScorecard;
    await el.updateComplete;
    const t = (p: string) => (el.shadowRoot!.querySelector(`[part="${p}"]`)?.textContent ?? '').replace(/\s+/g, ' ').replace(/[\u00a0\u202f]/g, ' ').trim();
    return { el, scope: t('scope'), status: t('status-note') };
  };
  it('English: the queue scope left 24 out, the channel scope could not be applied over 31,104 contacts', async () => {
    const { el, scope: s, status } = await say('en');
    assert.equal(s, 'Scope: Queues: all but Internal — 24 left out (Internal 24). Channels: only voice, chat — not applied: no contact in the data has one (31,104 contacts counted without it). 31,104 of 31,128 contacts in scope.');
    assert.equal(status, "Each status judges the period's own figure, with no memory of the period before.");
    await expect(el).to.be.accessible();
  });
  it('Spanish and German', async () => {
    const es = await say('es');
    assert.match(es.scope, /^Alcance: Colas: todos salvo Internal — 24 excluidos \(Internal 24\)\. Canales: solo voice, chat — no aplicado/);
    assert.match(es.status, /sin memoria del periodo anterior/);
    const de = await say('de');
    assert.match(de.scope, /^Geltungsbereich: Warteschlangen: alle außer Internal — 24 ausgelassen \(Internal 24\)\. Kanäle: nur voice, chat — nicht angewandt/);
    assert.match(de.scope, /31\.104 von 31\.128 Kontakten im Geltungsbereich\.$/);
  });
  it('no scope in the agreement: every queue and channel, with the period\'s contacts', async () => {
    const host = await fixture<HTMLDivElement>(html`<div lang="en"><sla-scorecard .scorecard=${{ ...base(), scope: { applied: [], notApplied: [], leftOut: [], contacts: { inPeriod: 12, inScope: 12 } } }}></sla-scorecard></div>`);
    const el = host.querySelector('sla-scorecard') as SlaScorecard;
    await el.updateComplete;
    assert.equal(el.shadowRoot!.querySelector('[part="scope"]')!.textContent!.replace(/\s+/g, ' ').trim(), 'Scope: Every queue and channel: 12 contacts.');
  });
});
