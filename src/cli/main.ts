/** The sla-widgets command line: the same engine as the widgets, in Node. */
import { report } from './report.js';
import { generate } from './generate.js';
import { staffing } from './staffing.js';
import { evaluateCommand } from './evaluate.js';
import { feed } from './feed.js';
import { partsCommand } from './parts.js';
import { sqlCommand } from './sql.js';
import { UsageError } from './errors.js';
import { HELP, helpText, overview } from './help.js';

/** The package's version, written in by the build (scripts/build-cli.mjs). */
declare const __SLA_VERSION__: string;
const VERSION = typeof __SLA_VERSION__ === 'string' ? __SLA_VERSION__ : 'dev';

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const out = (s: string) => process.stdout.write(s + '\n');
  switch (cmd) {
    case 'report':
      return report(rest, out);
    case 'generate':
      return generate(rest, process.stdout);
    case 'staffing':
      return staffing(rest, out);
    case 'evaluate':
      return evaluateCommand(rest, out);
    case 'feed':
      return feed(rest, out);
    case 'parts':
      return partsCommand(rest, out);
    case 'sql':
      return sqlCommand(rest, out);
    case '--version':
    case '-v':
    case 'version':
      out(`sla-widgets ${VERSION}`);
      return 0;
    case 'help':
      if (rest[0] !== undefined) {
        if (!HELP[rest[0]]) throw new UsageError(`help ${rest[0]}: no such command (expected ${Object.keys(HELP).join(', ')})`);
        out(helpText(rest[0]));
        return 0;
      }
      out(overview(VERSION));
      return 0;
    case undefined:
    case '-h':
    case '--help':
      out(overview(VERSION));
      return cmd === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${cmd}" (expected report, evaluate, parts, sql, generate, staffing or feed)`);
  }
}

// A closed pipe on stdout ends the program quietly instead of as an internal error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') {
      // The reader stopped listening (`generate … | head`): not an error.
      process.exitCode = 0;
    } else if (e instanceof UsageError) {
      process.stderr.write(`sla-widgets: ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`sla-widgets: internal error: ${(e as Error)?.message ?? e}\n`);
      if (process.env.SLA_WIDGETS_DEBUG) process.stderr.write(String((e as Error)?.stack) + '\n');
      process.exitCode = 1;
    }
  },
);
