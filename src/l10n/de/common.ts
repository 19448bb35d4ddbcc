/** German: common words every widget uses (a key left out falls back to English). */
import type { common as en } from '../en/common.js';

export const common: Partial<Record<keyof typeof en, string>> = {
  loading: 'wird geladen…', loadingPct: 'wird geladen {pct} %…', soFar: 'bisher: {pct} % der Datei gelesen', notGivenBy: 'nicht in den Zahlen von {source}', noData: 'keine Daten', error: 'Fehler', updatedAgo: 'aktualisiert {ago}',
  secondsAgo: 'vor {n} s', minutesAgo: 'vor {n} min', hoursAgo: 'vor {n} h', aWhileAgo: 'vor einer Weile',
  ok: 'im Ziel', warn: 'nahe am Ziel', breach: 'verfehlt', target: 'Ziel', atLeast: 'mindestens', atMost: 'höchstens',
  vsPrevious: 'ggü. Vorperiode', stale: 'veraltet', live: 'live',
  statusLive: 'Live-Status: nach einer Verfehlung erst ab {bound} wieder erreicht', statusClosed: 'Status aus dem eigenen Wert des Zeitraums',
  serviceLevel: 'Servicelevel', abandonRate: 'Abbruchquote', asa: 'ASA', aht: 'AHT', offered: 'Angeboten', answered: 'Angenommen',
  abandoned: 'Abgebrochen', waiting: 'Wartend', longestWait: 'Längste Wartezeit', occupancy: 'Auslastung', projectedServiceLevel: 'SL-Prognose',
  fcr: 'Erstlösungsquote', csat: 'CSAT', csatMean: 'CSAT (Mittel)', nps: 'NPS', qa: 'Qualität', uptime: 'Verfügbarkeit', utilization: 'Nutzung', adherence: 'Planeinhaltung',
  waitP90: 'Wartezeit, 90. Perz.', waitP95: 'Wartezeit, 95. Perz.', queue: 'Warteschlange', interval: 'Intervall',
  definition: '{metric} · SL {target}/{threshold} {preset}, Kurzabbrüche ≤ {short} s · Zone {zone} · {grain}', intervalGrain: '{n}-Minuten-Intervalle',
};
