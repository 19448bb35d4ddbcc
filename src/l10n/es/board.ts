/** Spanish: the words of <sla-queue-board> (a key left out falls back to English). */
import type { board as en } from '../en/board.js';

export const board: Partial<Record<keyof typeof en, string>> = {
  label: 'Colas', queue: 'Cola', waiting: 'En espera', longestWait: 'Espera más larga', serviceLevelToday: 'NS hoy',
  serviceLevelInterval: 'NS este intervalo', abandonRate: 'Tasa de abandono', asa: 'TMR', offered: 'Ofrecidas',
  agents: 'Agentes: {available} disponibles · {handling} atendiendo · {offPhone} fuera de línea · {away} ausentes',
  stale: 'Datos sin actualizar: último evento {ago}', agentsNoData: 'Agentes: sin datos (el flujo no trae estados de agentes)',
};
