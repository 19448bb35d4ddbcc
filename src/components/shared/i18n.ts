/**
 * Locale of a widget and the kit's strings. A widget speaks the language of the nearest `lang` attribute
 * (crossing shadow roots), else the document's; numbers, percentages and durations go through Intl
 * (shared/format.ts), words through these tables. English, Spanish and German ship; a missing string falls
 * back to English.
 */
import type { Definitions } from '../../engine/definitions.js';
import { fill } from '../../engine/words.js';

export const LOCALES = ['en', 'es', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** The nearest `lang` above an element, through shadow roots; else the document's; else English. */
export function localeOf(el: Element): string {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const lang = node.closest('[lang]')?.getAttribute('lang');
      if (lang) return lang;
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    } else node = null;
  }
  return document.documentElement.lang || 'en';
}

/** The table's language for a locale tag: `es-MX` → `es`; unknown → `en`. */
export function languageOf(locale: string): Locale {
  const l = locale.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(l) ? (l as Locale) : 'en';
}

/** A table of strings per language; `{name}` placeholders are filled by `t`. English is complete. */
export type Strings<K extends string> = { en: Record<K, string> } & { [L in Exclude<Locale, 'en'>]: Partial<Record<K, string>> };

export function t<K extends string>(table: Strings<K>, locale: string, key: K, vars: Record<string, string | number> = {}): string {
  const s = (table[languageOf(locale)] as Partial<Record<K, string>>)[key] ?? table.en[key];
  return fill(s, vars);
}

/** Words every widget uses. */
export const COMMON = {
  en: {
    loading: 'loading…', loadingPct: 'loading {pct} %…', noData: 'no data', error: 'error', updatedAgo: 'updated {ago}',
    secondsAgo: '{n} s ago', minutesAgo: '{n} min ago', hoursAgo: '{n} h ago', aWhileAgo: 'a while ago',
    ok: 'on target', warn: 'near the target', breach: 'in breach', target: 'target', atLeast: 'at least', atMost: 'at most',
    vsPrevious: 'vs previous', stale: 'stale', live: 'live',
    statusLive: 'live status: after a breach, back only from {bound}', statusClosed: 'status of the period\'s own value',
    serviceLevel: 'Service level', abandonRate: 'Abandon rate', asa: 'ASA', aht: 'AHT', offered: 'Offered', answered: 'Answered',
    abandoned: 'Abandoned', waiting: 'Waiting', longestWait: 'Longest wait', occupancy: 'Occupancy', projectedServiceLevel: 'Projected SL',
    fcr: 'FCR', csat: 'CSAT', csatMean: 'CSAT (mean)', nps: 'NPS', qa: 'QA', uptime: 'Uptime', utilization: 'Utilization', adherence: 'Adherence',
    waitP90: 'Wait, 90th pct', waitP95: 'Wait, 95th pct', queue: 'Queue', interval: 'Interval',
    definition: '{metric} · SL {target}/{threshold} {preset}, short abandons ≤ {short} s · zone {zone} · {grain}', intervalGrain: '{n}-min intervals',
  },
  es: {
    loading: 'cargando…', loadingPct: 'cargando {pct} %…', noData: 'sin datos', error: 'error', updatedAgo: 'actualizado {ago}',
    secondsAgo: 'hace {n} s', minutesAgo: 'hace {n} min', hoursAgo: 'hace {n} h', aWhileAgo: 'hace un rato',
    ok: 'en objetivo', warn: 'cerca del objetivo', breach: 'incumplido', target: 'objetivo', atLeast: 'al menos', atMost: 'como máximo',
    vsPrevious: 'vs. anterior', stale: 'sin actualizar', live: 'en vivo',
    statusLive: 'estado en vivo: tras un incumplimiento, se recupera solo desde {bound}', statusClosed: 'estado según el valor propio del periodo',
    serviceLevel: 'Nivel de servicio', abandonRate: 'Tasa de abandono', asa: 'TMR', aht: 'TMO', offered: 'Ofrecidas', answered: 'Atendidas',
    abandoned: 'Abandonadas', waiting: 'En espera', longestWait: 'Espera más larga', occupancy: 'Ocupación', projectedServiceLevel: 'NS proyectado',
    fcr: 'Resolución 1.er contacto', csat: 'CSAT', csatMean: 'CSAT (media)', nps: 'NPS', qa: 'Calidad', uptime: 'Disponibilidad', utilization: 'Utilización', adherence: 'Adherencia',
    waitP90: 'Espera, pct. 90', waitP95: 'Espera, pct. 95', queue: 'Cola', interval: 'Intervalo',
    definition: '{metric} · NS {target}/{threshold} {preset}, abandonos cortos ≤ {short} s · zona {zone} · {grain}', intervalGrain: 'intervalos de {n} min',
  },
  de: {
    loading: 'wird geladen…', loadingPct: 'wird geladen {pct} %…', noData: 'keine Daten', error: 'Fehler', updatedAgo: 'aktualisiert {ago}',
    secondsAgo: 'vor {n} s', minutesAgo: 'vor {n} min', hoursAgo: 'vor {n} h', aWhileAgo: 'vor einer Weile',
    ok: 'im Ziel', warn: 'nahe am Ziel', breach: 'verfehlt', target: 'Ziel', atLeast: 'mindestens', atMost: 'höchstens',
    vsPrevious: 'ggü. Vorperiode', stale: 'veraltet', live: 'live',
    statusLive: 'Live-Status: nach einer Verfehlung erst ab {bound} wieder erreicht', statusClosed: 'Status aus dem eigenen Wert des Zeitraums',
    serviceLevel: 'Servicelevel', abandonRate: 'Abbruchquote', asa: 'ASA', aht: 'AHT', offered: 'Angeboten', answered: 'Angenommen',
    abandoned: 'Abgebrochen', waiting: 'Wartend', longestWait: 'Längste Wartezeit', occupancy: 'Auslastung', projectedServiceLevel: 'SL-Prognose',
    fcr: 'Erstlösungsquote', csat: 'CSAT', csatMean: 'CSAT (Mittel)', nps: 'NPS', qa: 'Qualität', uptime: 'Verfügbarkeit', utilization: 'Nutzung', adherence: 'Planeinhaltung',
    waitP90: 'Wartezeit, 90. Perz.', waitP95: 'Wartezeit, 95. Perz.', queue: 'Warteschlange', interval: 'Intervall',
    definition: '{metric} · SL {target}/{threshold} {preset}, Kurzabbrüche ≤ {short} s · Zone {zone} · {grain}', intervalGrain: '{n}-Minuten-Intervalle',
  },
} satisfies Strings<string>;

