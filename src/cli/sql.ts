/** `sla-widgets sql`: the parts recipe (docs/parts.md), for DuckDB, Spark SQL or ClickHouse. */
import { parseArgs } from 'node:util';
import { helpText } from './help.js';
import { UsageError, flagError } from './errors.js';
import { dimensionsOf, slotOf, windowOf } from './parts.js';
import { SQL_DIALECTS, partsRecipe, type SqlDialect } from '../engine/parts-sql.js';

export const FLAGS = {
  dialect: { type: 'string' },
  by: { type: 'string' },
  interval: { type: 'string' },
  'fcr-window': { type: 'string' },
  table: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function sqlCommand(argv: string[], out: (s: string) => void): Promise<number> {
  let f;
  try {
    f = parseArgs({ args: argv, options: FLAGS, strict: true }).values;
  } catch (e) {
    throw flagError(e, 'sql');
  }
  if (f.help) {
    out(helpText('sql'));
    return 0;
  }
  const dialect = (f.dialect ?? 'duckdb') as SqlDialect;
  if (!SQL_DIALECTS.includes(dialect)) throw new UsageError(`--dialect ${f.dialect}: expected ${SQL_DIALECTS.join(', ')}`);
  if (f.table !== undefined && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(f.table)) throw new UsageError(`--table ${f.table}: expected a table or view name (letters, digits, _ and .)`);
  out(partsRecipe({ dialect, dimensions: dimensionsOf(f.by), slotMinutes: slotOf(f.interval), fcrWindowDays: windowOf(f['fcr-window']), table: f.table }).trimEnd());
  return 0;
}
