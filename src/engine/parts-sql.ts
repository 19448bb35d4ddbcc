/**
 * The parts recipe (docs/parts.md "The SQL recipe"): one SQL query that turns a table of contacts in the kit's
 * normalized columns into the rows of a parts table, for DuckDB, Spark SQL and ClickHouse. The dialects differ
 * only in the few functions of `DIALECTS`; everything else is written once, from the same constants as the
 * engine's own parts (the histogram's edges, the slot length), so the two cannot drift apart.
 */
import { FINE_MAX, MID_MAX, COARSE_MAX } from './histogram.js';
import { OPTIONAL_DIMENSIONS, type Dimension } from './parts.js';
import { COUNT_COLUMNS, PARTS_VERSION, REPEAT_COLUMNS, WAIT_COLUMNS } from './parts-table.js';

export const SQL_DIALECTS = ['duckdb', 'spark', 'clickhouse'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

interface Dialect {
  /** A UTC timestamp as epoch milliseconds (a whole number). */
  epochMs(ts: string): string;
  /** Epoch milliseconds back to a UTC timestamp. */
  timestamp(ms: string): string;
  /** The next row's value in the window, NULL after the last. */
  lead(expr: string, over: string): string;
  /** A typed NULL: t is 'int', 'bigint', 'double' or 'string'. */
  nullOf(t: 'int' | 'bigint' | 'double' | 'string'): string;
  /** A cast to a whole number or a double. */
  cast(expr: string, t: 'int' | 'bigint' | 'double'): string;
  /** A cast to a whole number that may be NULL. */
  intOrNull(expr: string): string;
}

const STANDARD_TYPES = { int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', string: 'VARCHAR' } as const;

export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    epochMs: (ts) => `epoch_ms(${ts})`,
    timestamp: (ms) => `make_timestamp(${ms} * 1000)`,
    lead: (e, over) => `LEAD(${e}) OVER (${over})`,
    nullOf: (t) => `CAST(NULL AS ${STANDARD_TYPES[t]})`,
    cast: (e, t) => `CAST(${e} AS ${STANDARD_TYPES[t]})`,
    intOrNull: (e) => `CAST(${e} AS INTEGER)`,
  },
  spark: {
    epochMs: (ts) => `unix_millis(${ts})`,
    timestamp: (ms) => `timestamp_millis(${ms})`,
    lead: (e, over) => `LEAD(${e}) OVER (${over})`,
    nullOf: (t) => `CAST(NULL AS ${t === 'string' ? 'STRING' : STANDARD_TYPES[t]})`,
    cast: (e, t) => `CAST(${e} AS ${STANDARD_TYPES[t]})`,
    intOrNull: (e) => `CAST(${e} AS INTEGER)`,
  },
  clickhouse: {
    epochMs: (ts) => `toUnixTimestamp64Milli(toDateTime64(${ts}, 3, 'UTC'))`,
    timestamp: (ms) => `fromUnixTimestamp64Milli(toInt64(${ms}), 'UTC')`,
    // leadInFrame sees the whole partition only with an explicit frame; toNullable makes "no next row" NULL.
    lead: (e, over) => `leadInFrame(toNullable(${e})) OVER (${over} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)`,
    nullOf: (t) => `CAST(NULL AS Nullable(${{ int: 'Int32', bigint: 'Int64', double: 'Float64', string: 'String' }[t]}))`,
    cast: (e, t) => `CAST(${e} AS ${{ int: 'Int32', bigint: 'Int64', double: 'Float64' }[t]})`,
    // A plain Int32 cast of a Nullable column fails on NULL wherever the engine evaluates it.
    intOrNull: (e) => `CAST(${e} AS Nullable(Int32))`,
  },
};

export interface RecipeOptions {
  dialect: SqlDialect;
  /** Slot length: 15 (default) or 5 minutes. */
  slotMinutes?: 5 | 15;
  /** Dimensions kept beside the queue (default: channel and tier). */
  dimensions?: readonly Dimension[];
  /** FCR-by-repeat window in days (default 7). */
  fcrWindowDays?: number;
  /** The contacts table or view (default `contacts`). */
  table?: string;
}

