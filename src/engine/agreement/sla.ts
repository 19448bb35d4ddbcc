/**
 * The service-level agreement as data (docs/agreement.md): what is measured, against which targets and margins,
 * over which period and scope; what is excluded and why; credits with a cap; a bonus; escalation tiers;
 * the review cadence. Validation names the bad field and says what was expected.
 */
import { SL_PRESETS, INTERVAL_MINUTES } from '../definitions.js';
import { lastBucketWithin } from '../histogram.js';
import type { Direction } from './status.js';
import { METRIC_INFO } from '../metric-info.js';

export const SLA_METRICS = ['serviceLevel', 'asa', 'abandonRate', 'aht', 'waitP90', 'waitP95', 'fcr', 'csat', 'csatMean', 'nps', 'qa', 'uptime', 'occupancy', 'utilization', 'adherence'] as const;
export type SlaMetricName = (typeof SLA_METRICS)[number];
export const PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type PeriodGrain = (typeof PERIODS)[number];
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CADENCES = ['real-time', 'daily', 'weekly', 'monthly', 'quarterly'] as const;

export interface SlaMetric {
  metric: SlaMetricName;
  /** A label for people ("Service level 80/20"); defaults to the metric's name. */
  label?: string;
  /** Target in the metric's own unit (0.8; 30 s). */
  target: number;
  /** Warning margin in the same unit. */
  margin: number;
  period: PeriodGrain;
  /** Service level only: T in seconds (default the agreement's definitions, else 20). */
  thresholdSec?: number;
  /** Service credit owed when the period's figure is in breach, as a fraction of the monthly fee (0.02). */
  credit?: number;
  /** How far the figure must beat the target, in its unit, for the bonus (SL +0.05, ASA −5 s given as 5). */
  bonusMargin?: number;
  /** Severity of a breach, for escalation (default high). */
  severity?: Severity;
  /** Uptime only: the system whose outages count. */
  system?: string;
}

export interface ExclusionWindow {
  start: string;
  end: string;
  reason: string;
  /** Queues it applies to (all when absent). */
  queues?: string[];
}

export interface EscalationTier {
  severity: Severity;
  owner: string;
  responseMinutes: number;
}

export interface SlaDocument {
  name: string;
  /** Zone of the agreement's periods (the evaluation may give another; the scorecard says which). */
  timeZone?: string;
  monthlyFee?: number;
  /** ISO 4217 code (USD, EUR, JPY): amounts are rounded to its minor unit. */
  currency?: string;
  scope?: {
    queues?: { include?: string[]; exclude?: string[] };
    channels?: { include?: string[]; exclude?: string[] };
  };
  definitions?: {
    intervalMinutes?: 15 | 30 | 60;
    serviceLevel?: { preset?: (typeof SL_PRESETS)[number]; thresholdSec?: number; shortAbandonSec?: number; includeFlowouts?: boolean; includeCallbacks?: boolean };
    abandonRate?: { denominator?: 'answered-and-abandoned' | 'offered' };
    fcr?: { method?: 'auto' | 'flag' | 'repeat'; windowDays?: number };
  };
  metrics: SlaMetric[];
  exclusions?: {
    windows?: ExclusionWindow[];
    /** An interval whose volume exceeds its forecast by more than this share is excluded (default 0.3); false turns the rule off. */
    forecastSpike?: { share: number } | false;
  };
  credits?: { cap: number };
  bonus?: { amount: number };
  escalation?: EscalationTier[];
  review?: { cadence: (typeof CADENCES)[number][] };
}

export class SlaError extends Error {}

/** What a target of each unit must be, in words for the validation message. */
const EXPECTED: Record<string, (lo: number, hi: number) => string> = {
  fraction: () => 'a fraction 0–1 (0.8 for 80 %)',
  seconds: (lo, hi) => `seconds, ${lo} to ${hi}`,
  rating: (lo, hi) => `a rating ${lo}–${hi}`,
  points: (lo, hi) => (lo < 0 ? `points −${-lo} to ${hi}` : `a score ${lo}–${hi}`),
};

