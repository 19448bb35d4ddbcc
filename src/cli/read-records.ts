/** Reads a file of records (states, schedules, forecasts, outages, exclusions, summaries) through its reader. */
import { createReadStream } from 'node:fs';
import { IngestError, type Validation } from '../engine/ingest/index.js';
import { UsageError } from './errors.js';

export interface RecordsReader<T> {
  push(chunk: Uint8Array | string): void;
  end(): { records: T[]; validation: Validation };
}

export async function readRecordsFile<T>(file: string, reader: RecordsReader<T>): Promise<{ records: T[]; validation: Validation }> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) reader.push(chunk as Uint8Array);
    return reader.end();
  } catch (e) {
    if (e instanceof IngestError) throw new UsageError(`${file}: ${e.message}`);
    if ((e as NodeJS.ErrnoException).code) throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code})`);
    throw e;
  }
}
