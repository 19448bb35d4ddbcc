/**
 * A Parquet parts table read in the worker (docs/parts.md), by hyparquet: a small, dependency-free Parquet
 * reader for JavaScript (chosen for its size: about 18 kB gzipped, against hundreds for a WebAssembly reader).
 * It decodes uncompressed and Snappy files, what `sla-widgets parts`, Spark and DuckDB write by default; other
 * codecs are refused in words. Columns are taken as they are decoded (no object per row: half the time).
 */
// The browser entry by its path: a Node resolver (the test server's) would pick the package's Node entry, which needs fs.
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet/src/index.js';
import { PartsTableReader } from '../engine/parts-table.js';
import { IngestError, error } from '../engine/ingest/errors.js';

export async function readParquetParts(file: ArrayBuffer): Promise<PartsTableReader> {
  let columns: string[];
  let data: unknown[][];
  try {
    const metadata = parquetMetadata(file);
    columns = parquetSchema(metadata).children.map((c) => c.element.name);
    const rows = Number(metadata.num_rows);
    data = columns.map(() => new Array(rows));
    const at = new Map(columns.map((c, i) => [c, i]));
    await parquetRead({
      file, metadata,
      onChunk: ({ columnName, columnData, rowStart }) => {
        const col = data[at.get(columnName) ?? -1];
        if (!col) return;
        for (let i = 0; i < columnData.length; i++) col[rowStart + i] = columnData[i];
      },
    });
  } catch (e) {
    throw new IngestError(error('parquetUnreadable', { detail: (e as Error)?.message ?? String(e) }));
  }
  const reader = new PartsTableReader(columns);
  const n = data[0]?.length ?? 0;
  for (let r = 0; r < n; r++) reader.row((k) => data[k][r], r + 1);
  reader.finish();
  return reader;
}
