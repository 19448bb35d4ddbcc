/** Blocks from further into a file on disk, for detection (engine/ingest/sample-blocks.ts). */
import { open } from 'node:fs/promises';
import { sampleBlocks } from '../engine/ingest/sample-blocks.js';

export async function blocksOf(path: string): Promise<Uint8Array[]> {
  let fh;
  try {
    fh = await open(path, 'r');
    const { size } = await fh.stat();
    const h = fh;
    return await sampleBlocks(size, async (offset, length) => {
      const buf = new Uint8Array(length);
      const { bytesRead } = await h.read(buf, 0, length, offset);
      return buf.subarray(0, bytesRead);
    });
  } catch {
    return []; // not a regular file (a pipe): the head alone
  } finally {
    await fh?.close();
  }
}
