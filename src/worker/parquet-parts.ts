/**
 * A Parquet parts table read in the worker (docs/parts.md), by hyparquet: a small, dependency-free Parquet
 * reader for JavaScript (chosen for its size: about 18 kB gzipped, against hundreds for a WebAssembly reader).
 * It decodes uncompressed and Snappy files, what `sla-widgets parts`, Spark and DuckDB write by default; other
 * codecs are refused in words.
 */
// The browser entry by its path: a Node resolver (the test server's) would pick the package's Node entry, which needs fs.
import { parquetReadObjects } from 'hyparquet/src/index.js';
import { PartsTableReader } from '../engine/parts-table.js';
import { IngestError, error } from '../engine/ingest/errors.js';

export async function readParquetParts(blob: Blob): Promise<PartsTableReader> {
  const file = await blob.arrayBuffer();
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file });
  } catch (e) {
    throw new IngestError(error('parquetUnreadable', { detail: (e as Error)?.message ?? String(e) }));
  }
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const reader = new PartsTableReader(columns);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    reader.row((k) => row[columns[k]], i + 1);
  }
  reader.finish();
  return reader;
}
