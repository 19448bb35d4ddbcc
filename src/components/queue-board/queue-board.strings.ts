import type { Strings } from '../shared/i18n.js';

/** The queue board's words (column heads, the agents line, states) in English, Spanish and German. */
export const BOARD_STRINGS = {
  en: {
    label: 'Queues', queue: 'Queue', waiting: 'Waiting', longestWait: 'Longest wait', serviceLevelToday: 'SL today',
    serviceLevelInterval: 'SL this interval', abandonRate: 'Abandon rate', asa: 'ASA', offered: 'Offered',
    agents: 'Agents: {available} available · {handling} handling · {offPhone} off-phone · {away} away',
    stale: 'Data stale: last event {ago}', agentsNoData: 'Agents: no data (the stream carries no agent states)',
  },
  es: {
    label: 'Colas', queue: 'Cola', waiting: 'En espera', longestWait: 'Espera más larga', serviceLevelToday: 'NS hoy',
    serviceLevelInterval: 'NS este intervalo', abandonRate: 'Tasa de abandono', asa: 'TMR', offered: 'Ofrecidas',
    agents: 'Agentes: {available} disponibles · {handling} atendiendo · {offPhone} fuera de línea · {away} ausentes',
    stale: 'Datos sin actualizar: último evento {ago}', agentsNoData: 'Agentes: sin datos (el flujo no trae estados de agentes)',
  },
  de: {
    label: 'Warteschlangen', queue: 'Warteschlange', waiting: 'Wartend', longestWait: 'Längste Wartezeit', serviceLevelToday: 'SL heute',
    serviceLevelInterval: 'SL lfd. Intervall', abandonRate: 'Abbruchquote', asa: 'ASA', offered: 'Angeboten',
    agents: 'Agenten: {available} verfügbar · {handling} im Gespräch · {offPhone} Nacharbeit/Backoffice · {away} abwesend',
    stale: 'Daten veraltet: letztes Ereignis {ago}', agentsNoData: 'Agenten: keine Daten (der Datenstrom enthält keine Agentenstatus)',
  },
} satisfies Strings<string>;

export type BoardKey = keyof typeof BOARD_STRINGS.en;
