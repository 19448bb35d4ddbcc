/**
 * Blocks from further into a file, read before it is parsed, so that detection and the day/month order look
 * at the whole file, not only its first rows (docs/mapping.md "Detection"): `count` blocks of `length` bytes,
 * evenly spaced after the head. Bounded: at most count × length bytes, whatever the file's size.
 */
export async function sampleBlocks(
  size: number,
  read: (offset: number, length: number) => Promise<Uint8Array>,
  count = 8,
  length = 16_384,
  after = 65_536,
): Promise<Uint8Array[]> {
  if (size <= after + length) return [];
  const span = size - after - length;
  const blocks: Uint8Array[] = [];
  for (let i = 1; i <= count; i++) blocks.push(await read(after + Math.floor((span * i) / count), length));
  return blocks;
}
