/** A failure the user must fix (bad flag, unreadable file, header nothing maps): one line, exit 2. */
export class UsageError extends Error {}

/** Node's parseArgs messages, said in one short line with where to look. */
export function flagError(e: unknown, command: string): UsageError {
  const msg = String((e as Error)?.message ?? e).split('\n')[0];
  let m = /Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(msg);
  if (m) return new UsageError(`${m[1]} needs a value, and negative numbers are not accepted (see: sla-widgets ${command} --help)`);
  m = /Unknown option '([^']+)'/.exec(msg);
  if (m) return new UsageError(`unknown option ${m[1]} (see: sla-widgets ${command} --help)`);
  m = /Option '(--[\w-]+)[^']*' argument missing/.exec(msg);
  if (m) return new UsageError(`${m[1]} needs a value (see: sla-widgets ${command} --help)`);
  return new UsageError(`${msg} (see: sla-widgets ${command} --help)`);
}
