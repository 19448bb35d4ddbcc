import { assert } from '../../helpers/assert.js';
import { formatMetric } from '../../../src/components/common/format.js';
import { ago, localeOf, metricLabel } from '../../../src/components/common/i18n.js';

describe('shared formats', () => {
  it('durations: seconds below a minute, m:ss below an hour, h:mm:ss above — rounded once, never 1:60', () => {
    assert.equal(formatMetric('asa', 27.4), '27 s');
    assert.equal(formatMetric('asa', 119.6), '2:00');
    assert.equal(formatMetric('longestWait', 754), '12:34');
    assert.equal(formatMetric('longestWait', 8156), '2:15:56');
    assert.equal(formatMetric('asa', null), 'no data');
  });
  it('percentages and counts follow the locale', () => {
    assert.equal(formatMetric('serviceLevel', 0.8234, 'en'), '82.3%');
    assert.equal(formatMetric('serviceLevel', 0.8234, 'de'), '82,3\u00a0%');
    assert.equal(formatMetric('offered', 12345, 'es-ES'), '12.345');
  });
  it('words: metric names and "… ago" in the three languages, English for the rest', () => {
    assert.equal(metricLabel('abandonRate', 'es'), 'Tasa de abandono');
    assert.equal(metricLabel('abandonRate', 'fr'), 'Abandon rate');
    assert.equal(metricLabel('somethingElse', 'de'), 'somethingElse');
    const now = Date.UTC(2026, 0, 1, 12);
    assert.equal(ago(now - 30_000, 'en', now), '30 s ago');
    assert.equal(ago(now - 3 * 3600_000, 'de', now), 'vor 3 h');
  });
  it('the language is the nearest lang, through shadow roots', () => {
    const host = document.createElement('div');
    host.lang = 'de';
    const inner = host.attachShadow({ mode: 'open' });
    const el = document.createElement('span');
    inner.append(el);
    document.body.append(host);
    assert.equal(localeOf(el), 'de');
    host.remove();
  });
});
