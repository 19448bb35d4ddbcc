/** A template's `{name}` places filled from `values`; a place with no value is left as it is. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/**
 * A table of English templates with `{name}` places (rejection reasons, mapping notes): `say` fills one in;
 * `find` takes words the engine said and gives back the template's code and the values in its places, so a
 * page in another language can say the same thing in its own words.
 */
export interface WordTable<C extends string> {
  say(code: C, values?: Record<string, string | number>): string;
  find(text: string): { code: C; values: Record<string, string> } | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function wordTable<C extends string>(templates: Record<C, string>): WordTable<C> {
  const matchers = (Object.keys(templates) as C[]).map((code) => {
    const names: string[] = [];
    const source = templates[code].split(/(\{\w+\})/).map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]);
      return '(.+?)';
    }).join('');
    return { code, names, re: new RegExp(`^${source}$`) };
  });
  return {
    say: (code, values) => fill(templates[code], values),
    find(text) {
      for (const m of matchers) {
        const hit = m.re.exec(text);
        if (!hit) continue;
        const values: Record<string, string> = {};
        m.names.forEach((n, i) => { values[n] = hit[i + 1]; });
        return { code: m.code, values };
      }
      return null;
    },
  };
}
