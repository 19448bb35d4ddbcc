/** Small assertions for browser tests (no Node `assert` in Chromium). Messages show both values. */
export class AssertionError extends Error {}

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as any)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as any)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as any)[k], (b as any)[k]));
}

export const assert = {
  ok(v: unknown, msg = "expected a truthy value"): void {
    if (!v) throw new AssertionError(msg);
  },
  equal<T>(actual: T, expected: T, msg = ''): void {
    if (!Object.is(actual, expected)) throw new AssertionError(`${msg ? msg + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
  },
  deepEqual(actual: unknown, expected: unknown, msg = ''): void {
    if (!deepEqual(actual, expected)) throw new AssertionError(`${msg ? msg + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
  },
  /** |actual − expected| ≤ eps (default 1e-12): for figures computed by division. */
  close(actual: number | null, expected: number, eps = 1e-12, msg = ''): void {
    if (actual === null || !(Math.abs(actual - expected) <= eps)) throw new AssertionError(`${msg ? msg + ': ' : ''}expected ${expected} ± ${eps}, got ${show(actual)}`);
  },
  match(actual: string, pattern: RegExp, msg = ''): void {
    if (!pattern.test(actual)) throw new AssertionError(`${msg ? msg + ': ' : ''}"${actual}" does not match ${pattern}`);
  },
  throws(fn: () => unknown, pattern: RegExp, msg = ''): void {
    try {
      fn();
    } catch (e) {
      const m = (e as Error).message;
      if (!pattern.test(m)) throw new AssertionError(`${msg ? msg + ': ' : ''}error "${m}" does not match ${pattern}`);
      return;
    }
    throw new AssertionError(`${msg ? msg + ': ' : ''}expected an error matching ${pattern}`);
  },
  /** Awaits a promise that must reject with a message matching the pattern. */
  async rejects(p: Promise<unknown>, pattern: RegExp, msg = ''): Promise<void> {
    try {
      await p;
    } catch (e) {
      const m = (e as Error).message;
      if (!pattern.test(m)) throw new AssertionError(`${msg ? msg + ': ' : ''}rejection "${m}" does not match ${pattern}`);
      return;
    }
    throw new AssertionError(`${msg ? msg + ': ' : ''}expected a rejection matching ${pattern}`);
  },
};

/** Rejections as their English words only (line, column, value, reason), for tests that assert what a person reads. */
export function inWords<R extends { line: number; column: string | null; value: string | null; reason: string; file?: string }>(rs: readonly R[]): Pick<R, 'line' | 'column' | 'value' | 'reason' | 'file'>[] {
  return rs.map(({ file, line, column, value, reason }) => (file === undefined ? { line, column, value, reason } : { file, line, column, value, reason }));
}
