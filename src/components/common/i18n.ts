/**
 * Locale of a widget and its common words. A widget speaks the language of the nearest `lang` attribute
 * (crossing shadow roots), else the document's; numbers, percentages and durations go through Intl
 * (common/format.ts), words through the kit's localisation module (src/l10n: a file per language).
 */
import type { Definitions } from '../../engine/definitions.js';
import { hasKey, languageOf, t } from '../../l10n/index.js';
import { COMMON, type CommonKey } from '../../l10n/common.js';

export { languageOf, t, type CommonKey };

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

/** A common word in the locale. */
export function word(locale: string, key: CommonKey, vars?: Record<string, string | number>): string {
  return t(COMMON, locale, key, vars);
}

/** A metric's name for people in the locale (the metric's key when the kit has no name for it). */
export function metricLabel(metric: string, locale: string): string {
  return hasKey(COMMON, metric) ? word(locale, metric) : metric;
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

let zoneOfBrowser: string | null = null;

/** The browser's IANA zone, looked up once (the first lookup is slow: a page that names its zone never makes it). */
export function browserZone(): string {
  return (zoneOfBrowser ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}