/** What each count column sums, per contact: the engine's `ContactParts.apply`, written in SQL. */
const COUNT_EXPRESSIONS: Record<string, string> = {
  answered: `CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END`,
  answered_unknown_wait: `CASE WHEN outcome = 'answered' AND wait_sec IS NULL THEN 1 ELSE 0 END`,
  abandoned: `CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END`,
  abandoned_unknown_wait: `CASE WHEN outcome = 'abandoned' AND wait_sec IS NULL THEN 1 ELSE 0 END`,
  flowout: `CASE WHEN outcome = 'flowout' THEN 1 ELSE 0 END`,
  callback: `CASE WHEN outcome = 'callback' THEN 1 ELSE 0 END`,
  callback_unknown_wait: `CASE WHEN outcome = 'callback' AND wait_sec IS NULL THEN 1 ELSE 0 END`,
  voicemail: `CASE WHEN outcome = 'voicemail' THEN 1 ELSE 0 END`,
  answer_wait_sum_sec: `CASE WHEN outcome = 'answered' AND wait_sec IS NOT NULL THEN wait_sec ELSE 0 END`,
  talk_sum_sec: `CASE WHEN outcome = 'answered' AND talk_sec IS NOT NULL THEN talk_sec ELSE 0 END`,
  talk_n: `CASE WHEN outcome = 'answered' AND talk_sec IS NOT NULL THEN 1 ELSE 0 END`,
  hold_sum_sec: `CASE WHEN outcome = 'answered' AND hold_sec IS NOT NULL THEN hold_sec ELSE 0 END`,
  hold_n: `CASE WHEN outcome = 'answered' AND hold_sec IS NOT NULL THEN 1 ELSE 0 END`,
  wrap_sum_sec: `CASE WHEN outcome = 'answered' AND wrap_sec IS NOT NULL THEN wrap_sec ELSE 0 END`,
  wrap_n: `CASE WHEN outcome = 'answered' AND wrap_sec IS NOT NULL THEN 1 ELSE 0 END`,
  resolved: `CASE WHEN outcome = 'answered' AND resolved IS NOT NULL AND resolved THEN 1 ELSE 0 END`,
  resolved_known: `CASE WHEN outcome = 'answered' AND resolved IS NOT NULL THEN 1 ELSE 0 END`,
  transferred: `CASE WHEN transferred IS NOT NULL AND transferred THEN 1 ELSE 0 END`,
  csat_n: `CASE WHEN csat IS NOT NULL THEN 1 ELSE 0 END`,
  csat_top: `CASE WHEN csat IS NOT NULL AND csat >= 4 THEN 1 ELSE 0 END`,
  csat_sum: `CASE WHEN csat IS NOT NULL THEN csat ELSE 0 END`,
  nps_n: `CASE WHEN nps IS NOT NULL THEN 1 ELSE 0 END`,
  nps_promoters: `CASE WHEN nps IS NOT NULL AND nps >= 9 THEN 1 ELSE 0 END`,
  nps_detractors: `CASE WHEN nps IS NOT NULL AND nps <= 6 THEN 1 ELSE 0 END`,
  qa_n: `CASE WHEN qa IS NOT NULL THEN 1 ELSE 0 END`,
  qa_sum: `CASE WHEN qa IS NOT NULL THEN qa ELSE 0 END`,
};
const SUMS = new Set(['answer_wait_sum_sec', 'talk_sum_sec', 'hold_sum_sec', 'wrap_sum_sec', 'csat_sum', 'qa_sum']);

/** The normalized contact columns the recipe reads (docs/parts.md "The contacts table"). */
export const CONTACT_TABLE_COLUMNS = [
  'id', 'queue', 'channel', 'tier', 'agent', 'customer', 'arrived', 'outcome',
  'wait_sec', 'talk_sec', 'hold_sec', 'wrap_sec', 'resolved', 'csat', 'nps', 'qa', 'transferred',
] as const;

