import { closeSync, openSync, readSync } from 'node:fs';
import type { ReadAt } from '../engine/ingest/ranges.js';

/**
 * Synchronous reads of an open file, each into a new buffer: the reader may hold on to a chunk (a head shorter
 * than it looks at), so a buffer is never reused.
 */
export function readAt(fd: number): ReadAt {
  return (offset, length) => {
    const b = new Uint8Array(length);
    return b.subarray(0, readSync(fd, b, 0, length, offset));
  };
}

/** The first `bytes` bytes of a file (fewer when it is shorter), to tell its format. */
export function headOfFile(file: string, bytes: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    return readAt(fd)(0, bytes);
  } finally {
    closeSync(fd);
  }
}
