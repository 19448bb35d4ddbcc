/** German: the words of <sla-trend> (a key left out falls back to English). */
import type { trend as en } from '../en/trend.js';

export const trend: Partial<Record<keyof typeof en, string>> = {
  summary: '{label}: zuletzt {value} um {time}',
  summaryPeriod: '{label}: zuletzt {value} ({time})',
  summaryBreachedPeriods: '{breached} von {count} Zeiträumen verfehlt',
  keysPeriods: 'Pfeiltasten links und rechts wechseln den Zeitraum, Eingabe wählt ihn aus.',
  captionPeriods: '{label} {grain}',
  timePeriod: 'Zeitraum',
  summaryTarget: 'Ziel {way} {target}',
  summaryBreached: '{breached} von {count} Intervallen verfehlt',
  summaryNoData: '{label}: keine Daten',
  point: '{time}: {value}',
  pointStatus: '{time}: {value}, {status}',
  keys: 'Pfeiltasten links und rechts wechseln das Intervall, Eingabe wählt es aus.',
  data: 'Daten',
  latest: 'zuletzt',
  dataLong: 'Definition und Daten',
  caption: '{label} je Intervall',
  time: 'Intervall',
  status: 'Status',
  definitionPage: '{metric} · Zone {zone} · {grain}',
  hour: 'je Stunde', day: 'je Tag', week: 'je Woche', month: 'je Monat', quarter: 'je Quartal',
  badZone: 'unbekannte Zeitzone „{zone}“',
};
