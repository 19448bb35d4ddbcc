import { assert } from '../helpers/assert.js';
import { ContentHasher, HEAD_BYTES, bytesOf, headOf, sampleKey } from '../../src/worker/content-key.js';

/** The content hash as a reference computes it: SHA-256 over the size and the SHA-256 of each 4 MiB block, from the whole bytes at once. */
async function reference(bytes: Uint8Array): Promise<string> {
  const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');
  const blocks: string[] = [];
  const B = 4 * 1024 * 1024;
  for (let o = 0; o < bytes.length || (o === 0 && blocks.length === 0); o += B) {
    blocks.push(hex(await crypto.subtle.digest('SHA-256', bytes.slice(o, o + B))));
    if (bytes.length === 0) break;
  }
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${bytes.length}:${blocks.join('')}`)));
}

function seeded(n: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; out[i] = x >>> 24; }
  return out;
}

describe('the content key, computed while a file is read (docs/protocol.md, read once)', () => {
  it('the hash is the same whatever the chunks, and equals the reference over the whole bytes (across a 4 MiB block edge)', async () => {
    const bytes = seeded(4 * 1024 * 1024 + 70_001, 7);
    const want = await reference(bytes);
    for (const chunk of [1_000_003, 65_536, 4 * 1024 * 1024, bytes.length]) {
      const h = new ContentHasher();
      for (let o = 0; o < bytes.length; o += chunk) await h.push(bytes.subarray(o, o + chunk));
      assert.equal(await h.digest(), want, `chunks of ${chunk}`);
    }
    const small = seeded(10, 3);
    const h = new ContentHasher();
    await h.push(small);
    assert.equal(await h.digest(), await reference(small));
  });
  it('a file is read once: the head, then the rest, each byte counted once; the sample key tells sizes and heads apart', async () => {
    const bytes = seeded(200_000, 11);
    const blob = new Blob([bytes]);
    const read = { bytes: 0 };
    const head = await headOf(blob, read);
    assert.equal(head.length, HEAD_BYTES);
    const seen: Uint8Array[] = [];
    for await (const c of bytesOf(blob, head, read)) seen.push(c);
    assert.equal(read.bytes, bytes.length, 'each byte read once');
    const joined = new Uint8Array(seen.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of seen) { joined.set(c, o); o += c.length; }
    assert.deepEqual([...joined.subarray(0, 100)], [...bytes.subarray(0, 100)]);
    assert.equal(joined.length, bytes.length);
    assert.equal(joined[joined.length - 1], bytes[bytes.length - 1]);
    const other = seeded(200_000, 12);
    assert.ok((await sampleKey(bytes.length, head)) !== (await sampleKey(bytes.length, other.slice(0, HEAD_BYTES))), 'another head');
    assert.ok((await sampleKey(bytes.length, head)) !== (await sampleKey(bytes.length + 1, head)), 'another size');
  });
});
