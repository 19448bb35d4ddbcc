/** German: the words of <sla-queue-board> (a key left out falls back to English). */
import type { board as en } from '../en/board.js';

export const board: Partial<Record<keyof typeof en, string>> = {
  label: 'Warteschlangen', queue: 'Warteschlange', waiting: 'Wartend', longestWait: 'Längste Wartezeit', serviceLevelToday: 'SL heute',
  serviceLevelInterval: 'SL lfd. Intervall', abandonRate: 'Abbruchquote', asa: 'ASA', offered: 'Angeboten',
  agents: 'Agenten: {available} verfügbar · {handling} im Gespräch · {offPhone} Nacharbeit/Backoffice · {away} abwesend',
  stale: 'Daten veraltet: letztes Ereignis {ago}', agentsNoData: 'Agenten: keine Daten (der Datenstrom enthält keine Agentenstatus)',
};
