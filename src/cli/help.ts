/**
 * `sla-widgets help <command>` and `<command> --help`: what the command does, every flag with its unit and
 * default, and examples that run as written (test/cli/help.test.mjs runs them and checks every flag is here).
 */

export interface FlagHelp {
  /** As typed: `--sl 80/20`. */
  flag: string;
  what: string;
}

export interface CommandHelp {
  name: string;
  /** A few words, for the list of commands. */
  short: string;
  /** What it is for. */
  summary: string;
  usage: string;
  flags: FlagHelp[];
  /** Command lines that run as written from the repo (after `npm run build`), each with what it shows. */
  examples: { run: string; shows: string }[];
  /** More words, after the flags. */
  notes?: string[];
}

export const HELP: Record<string, CommandHelp> = {
  report: {
    name: 'report',
    short: 'figures of contact exports by queue, agent, interval, day … in a zone you name',
    summary: 'The figures of contact exports (any vendor\'s CSV, Asterisk queue_log, interval reports), agent states and schedules: service level, ASA, abandonment, AHT, FCR, CSAT … by queue, agent, interval, day … in a zone you name.',
    usage: 'sla-widgets report <file…> [flags]',
    flags: [
      { flag: '--map m.json', what: 'how the file\'s columns are read (docs/mapping.md); default: detected from the header, and said in the report\'s "mapping"' },
      { flag: '--tz Zone', what: 'IANA zone of every boundary (interval, day, week …); default: this machine\'s zone' },
      { flag: '--input-tz Zone', what: 'zone of timestamps written without one; default: --tz' },
      { flag: '--day-month-order dmy|mdy', what: 'order of dates like 03/04/2026 when the file cannot tell; default: decided from the data, else refused' },
      { flag: '--interval 15m', what: 'interval length: 5m, 15m, 30m or 60m; default 15m' },
      { flag: '--by queue,day', what: 'groups, comma-separated: queue, agent, team, tier, channel, interval, hour, day, week, month, quarter; default: totals only' },
      { flag: '--week-start monday', what: 'first day of a week for --by week; default monday' },
      { flag: '--sl 80/20', what: 'service level target in percent / threshold in whole seconds; default 80/20' },
      { flag: '--sl-preset NAME', what: 'which contacts count in the service level: answered-and-abandoned (default), answered, abandons-after-threshold, abandons-within-threshold-met' },
      { flag: '--short-abandon 5', what: 'abandons within this many whole seconds (0–600) count in no service level; default 5' },
      { flag: '--include-flowouts', what: 'flow-outs join the service level\'s denominator, never met; default: they do not' },
      { flag: '--include-callbacks', what: 'callbacks count: met when their wait is within the threshold; default: they do not' },
      { flag: '--business-hours calendar.json', what: 'open hours and holidays in --tz: only contacts arriving while open enter the service level' },
      { flag: '--abandon-rate offered', what: 'abandonment over everything offered (short abandons too); default: abandoned / (answered + abandoned)' },
      { flag: '--fcr auto|flag|repeat', what: 'first contact resolution from the export\'s flag, or from repeats of a customer to a queue; default auto (the flag when there is one)' },
      { flag: '--fcr-window 7d', what: 'a repeat within this many days means not resolved; default 7d' },
      { flag: '--categories states.json', what: 'how agent states are counted (productive, available, away …) in utilisation and adherence; default: the kit\'s categories' },
      { flag: '--rejections rejected.csv', what: 'write every rejected row (file, line, column, value, reason) as CSV; the report itself lists the first 100' },
      { flag: '--threads N', what: 'read a CSV of 16 MB or more on N threads (the same report); default: this machine\'s cores' },
      { flag: '--parts', what: 'the files are parts tables (CSV, NDJSON or Parquet; docs/parts.md), from `sla-widgets parts`, DuckDB, Spark or ClickHouse, or a vendor\'s saved aggregates (Amazon Connect GetMetricDataV2, Genesys Cloud aggregate query): they add up, and give the same figures as the contacts they count' },
      { flag: '--source-threshold 20', what: 'with --parts, a vendor\'s aggregates: the seconds it counted "answered within" with where its figures do not say (Genesys Cloud: the queues\' service-level time)' },
      { flag: '--source-short-abandon 10', what: 'with --parts, a vendor\'s aggregates: the seconds it counted short abandons with where its figures do not say (Genesys Cloud)' },
      { flag: '--json', what: 'print { validation, mapping, definitions, totals, groups } as JSON instead of a table' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets report test/fixtures/anonymous-bank-1999-02/calls.tsv --map examples/anonymous-bank.mapping.json --tz Asia/Jerusalem --by day', shows: 'a bank\'s February 1999 by day, read with a hand-written mapping' },
      { run: 'sla-widgets report test/fixtures/vendors/five9-call-log.csv --tz America/New_York --by queue --sl 90/30 --json', shows: 'a Five9 call log with no mapping, by queue, against 90/30, as JSON' },
      { run: 'sla-widgets report --parts test/fixtures/vendors/aggregates-amazon-connect-get-metric-data-v2.json --tz America/New_York --by day --sl 90/30', shows: 'Amazon Connect\'s saved 15-minute metrics by day, against 90/30 (a threshold it counted)' },
      { run: 'sla-widgets report --parts test/fixtures/vendors/aggregates-genesys-cloud-conversations.json --source-threshold 20 --source-short-abandon 5 --tz America/New_York --by queue', shows: 'Genesys Cloud\'s conversation aggregates by queue, its queues\' service-level and short-abandon times given' },
    ],
    notes: ['Exit 0 when the files were read (rejected rows are listed, never dropped silently), 2 for bad input or flags, with a sentence saying why.'],
  },
  evaluate: {
    name: 'evaluate',
    short: 'the scorecard of a service-level agreement over a period',
    summary: 'The scorecard of a service-level agreement over a period: each metric against its target, exclusions and their effect, credits and penalties, baselines and realistic targets.',
    usage: 'sla-widgets evaluate <contacts… [agent states, schedules]> --sla sla.json [flags]',
    flags: [
      { flag: '--sla sla.json', what: 'the agreement (docs/agreement.md); required' },
      { flag: '--period 2026-02', what: 'the period: a month 2026-02, a quarter 2026-Q1, a week 2026-W05 or a day 2026-02-14; default: the agreement\'s period around the last contact' },
      { flag: '--tz Zone', what: 'IANA zone of the period\'s boundaries; default: the agreement\'s timeZone, else this machine\'s' },
      { flag: '--input-tz Zone', what: 'zone of timestamps written without one; default: --tz' },
      { flag: '--day-month-order dmy|mdy', what: 'order of dates like 03/04/2026 when the file cannot tell' },
      { flag: '--map m.json', what: 'how the contacts file\'s columns are read; default: detected' },
      { flag: '--forecast f.csv', what: 'forecast volume per interval: intervals far over it can be excluded, as the agreement says' },
      { flag: '--outages o.csv', what: 'outages (start, end, reason): their intervals are excluded, as the agreement says' },
      { flag: '--exclusions x.csv', what: 'other agreed exclusions (start, end, reason)' },
      { flag: '--baseline 30d', what: 'days before the period that give the baseline and a realistic target (0–90); default 30d' },
      { flag: '--categories states.json', what: 'how agent states are counted, for utilisation and adherence targets' },
      { flag: '--verbose', what: 'list every excluded interval; default: a summary (count, share of volume, the largest few)' },
      { flag: '--parts', what: 'the contact files are parts tables (docs/parts.md) instead of contacts: the same scorecard' },
      { flag: '--source-threshold 20', what: 'with --parts, a vendor\'s aggregates: the seconds it counted "answered within" with where its figures do not say (Genesys Cloud)' },
      { flag: '--source-short-abandon 10', what: 'with --parts, a vendor\'s aggregates: the seconds it counted short abandons with (Genesys Cloud)' },
      { flag: '--json', what: 'print the scorecard as JSON' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets evaluate examples/data/sample.csv --sla examples/sla.example.json', shows: 'the sample month against the example agreement: targets, credits, bonus, escalations' },
      { run: 'sla-widgets evaluate examples/data/sample.csv --sla examples/sla.example.json --period 2026-W10 --tz Europe/London --verbose', shows: 'one week of it in London time, every excluded interval listed' },
    ],
  },
  parts: {
    name: 'parts',
    short: 'contact exports → a parts table (CSV, NDJSON, Parquet) that adds up anywhere',
    summary: 'Contact exports → a parts table (docs/parts.md): per 15-minute UTC slot × queue × channel × tier (× agent), every count and sum the figures need and the wait histogram. Parts from many files, days or machines add up; report --parts and evaluate --parts give the same figures as the contacts. --engine duckdb runs the SQL recipe (sla-widgets sql) through DuckDB in bounded memory, for files larger than one process holds.',
    usage: 'sla-widgets parts <contact file…> --out parts.csv|.ndjson|.parquet [flags]',
    flags: [
      { flag: '--out FILE', what: 'where the parts go; the format by its ending (.csv, .ndjson or .jsonl, .parquet), - for CSV on stdout; required' },
      { flag: '--format csv|ndjson|parquet', what: 'the format, whatever the file is called' },
      { flag: '--engine kit|duckdb', what: 'kit (default): the kit\'s reader, any export it understands; duckdb: the SQL recipe in DuckDB over contacts in the kit\'s normalized columns or its own contact CSV, CSV or Parquet' },
      { flag: '--by channel,tier,agent', what: 'what the parts keep beside the queue: any of channel, tier, agent, or just queue; default channel,tier (per agent the parts are about as many rows as the contacts)' },
      { flag: '--interval 15m', what: 'slot length: 15m (adds up to 15-, 30- and 60-minute intervals) or 5m; default 15m' },
      { flag: '--fcr-window 7d', what: 'FCR by repeat is counted with this window (a repeat within it means not resolved); default 7d' },
      { flag: '--map m.json', what: 'how the file\'s columns are read (docs/mapping.md); default: detected (kit engine)' },
      { flag: '--input-tz Zone', what: 'zone of timestamps written without one; default UTC (kit engine)' },
      { flag: '--day-month-order dmy|mdy', what: 'order of dates like 03/04/2026 when the file cannot tell (kit engine)' },
      { flag: '--rejections rejected.csv', what: 'write every rejected row as CSV (kit engine)' },
      { flag: '--threads N', what: 'threads to read with; default: this machine\'s cores' },
      { flag: '--memory-limit 1GB', what: 'the most memory DuckDB takes before it spills to a temporary directory; default 1GB (duckdb engine)' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets parts examples/data/sample.csv --out /tmp/sample.parts.csv', shows: 'the sample month as parts, by the kit\'s engine' },
      { run: 'sla-widgets parts examples/data/sample.csv --engine duckdb --by queue --out /tmp/sample.parts.parquet', shows: 'the same by DuckDB\'s SQL, by queue only, as Parquet' },
      { run: 'sla-widgets report --parts /tmp/sample.parts.parquet --by week --tz Europe/London', shows: 'the figures of those parts by week in London time (the same as from the contacts)' },
    ],
    notes: ['Parts add: give each contact\'s parts once (parts hold no ids, so the same parts given twice count twice). FCR by repeat finds repeats within the contacts that made the parts.'],
  },
  sql: {
    name: 'sql',
    short: 'the SQL recipe that makes parts in DuckDB, Spark SQL or ClickHouse',
    summary: 'The SQL recipe that makes a parts table (docs/parts.md) from a table of contacts in the kit\'s normalized columns: run it where the contacts are (DuckDB here; Spark SQL or ClickHouse on a cluster) and give the result to report --parts.',
    usage: 'sla-widgets sql [--dialect duckdb|spark|clickhouse] [flags] > parts.sql',
    flags: [
      { flag: '--dialect duckdb', what: 'duckdb (default), spark or clickhouse: they differ only in a few functions (epoch milliseconds, timestamps, the next row, typed NULLs)' },
      { flag: '--table contacts', what: 'the table or view of contacts to read; default contacts' },
      { flag: '--by channel,tier,agent', what: 'what the parts keep beside the queue; default channel,tier' },
      { flag: '--interval 15m', what: 'slot length: 15m or 5m; default 15m' },
      { flag: '--fcr-window 7d', what: 'FCR-by-repeat window; default 7d' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets sql --dialect duckdb', shows: 'the recipe for DuckDB over a table called contacts' },
      { run: 'sla-widgets sql --dialect spark --table warehouse.contacts_view --by queue', shows: 'the recipe for Spark SQL over a view of your own, by queue only' },
    ],
  },
  generate: {
    name: 'generate',
    short: 'a seeded, realistic contact export to try everything on',
    summary: 'A seeded, realistic contact export (the kit\'s columns) to try everything on: the same seed gives the same file on every machine.',
    usage: 'sla-widgets generate --contacts N --seed S [flags] > contacts.csv',
    flags: [
      { flag: '--contacts N', what: 'how many contacts (up to 50,000,000); required' },
      { flag: '--seed S', what: 'any text; the same seed gives the same file; required' },
      { flag: '--start 2026-01-05', what: 'the first day (YYYY-MM-DD); default 2026-01-05' },
      { flag: '--days D', what: 'days of contacts; default: as many as the contacts fill' },
      { flag: '--queues Q', what: 'number of queues (up to 200); default 4' },
      { flag: '--agents A', what: 'agents on the roster; default: enough for the volume' },
      { flag: '--tz Zone', what: 'the center\'s zone (its opening hours); default America/New_York' },
      { flag: '--out DIR', what: 'write one center\'s five files into DIR (contacts, agent states, schedules, forecast, outages) instead of contacts to stdout' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets generate --contacts 2000 --seed demo', shows: '2,000 contacts as CSV on stdout' },
      { run: 'sla-widgets generate --contacts 2000 --seed demo --days 2 --queues 6 --tz Europe/Madrid', shows: 'two days of six queues of a center in Madrid' },
    ],
  },
  staffing: {
    name: 'staffing',
    short: 'agents needed for a volume (Erlang C or Erlang A)',
    summary: 'Agents needed for a volume: the least that reaches the service level, with its ASA and occupancy, before and after shrinkage — by Erlang C, or by Erlang A, which counts callers who hang up.',
    usage: 'sla-widgets staffing --contacts N --aht DURATION --sl 80/20 [flags]',
    flags: [
      { flag: '--contacts N', what: 'contacts offered in one interval; required' },
      { flag: '--interval 30m', what: 'the interval they arrive in: 5m, 15m, 30m or 60m; default 30m' },
      { flag: '--aht 180', what: 'average handle time: seconds (180), with a unit (180s, 3m) or as a clock (0:03:00, 3:00); required' },
      { flag: '--sl 80/20', what: 'service level target in percent / threshold in seconds; required' },
      { flag: '--shrinkage 0.3', what: 'share of paid time not on the phones (breaks, training), 0 to below 1; default 0.3, as the staffing widget' },
      { flag: '--max-occupancy 0.85', what: 'most occupancy allowed (above 0, at most 1): more agents when the service level alone would overwork them; default: no limit' },
      { flag: '--asa 20s', what: 'also require this average speed of answer (same forms as --aht)' },
      { flag: '--model erlang-c|erlang-a', what: 'Erlang C (callers wait for ever: it overstates waiting where they hang up) or Erlang A (callers hang up after --patience); default erlang-c' },
      { flag: '--patience 90s', what: 'for erlang-a: the callers\' mean patience (same forms as --aht); report prints it from a file\'s abandons' },
      { flag: '--table', what: 'a table of agents from the fewest workable to the required, with their service level, ASA and occupancy' },
      { flag: '--json', what: 'print the result as JSON' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets staffing --contacts 200 --interval 30m --aht 3m --sl 80/20', shows: 'agents for 200 calls in half an hour at a 3-minute AHT, 80 % within 20 s' },
      { run: 'sla-widgets staffing --contacts 200 --interval 30m --aht 180 --sl 80/20 --shrinkage 0 --max-occupancy 0.85 --table', shows: 'the same without shrinkage, capped at 85 % occupancy, as a table' },
      { run: 'sla-widgets staffing --contacts 200 --interval 30m --aht 3m --sl 80/20 --model erlang-a --patience 90s', shows: 'the same callers hanging up after 90 s on average: fewer agents, and the share that abandons' },
    ],
  },
  feed: {
    name: 'feed',
    short: 'a live stream for wallboards, from a file or generated',
    summary: 'A live stream for wallboards (WebSocket, SSE and NDJSON, with replay after a reconnect): contacts from a file or generated, replayed in real time or faster; or an ACD\'s own live events (--from).',
    usage: 'sla-widgets feed [contacts.csv] [flags]  |  sla-widgets feed --from asterisk-ami|asterisk-queue-log|amazon-connect|genesys|twilio [flags]',
    flags: [
      { flag: '--speed 1–60', what: 'replay this many times faster than the contacts happened; default 1' },
      { flag: '--rate N', what: 'instead of --speed: N events a second, whatever their times' },
      { flag: '--port 8787', what: 'the port to listen on (0: any free one); default 8787' },
      { flag: '--host 127.0.0.1', what: 'the address to listen on; default 127.0.0.1 (this machine only)' },
      { flag: '--map m.json', what: 'how the file\'s columns are read; default: detected' },
      { flag: '--input-tz Zone', what: 'zone of the file\'s timestamps written without one; default: this machine\'s' },
      { flag: '--contacts N', what: 'without a file: how many contacts to generate; default 20,000' },
      { flag: '--seed S', what: 'without a file: the generator\'s seed; default "feed"' },
      { flag: '--days D', what: 'without a file: days of generated contacts (1–31); default 1' },
      { flag: '--channels voice,chat', what: 'replay only these channels; default: all' },
      { flag: '--start-at 08:00', what: 'start the replay at this time of the first day (not the quiet night); default: the first contact' },
      { flag: '--from asterisk-ami|asterisk-queue-log|amazon-connect|genesys|twilio', what: 'listen to the ACD itself instead of replaying: its own events become the stream' },
      { flag: '--ami host[:5038]', what: 'with --from asterisk-ami: the manager interface; user and secret from SLA_AMI_USERNAME and SLA_AMI_SECRET' },
      { flag: '--credentials file.json', what: 'with --from asterisk-ami: {"username", "secret"}; with --from genesys: {"clientId", "clientSecret"}; from a file instead of the environment' },
      { flag: '--region mypurecloud.com', what: 'with --from genesys: your org\'s domain (mypurecloud.ie, usw2.pure.cloud …); the OAuth client from GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET' },
      { flag: '--queues Sales,Support', what: 'with --from genesys: the queues to follow, by name; default every queue the client may see' },
      { flag: '--queue-log path', what: 'Asterisk\'s queue_log: followed as it is written (asterisk-queue-log), or read after an AMI break for what the AMI did not send' },
      { flag: '--events file.ndjson|-', what: 'with --from amazon-connect: Connect\'s contact events and agent records, one JSON per line, followed as written (- : stdin; repeat for more); posts to /connect are taken too (with SLA_FEED_TOKEN set, only with that token)' },
      { flag: '--queue-names names.json', what: 'with --from amazon-connect: {"<queue ARN or id>": "<name>"} (contact events carry only the ARN; agent records teach names too)' },
      { flag: '--agent-names names.json', what: 'with --from amazon-connect: {"<agent ARN or id>": "<name>"} (agent records teach user names too)' },
      { flag: '--public-url https://…', what: 'with --from twilio: the Workspace\'s EventCallbackUrl as Twilio calls it (the signature covers it); the auth token from TWILIO_AUTH_TOKEN' },
      { flag: '--workspace WS…', what: 'with --from twilio: also read the Workspace\'s Events resource every minute (the last 12 hours at start), so a callback that never came is told after all; needs TWILIO_ACCOUNT_SID' },
      { flag: '--tail-from start|end', what: 'with --from asterisk-queue-log: the whole file then what is written, or only what is written from now; default start' },
      { flag: '--control', what: 'serve POST /control?action=pause|resume|drop|restart|gap|skip|garbage|jump|invalid (tests, demos of a stale board); with --from, drop only' },
      { flag: '--help, -h', what: 'this help' },
    ],
    examples: [
      { run: 'sla-widgets feed --speed 10 --start-at 08:00', shows: 'a generated day from 8 in the morning at ten times real time, on port 8787' },
      { run: 'SLA_AMI_USERNAME=wallboard SLA_AMI_SECRET=… sla-widgets feed --from asterisk-ami --ami pbx.local --queue-log /var/log/asterisk/queue_log', shows: 'an Asterisk PBX\'s queues live, a break in the AMI made good from its queue_log' },
      { run: 'sla-widgets feed examples/data/sample.csv --rate 50 --port 0 --control', shows: 'a file replayed at 50 events a second on any free port, with fault controls' },
    ],
  },
};

/** The help of one command, as printed. */
export function helpText(name: string): string {
  const h = HELP[name];
  const width = Math.min(34, Math.max(...h.flags.map((f) => f.flag.length)));
  const wrap = (text: string, indent: number, cols = 100) => {
    const out: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
      if (line && line.length + 1 + word.length > cols - indent) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(line);
    return out.join('\n' + ' '.repeat(indent));
  };
  return [
    `sla-widgets ${h.name}: ${wrap(h.summary, 2)}`,
    '',
    `usage: ${h.usage}`,
    '',
    'flags:',
    ...h.flags.map((f) => `  ${f.flag.padEnd(width)}  ${wrap(f.what, width + 4)}`),
    '',
    'examples:',
    ...h.examples.flatMap((e) => [`  ${e.run}`, `      ${wrap(e.shows, 6)}`]),
    ...(h.notes?.length ? ['', ...h.notes.map((n) => wrap(n, 0))] : []),
  ].join('\n');
}

/** `sla-widgets help`: every command in a line, and where to read more. */
export function overview(version: string): string {
  const names = Object.keys(HELP);
  const width = Math.max('--version'.length, ...names.map((n) => n.length));
  return [
    `sla-widgets ${version}: contact-center service levels from exports and streams, by the contract in docs/.`,
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${HELP[n].short}`),
    `  ${'--version'.padEnd(width)}  the version`,
    '',
    'sla-widgets help <command> (or <command> --help): every flag, its unit and default, and examples.',
  ].join('\n');
}
