/** English: common words every widget uses. The keys every language follows. */
export const common = {
  loading: 'loading…', loadingPct: 'loading {pct} %…', soFar: 'so far: {pct} % of the file read', notGivenBy: "not in {source}'s figures", noData: 'no data', error: 'error', updatedAgo: 'updated {ago}',
  secondsAgo: '{n} s ago', minutesAgo: '{n} min ago', hoursAgo: '{n} h ago', aWhileAgo: 'a while ago',
  ok: 'on target', warn: 'near the target', breach: 'in breach', target: 'target', atLeast: 'at least', atMost: 'at most',
  vsPrevious: 'vs previous', stale: 'stale', live: 'live',
  statusLive: 'live status: after a breach, back only from {bound}', statusClosed: 'status of the period\'s own value',
  serviceLevel: 'Service level', abandonRate: 'Abandon rate', asa: 'ASA', aht: 'AHT', offered: 'Offered', answered: 'Answered',
  abandoned: 'Abandoned', waiting: 'Waiting', longestWait: 'Longest wait', occupancy: 'Occupancy', projectedServiceLevel: 'Projected SL',
  fcr: 'FCR', csat: 'CSAT', csatMean: 'CSAT (mean)', nps: 'NPS', qa: 'QA', uptime: 'Uptime', utilization: 'Utilization', adherence: 'Adherence',
  waitP90: 'Wait, 90th pct', waitP95: 'Wait, 95th pct', queue: 'Queue', interval: 'Interval',
  definition: '{metric} · SL {target}/{threshold} {preset}, short abandons ≤ {short} s · zone {zone} · {grain}', intervalGrain: '{n}-min intervals',
};
