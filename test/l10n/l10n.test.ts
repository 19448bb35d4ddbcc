import { assert } from '../helpers/assert.js';
import { LOCALES, saidWords, t, type Words } from '../../src/l10n/index.js';
import { COMMON } from '../../src/l10n/common.js';
import { ALERTS } from '../../src/l10n/alerts.js';
import { BOARD } from '../../src/l10n/board.js';
import { DROP } from '../../src/l10n/drop.js';
import { SCORECARD } from '../../src/l10n/scorecard.js';
import { STAFFING } from '../../src/l10n/staffing.js';
import { TREND } from '../../src/l10n/trend.js';
import { ERROR_WORDS } from '../../src/l10n/errors.js';
import { NOTE_WORDS } from '../../src/l10n/notes.js';
import { REASON_WORDS } from '../../src/l10n/reasons.js';
import { REASONS } from '../../src/engine/ingest/reasons.js';
import { NOTES } from '../../src/engine/ingest/notes.js';
import { ERRORS } from '../../src/engine/ingest/errors.js';

const places = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
type CodeSection = 'reasons' | 'notes' | 'errors';
const ENGINE: Record<CodeSection, Record<string, string>> = { reasons: REASONS, notes: NOTES, errors: ERRORS };
const TABLES: Record<CodeSection, Words<string>> = { reasons: REASON_WORDS, notes: NOTE_WORDS, errors: ERROR_WORDS };

describe('the kit\'s words, a file per language (src/l10n)', () => {
  it('renders every reason, note and error code in en, es and de: every place filled, none left over', () => {
    let rendered = 0;
    for (const section of ['reasons', 'notes', 'errors'] as const) {
      for (const [code, english] of Object.entries(ENGINE[section])) {
        // Values for every place the English template has, each a distinct marker to find again.
        const values = Object.fromEntries(places(english).map((p, i) => [p.slice(1, -1), `⟨${i}⟩`]));
        for (const lang of LOCALES) {
          const words = saidWords(TABLES[section], lang, { code, values });
          assert.ok(words.length > 0, `${lang} ${section}.${code}`);
          assert.ok(!/\{\w+\}/.test(words), `${lang} ${section}.${code}: a place left unfilled in "${words}"`);
          for (const v of Object.values(values)) assert.ok(words.includes(v), `${lang} ${section}.${code}: ${v} missing from "${words}"`);
          if (lang === 'en') assert.equal(words, english.replace(/\{(\w+)\}/g, (_, k: string) => values[k]), 'English is the engine\'s own words');
          rendered++;
        }
        for (const lang of ['es', 'de'] as const) {
          const own = TABLES[section][lang][code]!;
          assert.deepEqual(places(own), places(english), `${section}.${code}: the same places as English`);
          if (section !== 'errors' || !['badMapping', 'message', 'slaInvalid', 'periodInvalid'].includes(code)) {
            if (!(section === 'reasons' && code === 'mappingRule')) assert.ok(own !== english, `${section}.${code} is translated`);
          }
        }
      }
    }
    assert.ok(rendered > 3 * 60, `${rendered} renderings`);
  });
  it('every other language has only keys English has; a key it lacks falls back to English', () => {
    const sections: Record<string, Words<string>> = { COMMON, ALERTS, BOARD, DROP, SCORECARD, STAFFING, TREND, ...TABLES };
    for (const [name, table] of Object.entries(sections)) {
      for (const lang of ['es', 'de'] as const) {
        for (const k of Object.keys(table[lang])) assert.ok(k in table.en, `${lang} ${name}.${k} is no English key`);
      }
    }
    assert.equal(t(COMMON, 'de', 'noData'), 'keine Daten');
    assert.equal(t(COMMON, 'es-MX', 'noData'), 'sin datos', 'a regional tag speaks its language');
    assert.equal(t(COMMON, 'fr', 'noData'), 'no data', 'an unknown language speaks English');
  });
});
