// Contacts counted the way Amazon Connect's GetMetricDataV2 and Genesys Cloud's aggregate query report them, by
// the tests' own few lines (docs/parts.md, "Vendor aggregates"): per 15-minute interval (by arrival) × queue ×
// channel, from the kit's contact CSV (the columns `sla-widgets generate` writes; its names hold no commas).
// Shared by the command-line and page tests, so both hold the kit against the same reference.

export const SLOT = 15 * 60_000;

/** The answered and abandoned contacts of a generated CSV (its lines, header first), summed per interval × queue × channel. */
export function quarterHourCells(lines) {
  const head = lines[0].split(',');
  const col = (name) => head.indexOf(name);
  const cells = new Map();
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const outcome = f[col('outcome')];
    if (outcome !== 'answered' && outcome !== 'abandoned') continue;
    const arrived = Date.parse(f[col('arrived')]);
    const slot = arrived - (arrived % SLOT);
    const key = `${slot}|${f[col('queue')]}|${f[col('channel')]}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { slot, queue: f[col('queue')], channel: f[col('channel')], handled: 0, abandoned: 0, in20: 0, in30: 0, ab5: 0, ab20: 0, waitSum: 0, handleSum: 0 }));
    if (outcome === 'answered') {
      const wait = (Date.parse(f[col('answered')]) - arrived) / 1000;
      if (f[col('talk')] === '') throw new Error('every answered contact needs a talk time (AHT counts them all)');
      c.handled++;
      c.waitSum += wait;
      c.handleSum += ['talk', 'hold', 'wrap'].reduce((s, k) => s + Number(f[col(k)] || 0), 0);
      if (wait <= 20) c.in20++;
      if (wait <= 30) c.in30++;
    } else {
      const wait = (Date.parse(f[col('ended')]) - arrived) / 1000;
      c.abandoned++;
      if (wait <= 5) c.ab5++;
      if (wait <= 20) c.ab20++;
    }
  }
  return [...cells.values()];
}

/** An "answered (abandoned) within T" metric as Connect echoes it, compared with LTE (the kit's "at most T"). */
export const within = (name, t, value) => ({ Metric: { Name: name, Threshold: [{ Comparison: 'LTE', ThresholdValue: t }] }, Value: value });

/** An instant as the AWS CLI prints it on a machine `offsetMin` minutes east of UTC. */
function cliTime(ms, offsetMin) {
  const sign = offsetMin >= 0 ? '+' : '-';
  const a = Math.abs(offsetMin);
  return new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19) + `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** One MetricResults entry: times as epoch seconds (the API), or as the CLI prints them when `offsetMin` is given. */
export function connectResult(c, offsetMin = null) {
  const time = (ms) => (offsetMin === null ? ms / 1000 : cliTime(ms, offsetMin));
  return {
    Dimensions: { QUEUE: c.queue, CHANNEL: c.channel.toUpperCase() },
    MetricInterval: { Interval: 'FIFTEEN_MIN', StartTime: time(c.slot), EndTime: time(c.slot + SLOT) },
    Collections: [
      { Metric: { Name: 'CONTACTS_QUEUED' }, Value: c.handled + c.abandoned },
      { Metric: { Name: 'CONTACTS_HANDLED' }, Value: c.handled },
      { Metric: { Name: 'CONTACTS_ABANDONED' }, Value: c.abandoned },
      within('SUM_CONTACTS_ANSWERED_IN_X', 20, c.in20),
      within('SUM_CONTACTS_ANSWERED_IN_X', 30, c.in30),
      within('SUM_CONTACTS_ABANDONED_IN_X', 5, c.ab5),
      within('SUM_CONTACTS_ABANDONED_IN_X', 20, c.ab20),
      within('SERVICE_LEVEL', 20, c.handled ? (100 * c.in20) / c.handled : null),
      { Metric: { Name: 'AVG_QUEUE_ANSWER_TIME' }, Value: c.handled ? c.waitSum / c.handled : null },
      { Metric: { Name: 'SUM_HANDLE_TIME' }, Value: c.handleSum },
    ],
  };
}

/** Genesys' response: one group per queue × media type, PT15M intervals, durations in ms, empty metrics left out. */
export function genesysResponse(cells) {
  const groups = new Map();
  for (const c of cells) {
    const k = `${c.queue}|${c.channel}`;
    if (!groups.has(k)) groups.set(k, { group: { queueId: c.queue, mediaType: c.channel }, data: [] });
    const metrics = [
      ['nOffered', { count: c.handled + c.abandoned }],
      ['tAnswered', { count: c.handled, sum: c.waitSum * 1000, max: 0, min: 0 }],
      ['tAbandon', { count: c.abandoned, sum: 0 }],
      ['tShortAbandon', { count: c.ab5, sum: 0 }],
      ['tHandle', { count: c.handled, sum: c.handleSum * 1000 }],
      ['oServiceLevel', { numerator: c.in20, denominator: c.handled + c.abandoned - c.ab5, ratio: 0, target: 0.8 }],
    ].filter(([, st]) => st.count !== 0 && st.denominator !== 0).map(([metric, stats]) => ({ metric, stats }));
    groups.get(k).data.push({ interval: `${new Date(c.slot).toISOString()}/${new Date(c.slot + SLOT).toISOString()}`, metrics });
  }
  return { results: [...groups.values()] };
}
