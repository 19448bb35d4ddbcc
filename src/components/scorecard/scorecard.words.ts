/**
 * What the engine says in words, in the page's language: a metric's definition (from its terms), why the bonus
 * was missed (from the bar and the value) and why an interval was excluded (over its forecast; a window keeps
 * the agreement's own words). Scorecards saved before the engine sent these as data keep its English words.
 */
import { formatMetric, numberFormat as nf } from '../common/format.js';
import { word } from '../common/i18n.js';
import { formatShare } from './scorecard.model.js';
import { say, type ScorecardKey } from './scorecard.strings.js';
import type { Scorecard, ScorecardMetric, ScopeReport } from '../../engine/agreement/evaluate.js';

/** The definition in the page's language, from the engine's terms (its English words when it sent none). */
export function definitionWords(m: ScorecardMetric, l: string): string {
  const t = m.terms;
  if (!t) return m.definition;
  const s = (k: ScorecardKey, v?: Record<string, string | number>) => say(l, k, v);
  switch (t.metric) {
    case 'serviceLevel':
      return s('defSl', { threshold: t.thresholdSec, preset: t.preset, short: t.shortAbandonSec }) + (t.flowouts ? s('defSlFlowouts') : '') + (t.callbacks ? s('defSlCallbacks') : '');
    case 'abandonRate': return t.denominator === 'offered' ? s('defAbandonOffered') : s('defAbandon', { short: t.shortAbandonSec });
    case 'fcr': return t.method === 'flag' ? s('defFcrFlag') : t.method === 'repeat' ? s('defFcr', { days: t.windowDays }) : s('defFcrNone');
    case 'uptime': return s('defUptime') + (t.system ? `, ${t.system}` : '');
    case 'asa': return s('defAsa');
    case 'aht': return s('defAht');
    case 'csat': return s('defCsat');
    case 'occupancy': return s('defOccupancy');
    case 'utilization': return s('defUtilization');
    case 'adherence': return s('defAdherence');
    default: return m.definition;
  }
}

/** Why the bonus was missed on a metric, in the page's language (the engine's words when it sent no figures). */
export function missedWords(sc: Scorecard, x: NonNullable<Scorecard['bonus']>['missed'][number], l: string): string {
  const m = sc.metrics.find((y) => y.metric === x.metric);
  if (x.value === null) return word(l, 'noData');
  if (x.needed === undefined || x.value === undefined || !m) return x.reason;
  return say(l, 'bonusNeeded', { cmp: m.direction === 'higher' ? '≥' : '≤', needed: formatMetric(m.metric, x.needed, l), value: formatMetric(m.metric, x.value, l) });
}

/** An exclusion's reason: the agreement's own words for a window; the over-forecast rule in the page's language. */
export function exclusionWords(e: Scorecard['exclusions'][number], l: string): string {
  const f = e.overForecast;
  if (!f) return e.reason;
  const over = f.forecast > 0 ? `+${nf(l, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(e.contacts / f.forecast - 1)}` : say(l, 'noForecastVolume');
  return say(l, 'overForecast', { actual: formatMetric('offered', e.contacts, l), forecast: formatMetric('offered', f.forecast, l), over, share: formatShare(f.share, l) });
}

/**
 * What the agreement's scope did, in sentences of the page's language (docs/agreement.md, scope): per dimension
 * applied, the contacts it left out; per dimension the data could not answer, that it was not applied and the
 * contacts counted without it; then how many of the period's contacts are in scope.
 */
export function scopeWords(scope: ScopeReport, l: string): string[] {
  const s = (k: ScorecardKey, v?: Record<string, string | number>) => say(l, k, v);
  const n = (x: number) => formatMetric('offered', x, l);
  const value = (v: string) => (v === '(none)' ? s('scopeNoValue') : v);
  const list = (x: { include: string[] | null; exclude: string[] }) => {
    const inc = x.include ? s('scopeOnly', { values: x.include.join(', ') }) : s('scopeAll');
    return x.exclude.length ? (x.include ? `${inc}, ${s('scopeAllBut', { values: x.exclude.join(', ') })}` : s('scopeAllBut', { values: x.exclude.join(', ') })) : inc;
  };
  const dim = (d: string) => s(d === 'queue' ? 'scopeQueue' : 'scopeChannel');
  const out: string[] = [];
  for (const a of scope.applied) {
    const left = scope.leftOut.filter((o) => o.dimension === a.dimension);
    const total = left.reduce((t, o) => t + o.contacts, 0);
    out.push(s('scopeApplied', {
      dimension: dim(a.dimension), list: list(a),
      left: total === 0 ? s('scopeNoneLeft') : s('scopeLeft', { n: n(total), values: left.map((o) => `${value(o.value)} ${n(o.contacts)}`).join(', ') }),
    }));
  }
  for (const x of scope.notApplied) out.push(s('scopeNotApplied', { dimension: dim(x.dimension), list: list(x), n: n(x.contacts) }));
  out.push(out.length === 0 ? s('scopeEvery', { n: n(scope.contacts.inPeriod) }) : s('scopeInScope', { n: n(scope.contacts.inScope), total: n(scope.contacts.inPeriod) }));
  return out;
}
