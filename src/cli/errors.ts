/** A failure the user must fix (bad flag, unreadable file, header nothing maps): one line, exit 2. */
export class UsageError extends Error {}
