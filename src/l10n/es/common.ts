/** Spanish: common words every widget uses (a key left out falls back to English). */
import type { common as en } from '../en/common.js';

export const common: Partial<Record<keyof typeof en, string>> = {
  loading: 'cargando…', loadingPct: 'cargando {pct} %…', soFar: 'hasta ahora: {pct} % del archivo leído', notGivenBy: 'no está en las cifras de {source}', noData: 'sin datos', error: 'error', updatedAgo: 'actualizado {ago}',
  secondsAgo: 'hace {n} s', minutesAgo: 'hace {n} min', hoursAgo: 'hace {n} h', aWhileAgo: 'hace un rato',
  ok: 'en objetivo', warn: 'cerca del objetivo', breach: 'incumplido', target: 'objetivo', atLeast: 'al menos', atMost: 'como máximo',
  vsPrevious: 'vs. anterior', stale: 'sin actualizar', live: 'en vivo',
  statusLive: 'estado en vivo: tras un incumplimiento, se recupera solo desde {bound}', statusClosed: 'estado según el valor propio del periodo',
  serviceLevel: 'Nivel de servicio', abandonRate: 'Tasa de abandono', asa: 'TMR', aht: 'TMO', offered: 'Ofrecidas', answered: 'Atendidas',
  abandoned: 'Abandonadas', waiting: 'En espera', longestWait: 'Espera más larga', occupancy: 'Ocupación', projectedServiceLevel: 'NS proyectado',
  fcr: 'Resolución 1.er contacto', csat: 'CSAT', csatMean: 'CSAT (media)', nps: 'NPS', qa: 'Calidad', uptime: 'Disponibilidad', utilization: 'Utilización', adherence: 'Adherencia',
  waitP90: 'Espera, pct. 90', waitP95: 'Espera, pct. 95', queue: 'Cola', interval: 'Intervalo',
  definition: '{metric} · NS {target}/{threshold} {preset}, abandonos cortos ≤ {short} s · zona {zone} · {grain}', intervalGrain: 'intervalos de {n} min',
};