/** The recipe: a query whose rows are the parts table of the contacts in `table`. */
export function partsRecipe(o: RecipeOptions): string {
  const d = DIALECTS[o.dialect];
  if (!d) throw new RangeError(`no SQL dialect "${o.dialect}" (expected ${SQL_DIALECTS.join(', ')})`);
  const slotMinutes = o.slotMinutes ?? 15;
  const slotMs = slotMinutes * 60_000;
  const windowDays = o.fcrWindowDays ?? 7;
  const windowMs = Math.round(windowDays * 86_400_000);
  const dims = OPTIONAL_DIMENSIONS.filter((x) => (o.dimensions ?? ['channel', 'tier']).includes(x));
  const table = o.table ?? 'contacts';
  const key = ['slot_ms', 'queue', ...dims];
  const I = '    ';
  const counts = COUNT_COLUMNS.map(([c]) => `${I}SUM(${COUNT_EXPRESSIONS[c]}) AS ${c}`);
  const out = (c: string) => (SUMS.has(c) ? d.cast(`counts.${c}`, 'double') : d.cast(`counts.${c}`, 'int'));
  const zeros = COUNT_COLUMNS.map(([c]) => `${I}${SUMS.has(c) ? d.cast('0', 'double') : d.cast('0', 'int')} AS ${c}`);
  const head = (part: string, from: string) => [
    `${I}${d.cast(String(PARTS_VERSION), 'int')} AS parts_version`,
    `${I}'${part}' AS part`,
    `${I}${d.timestamp(`${from}.slot_ms`)} AS slot_start`,
    `${I}${d.cast(String(slotMinutes), 'int')} AS slot_minutes`,
    `${I}${from}.queue AS queue`,
    ...dims.map((x) => `${I}${from}.${x} AS ${x}`),
  ];
  // No ORDER BY: a parts table's rows come in any order, and sorting them all is what takes an engine's memory.
  // Counts as 32-bit integers: a 15-minute slot of one key never holds 2^31 contacts, and readers (hyparquet in
  // the page) decode INT32 far faster than INT64.
  return `-- The sla-widgets parts recipe: parts table version ${PARTS_VERSION} (docs/parts.md), ${o.dialect} dialect.
-- Reads ${table}: one row per contact in the kit's normalized columns
--   ${CONTACT_TABLE_COLUMNS.join(', ')}
-- (arrived a UTC timestamp; durations in seconds; outcome one of answered, abandoned, flowout, callback, voicemail).
-- Slots of ${slotMinutes} minutes in UTC; kept beside the queue: ${dims.length ? dims.join(', ') : 'nothing'}; FCR-by-repeat window ${windowDays} days.
WITH c AS (
  SELECT
    ${d.epochMs('arrived')} AS arrived_ms,
    queue,
${dims.map((x) => `    COALESCE(${x}, '') AS ${x},\n`).join('')}    customer, id, outcome, wait_sec, talk_sec, hold_sec, wrap_sec, resolved, csat, nps, qa, transferred
  FROM ${table}
),
k AS (
  SELECT
    c.*,
    arrived_ms - (arrived_ms % ${slotMs}) AS slot_ms,
    -- The wait histogram's bucket, by its upper edge in seconds (docs/parts.md "Waits"); -1 is over a day.
    CASE WHEN wait_sec IS NULL THEN NULL
         WHEN wait_sec <= 0 THEN 0
         WHEN wait_sec <= ${FINE_MAX} THEN ${d.intOrNull('CEIL(wait_sec)')}
         WHEN wait_sec <= ${MID_MAX} THEN ${d.intOrNull(`${FINE_MAX} + 10 * CEIL((wait_sec - ${FINE_MAX}) / 10)`)}
         WHEN wait_sec <= ${COARSE_MAX} THEN ${d.intOrNull(`${MID_MAX} + 60 * CEIL((wait_sec - ${MID_MAX}) / 60)`)}
         ELSE -1 END AS wait_upto
  FROM c
),
-- FCR by repeat (docs/metrics.md §3): each contact of a known customer and that customer's next arrival in the
-- same queue (a window over the few columns it needs); answered contacts not followed within the window resolve.
repeats AS (
  SELECT
    ${key.join(', ')},
    SUM(CASE WHEN next_ms IS NULL OR next_ms - arrived_ms > ${windowMs} THEN 1 ELSE 0 END) AS fcr_repeat_resolved,
    COUNT(*) AS fcr_repeat_known,
    SUM(CASE WHEN (next_ms IS NULL OR next_ms - arrived_ms > ${windowMs}) AND arrived_ms + ${windowMs} > last.last_ms THEN 1 ELSE 0 END) AS fcr_repeat_provisional
  FROM (
    SELECT ${key.join(', ')}, outcome, arrived_ms,
      ${d.lead('arrived_ms', 'PARTITION BY customer, queue ORDER BY arrived_ms, id')} AS next_ms
    FROM k
    WHERE customer IS NOT NULL AND customer <> ''
  ) w CROSS JOIN (SELECT MAX(arrived_ms) AS last_ms FROM c) last
  WHERE outcome = 'answered'
  GROUP BY ${key.join(', ')}
),
counts AS (
  SELECT
    ${key.join(', ')},
${counts.join(',\n')}
  FROM k
  GROUP BY ${key.join(', ')}
),
waits AS (
  SELECT
    ${key.join(', ')}, wait_upto,
    SUM(CASE WHEN outcome = 'answered' THEN 1 ELSE 0 END) AS answered_waits,
    SUM(CASE WHEN outcome = 'abandoned' THEN 1 ELSE 0 END) AS abandoned_waits,
    SUM(CASE WHEN outcome = 'callback' THEN 1 ELSE 0 END) AS callback_waits
  FROM k
  WHERE wait_upto IS NOT NULL AND outcome IN ('answered', 'abandoned', 'callback')
  GROUP BY ${key.join(', ')}, wait_upto
)
SELECT * FROM (
  SELECT
${head('counts', 'counts').join(',\n')},
    ${d.nullOf('int')} AS wait_upto_sec,
${COUNT_COLUMNS.map(([c]) => `${I}${out(c)} AS ${c}`).join(',\n')},
    CASE WHEN repeats.fcr_repeat_known > 0 THEN ${d.cast(String(windowDays), 'double')} ELSE ${d.nullOf('double')} END AS ${REPEAT_COLUMNS[0]},
${REPEAT_COLUMNS.slice(1).map((c) => `${I}CASE WHEN repeats.fcr_repeat_known > 0 THEN ${d.cast(`repeats.${c}`, 'int')} ELSE ${d.nullOf('int')} END AS ${c}`).join(',\n')},
${WAIT_COLUMNS.map(([c]) => `${I}${d.nullOf('int')} AS ${c}`).join(',\n')}
  FROM counts LEFT JOIN repeats ON ${key.map((x) => `counts.${x} = repeats.${x}`).join(' AND ')}
  UNION ALL
  SELECT
${head('waits', 'waits').join(',\n')},
    CASE WHEN wait_upto < 0 THEN ${d.nullOf('int')} ELSE ${d.cast('wait_upto', 'int')} END AS wait_upto_sec,
${zeros.join(',\n')},
    ${d.nullOf('double')} AS ${REPEAT_COLUMNS[0]},
${REPEAT_COLUMNS.slice(1).map((c) => `${I}${d.nullOf('int')} AS ${c}`).join(',\n')},
${WAIT_COLUMNS.map(([c]) => `${I}${d.cast(c, 'int')} AS ${c}`).join(',\n')}
  FROM waits
) parts
`;
}