/** A metric's target range and its description, from the metric table (docs/metrics.md §9). */
function unitsOf(metric: SlaMetricName): [number, number, string] {
  const { unit, range } = METRIC_INFO[metric];
  return [range[0], range[1], EXPECTED[unit](range[0], range[1])];
}

export function directionOf(metric: SlaMetricName): Direction {
  return METRIC_INFO[metric].direction;
}

type Json = Record<string, unknown>;

/** Checks a parsed JSON document; throws SlaError naming the first bad field. */
export function validateSla(doc: unknown, source = 'SLA document'): SlaDocument {
  const fail = (path: string, expected: string): never => {
    throw new SlaError(`${source}: ${path} ${expected}`);
  };
  const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
  const known = (o: Json, path: string, keys: string[]) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}${path ? '.' : ''}${k}`, `is not part of an SLA document here (expected one of ${keys.join(', ')})`);
  };
  const num = (v: unknown, path: string, ok: (n: number) => boolean, expected: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) fail(path, `must be ${expected}, got ${JSON.stringify(v)}`);
  };
  const strList = (v: unknown, path: string) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(path, 'must be a list of names');
  };
  const threshold = (v: unknown, path: string) => {
    num(v, path, (n) => n >= 0, 'seconds ≥ 0');
    try {
      lastBucketWithin(v as number);
    } catch (e) {
      fail(path, `must lie on a histogram edge: ${(e as Error).message.replace(/^threshold /, '')}`);
    }
  };
  const instant = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v))) {
      fail(path, `must be an ISO 8601 instant with a zone, e.g. 2026-02-14T02:00:00Z, got ${JSON.stringify(v)}`);
    }
  };

  if (!isObj(doc)) fail('the document', 'must be a JSON object');
  const d = doc as Json;
  known(d, '', ['$schema', 'name', 'timeZone', 'monthlyFee', 'currency', 'scope', 'definitions', 'metrics', 'exclusions', 'credits', 'bonus', 'escalation', 'review']);
  if (typeof d.name !== 'string' || !d.name) fail('name', 'must name the agreement');
  if (d.timeZone !== undefined) {
    if (typeof d.timeZone !== 'string') fail('timeZone', 'must be an IANA zone name');
    try { new Intl.DateTimeFormat('en', { timeZone: d.timeZone as string }); } catch { fail('timeZone', `"${d.timeZone}" is not a known IANA zone`); }
  }
  if (d.monthlyFee !== undefined) num(d.monthlyFee, 'monthlyFee', (n) => n >= 0, 'an amount ≥ 0');
  // The amount is rounded to the currency's minor unit (docs/agreement.md), so the code must be one Intl knows the shape of.
  if (d.currency !== undefined && (typeof d.currency !== 'string' || !/^[A-Za-z]{3}$/.test(d.currency))) fail('currency', `must be an ISO 4217 code such as USD, got ${JSON.stringify(d.currency)}`);
  if (typeof d.currency === 'string') d.currency = d.currency.toUpperCase();
  if (d.scope !== undefined) {
    if (!isObj(d.scope)) fail('scope', 'must be an object with queues and/or channels');
    const sc = d.scope as Json;
    known(sc, 'scope', ['queues', 'channels']);
    for (const k of ['queues', 'channels']) {
      if (sc[k] === undefined) continue;
      if (!isObj(sc[k])) fail(`scope.${k}`, 'must be { "include": [...], "exclude": [...] }');
      const s = sc[k] as Json;
      known(s, `scope.${k}`, ['include', 'exclude']);
      if (s.include !== undefined) strList(s.include, `scope.${k}.include`);
      if (s.exclude !== undefined) strList(s.exclude, `scope.${k}.exclude`);
    }
  }
  if (d.definitions !== undefined) {
    if (!isObj(d.definitions)) fail('definitions', 'must be an object');
    const df = d.definitions as Json;
    known(df, 'definitions', ['intervalMinutes', 'serviceLevel', 'abandonRate', 'fcr']);
    if (df.intervalMinutes !== undefined && !(INTERVAL_MINUTES as readonly unknown[]).includes(df.intervalMinutes)) fail('definitions.intervalMinutes', 'must be 5, 15, 30 or 60');
    if (df.serviceLevel !== undefined) {
      if (!isObj(df.serviceLevel)) fail('definitions.serviceLevel', 'must be an object');
      const sl = df.serviceLevel as Json;
      known(sl, 'definitions.serviceLevel', ['preset', 'thresholdSec', 'shortAbandonSec', 'includeFlowouts', 'includeCallbacks']);
      if (sl.preset !== undefined && !(SL_PRESETS as readonly unknown[]).includes(sl.preset)) fail('definitions.serviceLevel.preset', `must be one of ${SL_PRESETS.join(', ')}`);
      if (sl.thresholdSec !== undefined) threshold(sl.thresholdSec, 'definitions.serviceLevel.thresholdSec');
      if (sl.shortAbandonSec !== undefined) num(sl.shortAbandonSec, 'definitions.serviceLevel.shortAbandonSec', (n) => Number.isInteger(n) && n >= 0 && n <= 600, 'whole seconds 0–600');
      for (const k of ['includeFlowouts', 'includeCallbacks'] as const) {
        if (sl[k] !== undefined && typeof sl[k] !== 'boolean') fail(`definitions.serviceLevel.${k}`, `must be true or false, got ${JSON.stringify(sl[k])}`);
      }
    }
    if (df.abandonRate !== undefined) {
      const ar = df.abandonRate as Json;
      if (!isObj(ar) || (ar.denominator !== undefined && ar.denominator !== 'offered' && ar.denominator !== 'answered-and-abandoned')) fail('definitions.abandonRate.denominator', 'must be "offered" or "answered-and-abandoned"');
    }
    if (df.fcr !== undefined) {
      const f = df.fcr as Json;
      if (!isObj(f)) fail('definitions.fcr', 'must be an object');
      if (f.method !== undefined && f.method !== 'auto' && f.method !== 'flag' && f.method !== 'repeat') fail('definitions.fcr.method', 'must be "auto", "flag" or "repeat"');
      if (f.windowDays !== undefined) num(f.windowDays, 'definitions.fcr.windowDays', (n) => Number.isInteger(n) && n >= 1, 'whole days ≥ 1');
    }
  }
  if (!Array.isArray(d.metrics) || d.metrics.length === 0) fail('metrics', 'must list at least one metric with its target');
  (d.metrics as unknown[]).forEach((m, i) => {
    const p = `metrics[${i}]`;
    if (!isObj(m)) fail(p, 'must be an object { metric, target, margin, period }');
    const mm = m as Json;
    known(mm, p, ['metric', 'label', 'target', 'margin', 'period', 'thresholdSec', 'credit', 'bonusMargin', 'severity', 'system']);
    if (!(SLA_METRICS as readonly unknown[]).includes(mm.metric)) fail(`${p}.metric`, `must be one of ${SLA_METRICS.join(', ')}, got ${JSON.stringify(mm.metric)}`);
    const [lo, hi, unit] = unitsOf(mm.metric as SlaMetricName);
    num(mm.target, `${p}.target`, (n) => n >= lo && n <= hi, unit);
    const span = hi - lo;
    num(mm.margin, `${p}.margin`, (n) => n >= 0 && n <= span, `a margin in the metric's unit, 0 to ${span}${hi === 1 ? ' (0.03 for 3 points)' : ''}`);
    if (!(PERIODS as readonly unknown[]).includes(mm.period)) fail(`${p}.period`, `must be one of ${PERIODS.join(', ')}`);
    if (mm.thresholdSec !== undefined) {
      if (mm.metric !== 'serviceLevel') fail(`${p}.thresholdSec`, 'applies to serviceLevel only');
      threshold(mm.thresholdSec, `${p}.thresholdSec`);
    }
    if (mm.credit !== undefined) num(mm.credit, `${p}.credit`, (n) => n >= 0 && n <= 1, 'a fraction of the monthly fee (0.02 for 2 %)');
    if (mm.bonusMargin !== undefined) num(mm.bonusMargin, `${p}.bonusMargin`, (n) => n >= 0 && n <= span, `a margin in the metric's unit, 0 to ${span}${hi === 1 ? ' (0.05 for 5 points)' : ''}`);
    if (mm.severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(mm.severity)) fail(`${p}.severity`, `must be one of ${SEVERITIES.join(', ')}`);
    if (mm.system !== undefined && typeof mm.system !== 'string') fail(`${p}.system`, 'must name a system');
  });
  if (d.exclusions !== undefined) {
    if (!isObj(d.exclusions)) fail('exclusions', 'must be { "windows": [...], "forecastSpike": { "share": 0.3 } }');
    const ex = d.exclusions as Json;
    known(ex, 'exclusions', ['windows', 'forecastSpike']);
    if (ex.windows !== undefined) {
      if (!Array.isArray(ex.windows)) fail('exclusions.windows', 'must be a list');
      (ex.windows as unknown[]).forEach((w, i) => {
        const p = `exclusions.windows[${i}]`;
        if (!isObj(w)) fail(p, 'must be { start, end, reason }');
        const ww = w as Json;
        known(ww, p, ['start', 'end', 'reason', 'queues']);
        instant(ww.start, `${p}.start`);
        instant(ww.end, `${p}.end`);
        if (Date.parse(ww.end as string) <= Date.parse(ww.start as string)) fail(`${p}.end`, 'must be after start');
        if (typeof ww.reason !== 'string' || !ww.reason) fail(`${p}.reason`, 'must say why (client-system downtime, force majeure, agreed maintenance …)');
        if (ww.queues !== undefined) strList(ww.queues, `${p}.queues`);
      });
    }
    if (ex.forecastSpike !== undefined && ex.forecastSpike !== false) {
      if (!isObj(ex.forecastSpike)) fail('exclusions.forecastSpike', 'must be { "share": 0.3 } or false');
      num((ex.forecastSpike as Json).share, 'exclusions.forecastSpike.share', (n) => n >= 0 && n <= 5, 'a share of the forecast, 0 to 5 (0.3 for 30 % over)');
    }
  }
  if (d.credits !== undefined) {
    if (!isObj(d.credits)) fail('credits', 'must be { "cap": 0.15 }');
    known(d.credits as Json, 'credits', ['cap']);
    num((d.credits as Json).cap, 'credits.cap', (n) => n >= 0 && n <= 1, 'a fraction of the monthly fee (0.15 for 15 %)');
  }
  if (d.bonus !== undefined) {
    if (!isObj(d.bonus)) fail('bonus', 'must be { "amount": 0.05 }');
    known(d.bonus as Json, 'bonus', ['amount']);
    num((d.bonus as Json).amount, 'bonus.amount', (n) => n >= 0 && n <= 1, 'a fraction of the monthly fee (0.05 for 5 %)');
  }
  if (d.escalation !== undefined) {
    if (!Array.isArray(d.escalation)) fail('escalation', 'must be a list of { severity, owner, responseMinutes }');
    (d.escalation as unknown[]).forEach((t, i) => {
      const p = `escalation[${i}]`;
      if (!isObj(t)) fail(p, 'must be { severity, owner, responseMinutes }');
      const tt = t as Json;
      known(tt, p, ['severity', 'owner', 'responseMinutes']);
      if (!(SEVERITIES as readonly unknown[]).includes(tt.severity)) fail(`${p}.severity`, `must be one of ${SEVERITIES.join(', ')}`);
      if (typeof tt.owner !== 'string' || !tt.owner) fail(`${p}.owner`, 'must name who responds');
      num(tt.responseMinutes, `${p}.responseMinutes`, (n) => n > 0, 'minutes > 0');
    });
  }
  if (d.review !== undefined) {
    const r = d.review as Json;
    if (!isObj(r) || !Array.isArray(r.cadence) || !r.cadence.every((c) => (CADENCES as readonly unknown[]).includes(c))) fail('review.cadence', `must list some of ${CADENCES.join(', ')}`);
  }
  return d as unknown as SlaDocument;
}
