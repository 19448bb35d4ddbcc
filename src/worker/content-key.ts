/**
 * What identifies a file's content in the cache without a pass of its own (docs/protocol.md, "read once"):
 * a sample key from its size and first bytes — read anyway for the first look — and the full content hash,
 * computed block by block while the file is parsed (or, on a sample-key hit, while it is verified).
 */

/** Bytes of the head read for the first look, reused for the sample key and for parsing. */
export const HEAD_BYTES = 65_536;
const BLOCK = 4 * 1024 * 1024;

async function sha256Hex(data: BufferSource): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The sample key of a file: its size and the SHA-256 of its head. */
export async function sampleKey(size: number, head: Uint8Array<ArrayBuffer>): Promise<string> {
  return `${size}:${await sha256Hex(head)}`;
}

/**
 * The content hash, fed the file's bytes in order in chunks of any size: SHA-256 over the size and the
 * SHA-256 of every 4 MiB block (no whole-file buffer).
 */
export class ContentHasher {
  private block = new Uint8Array(BLOCK);
  private fill = 0;
  private readonly blocks: Promise<string>[] = [];
  private size = 0;

  /** Takes the next bytes; resolves once at most two blocks are still being digested (a bounded copy in memory). */
  async push(chunk: Uint8Array): Promise<void> {
    this.size += chunk.length;
    let p = 0;
    while (p < chunk.length) {
      const n = Math.min(BLOCK - this.fill, chunk.length - p);
      this.block.set(chunk.subarray(p, p + n), this.fill);
      this.fill += n;
      p += n;
      if (this.fill === BLOCK) {
        this.flush();
        if (this.blocks.length > 2) await this.blocks[this.blocks.length - 3];
      }
    }
  }

  private flush(): void {
    const full = this.block.slice(0, this.fill);
    this.blocks.push(sha256Hex(full));
    this.fill = 0;
  }

  async digest(): Promise<string> {
    if (this.fill > 0 || this.blocks.length === 0) this.flush();
    const parts = await Promise.all(this.blocks);
    return sha256Hex(new TextEncoder().encode(`${this.size}:${parts.join('')}`));
  }
}

/**
 * A file's bytes in order, each read once: the head already read for the first look, then the rest streamed.
 * `read` counts every byte taken from the Blob (for tests and diagnostics).
 */
export async function* bytesOf(blob: Blob, head: Uint8Array, read: { bytes: number }): AsyncGenerator<Uint8Array> {
  if (head.length) yield head;
  if (head.length >= blob.size) return;
  const reader = blob.slice(head.length).stream().getReader();
  let turn = performance.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      read.bytes += value.length;
      yield value;
      // A stream's buffered chunks arrive as microtasks: without a turn of the event loop now and then, the
      // worker's timers (progress to the widgets) and messages (the page's heartbeat) wait for the whole file.
      if (performance.now() - turn > YIELD_EVERY_MS) {
        await nextTurn();
        turn = performance.now();
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** How long a reading runs before it lets the worker's event loop turn (timers, messages). */
const YIELD_EVERY_MS = 50;

/**
 * One turn of the event loop: a message to itself (a timer of 0 ms is held back 4 ms once nested, 8 % of the
 * reading at one turn every 50 ms).
 */
const turns = typeof MessageChannel === 'function' ? new MessageChannel() : null;
function nextTurn(): Promise<void> {
  if (!turns) return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    turns.port1.onmessage = () => r();
    turns.port2.postMessage(0);
  });
}

/** The head of a file (up to HEAD_BYTES), read once. */
export async function headOf(blob: Blob, read: { bytes: number }): Promise<Uint8Array<ArrayBuffer>> {
  const head = new Uint8Array(await blob.slice(0, HEAD_BYTES).arrayBuffer());
  read.bytes += head.length;
  return head;
}
