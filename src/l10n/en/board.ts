/** English: the words of <sla-queue-board>. The keys every language follows. */
export const board = {
  label: 'Queues', queue: 'Queue', waiting: 'Waiting', longestWait: 'Longest wait', serviceLevelToday: 'SL today',
  serviceLevelInterval: 'SL this interval', abandonRate: 'Abandon rate', asa: 'ASA', offered: 'Offered',
  agents: 'Agents: {available} available · {handling} handling · {offPhone} off-phone · {away} away',
  stale: 'Data stale: last event {ago}', agentsNoData: 'Agents: no data (the stream carries no agent states)',
};
