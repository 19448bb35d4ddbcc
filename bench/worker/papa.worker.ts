/** Papa Parse inside a worker + the same mapping, validation and 15-min × queue aggregation as the kit. */
import { expose } from 'comlink';
import Papa from 'papaparse';
import { ContactIngest } from '../../src/engine/ingest/index.js';
import { ContactParts } from '../../src/engine/parts.js';
import { unneeded } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';

expose({
  run(blob: Blob): Promise<{ offered: number }> {
    const parts = new ContactParts({ slotMinutes: 15, dimensions: [], keepRepeats: false });
    const ingest = new ContactIngest({ onContact: (c) => parts.add(c), inputTimeZone: 'UTC', skip: unneeded(parts) });
    let header: string[] | null = null;
    return new Promise((resolve, reject) => {
      Papa.parse(blob as File, {
        header: true,
        dynamicTyping: false,
        skipEmptyLines: true,
        step: (res: { data: Record<string, string>; meta: { fields?: string[] } }) => {
          if (!header) {
            header = res.meta.fields ?? [];
            ingest.pushFields(header);
          }
          const row = res.data;
          ingest.pushFields(header.map((h) => row[h] ?? ''));
        },
        complete: () => {
          ingest.end();
          resolve({ offered: query(parts, defaultDefinitions('UTC')).totals.offered });
        },
        error: reject,
      });
    });
  },
});