export type CommonKey = keyof typeof COMMON.en;

/** A common word in the locale. */
export function word(locale: string, key: CommonKey, vars?: Record<string, string | number>): string {
  return t(COMMON as Strings<CommonKey>, locale, key, vars);
}

/** A metric's name for people in the locale (the metric's key when the kit has no name for it). */
export function metricLabel(metric: string, locale: string): string {
  return metric in COMMON.en ? word(locale, metric as CommonKey) : metric;
}

/**
 * The definition a figure was computed with, in one line (a gauge's or a trend's tooltip and details): the
 * metric, the service level's target, threshold and preset, short abandons, the zone and the grain
 * (default: the intervals).
 */
export function definitionLine(locale: string, metric: string, d: Definitions, grain = word(locale, 'intervalGrain', { n: d.intervalMinutes })): string {
  const sl = d.serviceLevel;
  return word(locale, 'definition', {
    metric: metricLabel(metric, locale), target: Math.round(sl.target * 100), threshold: sl.thresholdSec, preset: sl.preset,
    short: sl.shortAbandonSec, zone: d.timeZone, grain,
  });
}

/** "12 s ago", "3 min ago", in the locale. */
export function ago(since: number | null, locale: string, now = Date.now()): string {
  if (since === null) return word(locale, 'aWhileAgo');
  const { unit, n } = roughSpan(now - since);
  return word(locale, unit === 's' ? 'secondsAgo' : unit === 'min' ? 'minutesAgo' : 'hoursAgo', { n });
}

/** A span of time as people round it: seconds up to 90 s, minutes up to 90 min, then hours. */
export function roughSpan(ms: number): { unit: 's' | 'min' | 'h'; n: number } {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return { unit: 's', n: s };
  if (s < 90 * 60) return { unit: 'min', n: Math.round(s / 60) };
  return { unit: 'h', n: Math.round(s / 3600) };
}
