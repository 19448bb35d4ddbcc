/**
 * Lines of a file read as they are written, for the adapters whose ACD writes a file (Asterisk's queue_log) or
 * whose events are saved one per line (Amazon Connect's records). Read from a byte offset, so a reader goes
 * on from where it was; a line still being written waits for its end; a file that shrinks or is replaced
 * (rotated) is read again from its start.
 */
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The longest line read (1 MiB): a longer one (a block of NULs after a crash) is skipped to its end and said. */
export const MAX_LINE_BYTES = 1 << 20;

/** Where a reading stopped inside a line too long to read: skipping to its end. */
export interface LineState { skipping: boolean }

/**
 * Reads whole lines of a file from a byte offset and gives them on; returns the offset after the last whole
 * line (a line still being written is left for the next read). A line longer than MAX_LINE_BYTES is told to
 * `tooLong` once and skipped to its end; a line whose reading throws is told to `failed` — neither stops the
 * reading, so one bad line can never hold the offset back.
 */
export async function readLinesFrom(path: string, offset: number, firstLine: number, each: (text: string, lineNo: number) => void, opts: { state?: LineState; tooLong?: (lineNo: number) => void; failed?: (lineNo: number, e: Error) => void } = {}): Promise<{ offset: number; line: number; size: number }> {
  const fh = await open(path, 'r');
  const state = opts.state ?? { skipping: false };
  try {
    const { size } = await fh.stat();
    if (size < offset) return { offset: -1, line: firstLine, size };
    const buf = Buffer.alloc(1 << 20);
    let pos = offset;
    let line = firstLine;
    let rest = Buffer.alloc(0);
    const give = (text: string) => {
      try { each(text, line); } catch (e) { opts.failed?.(line, e as Error); }
      line++;
    };
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const chunk = rest.length ? Buffer.concat([rest, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      let start = 0;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, start)) {
        if (state.skipping) { state.skipping = false; line++; start = i + 1; continue; }
        let end = i;
        if (end > start && chunk[end - 1] === 13) end--;
        if (end - start > MAX_LINE_BYTES) { opts.tooLong?.(line); line++; start = i + 1; continue; }
        give(chunk.toString('utf8', start, end));
        start = i + 1;
      }
      rest = state.skipping ? Buffer.alloc(0) : Buffer.from(chunk.subarray(start));
      if (rest.length > MAX_LINE_BYTES) { opts.tooLong?.(line); state.skipping = true; rest = Buffer.alloc(0); }
    }
    return { offset: pos - rest.length, line, size };
  } finally {
    await fh.close();
  }
}

export interface FollowedFile {
  /** Whether the file can be read. */
  alive(): boolean;
  /** The latest ACD time read, moved on with the machine's clock since it was read; null when unreadable. */
  streamTime(): number | null;
  status(): { path: string; readable: boolean; error: string | null; offset: number };
  close(): void;
}

/** Follows a file: every whole line once, in order, as it is written. `clock.latest` is the ACD time read. */
export function followLines(opts: { path: string; pollMs?: number; from?: 'start' | 'end'; log?: (s: string) => void; tooLong?: (lineNo: number) => void; failed?: (lineNo: number, e: Error) => void }, each: (text: string, lineNo: number) => void, clock: { latest: number }): FollowedFile {
  const state: LineState = { skipping: false };
  let offset = 0;
  let line = 1;
  let ino = -1;
  let readable = false;
  let error: string | null = null;
  let busy = false;
  let closed = false;
  let lastAt = NaN;
  let lastLocal = 0;
  const poll = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      const st = await stat(opts.path);
      if (ino !== -1 && st.ino !== ino) { offset = 0; line = 1; state.skipping = false; opts.log?.(`${opts.path}: a new file (rotated): read from its start`); }
      if (ino === -1 && opts.from === 'end') offset = st.size; // only what is written from now on
      ino = st.ino;
      if (st.size < offset) { offset = 0; line = 1; state.skipping = false; opts.log?.(`${opts.path}: the file shrank (truncated): read from its start`); }
      if (st.size > offset) {
        const before = clock.latest;
        const r = await readLinesFrom(opts.path, offset, line, each, { state, tooLong: opts.tooLong, failed: opts.failed });
        if (r.offset >= 0) { offset = r.offset; line = r.line; }
        if (clock.latest !== before) { lastAt = clock.latest; lastLocal = Date.now(); }
      }
      if (!readable && error) opts.log?.(`${opts.path}: readable again`);
      readable = true;
      error = null;
    } catch (e) {
      if (readable || error === null) opts.log?.(`${opts.path}: ${(e as Error).message}`);
      readable = false;
      error = (e as Error).message;
    } finally {
      busy = false;
    }
  };
  void poll();
  const timer = setInterval(poll, opts.pollMs ?? 250);
  return {
    alive: () => readable,
    streamTime: () => (Number.isFinite(lastAt) ? lastAt + (Date.now() - lastLocal) : readable ? Date.now() : null),
    status: () => ({ path: opts.path, readable, error, offset }),
    close: () => { closed = true; clearInterval(timer); },
  };
}

/** Lines from a stream (stdin): every line once, in order; `ended` once the stream ends. */
export function streamLines(input: Readable, each: (text: string, lineNo: number) => void): { ended(): boolean; close(): void } {
  let n = 0;
  let ended = false;
  const rl = createInterface({ input, crlfDelay: Infinity });
  rl.on('line', (l) => { n++; try { each(l, n); } catch { /* one line never stops the reading: the reader counts its own rejections */ } });
  rl.on('close', () => { ended = true; });
  return { ended: () => ended, close: () => rl.close() };
}
