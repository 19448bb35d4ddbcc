import { assert } from '../../helpers/assert.js';
import { closedStatus, liveStatus, liveStatusSequence } from '../../../src/engine/agreement/status.js';

const SL = { target: 0.8, margin: 0.03, direction: 'higher' as const };
const ASA = { target: 30, margin: 6, direction: 'lower' as const };

describe('live status and hysteresis (docs/agreement.md)', () => {
  it('the bounds without history: 0.799 breach, 0.80–0.83 warn, above 0.83 ok', () => {
    assert.equal(liveStatus(0.799, SL), 'breach');
    assert.equal(liveStatus(0.8, SL), 'warn');
    assert.equal(liveStatus(0.83, SL), 'warn');
    assert.equal(liveStatus(0.8301, SL), 'ok');
    assert.equal(liveStatus(null, SL), null);
  });
  it('a scripted sequence: a breach ends only from t + m/2 (0.815); a warn ends only above t + 1.5 m (0.845)', () => {
    const values = [0.9, 0.82, 0.79, 0.81, 0.814, 0.815, 0.84, 0.845, 0.846, 0.8, null, 0.799, 0.83, 0.85];
    const expected = ['ok', 'warn', 'breach', 'breach', 'breach', 'warn', 'warn', 'warn', 'ok', 'warn', null, 'breach', 'warn', 'ok'];
    assert.deepEqual(liveStatusSequence(values, SL), expected);
  });
  it('leaving a breach goes to ok or warn by the plain bounds (METRICS.md: "ok-or-warn again from 0.815")', () => {
    assert.deepEqual(liveStatusSequence([0.79, 0.84], SL), ['breach', 'ok']);
    assert.deepEqual(liveStatusSequence([0.79, 0.82], SL), ['breach', 'warn']);
  });
  it('lower is better, mirrored: ASA target 30 s, margin 6 s', () => {
    const values = [20, 25, 31, 28, 27, 20, 14.9, 36];
    // 20 ok; 25 warn (24–30); 31 breach; 28 still breach (needs ≤ 27); 27 warn; 20 warn (needs < 21); 14.9 ok; 36 breach
    assert.deepEqual(liveStatusSequence(values, ASA), ['ok', 'warn', 'breach', 'breach', 'warn', 'ok', 'ok', 'breach']);
  });
  it('a closed period is judged on its own value: after a breached month, 0.81 against 0.80 is warn, not breach', () => {
    // Hand-worked: 0.81 − 0.80 = 0.01 ≥ 0 (not a breach) and ≤ the margin 0.03 (so warn). A live status
    // that remembers the breach would still say breach (0.81 < 0.815).
    assert.equal(liveStatus(0.81, SL, 'breach'), 'breach');
    assert.equal(closedStatus(0.81, SL), 'warn');
    assert.equal(closedStatus(0.84, SL), 'ok');
    assert.equal(closedStatus(0.7999, SL), 'breach');
    assert.equal(closedStatus(28, ASA), 'warn', 'lower is better: 28 s ≤ 30 s, within 6 s of it');
    assert.equal(closedStatus(null, SL), null);
  });
});
