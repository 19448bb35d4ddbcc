/** Spanish: the words of <sla-trend> (a key left out falls back to English). */
import type { trend as en } from '../en/trend.js';

export const trend: Partial<Record<keyof typeof en, string>> = {
  summary: '{label}: último {value} a las {time}',
  summaryPeriod: '{label}: último {value} ({time})',
  summaryBreachedPeriods: '{breached} de {count} periodos incumplidos',
  keysPeriods: 'Las flechas izquierda y derecha recorren los periodos, Intro selecciona uno.',
  captionPeriods: '{label} {grain}',
  timePeriod: 'Periodo',
  summaryTarget: 'objetivo {way} {target}',
  summaryBreached: '{breached} de {count} intervalos incumplidos',
  summaryNoData: '{label}: sin datos',
  point: '{time}: {value}',
  pointStatus: '{time}: {value}, {status}',
  keys: 'Las flechas izquierda y derecha recorren los intervalos, Intro selecciona uno.',
  data: 'Datos',
  latest: 'último',
  dataLong: 'Definición y datos',
  caption: '{label} por intervalo',
  time: 'Intervalo',
  status: 'Estado',
  definitionPage: '{metric} · zona {zone} · {grain}',
  hour: 'por hora', day: 'por día', week: 'por semana', month: 'por mes', quarter: 'por trimestre',
  badZone: 'zona horaria desconocida "{zone}"',
};
