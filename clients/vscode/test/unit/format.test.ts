import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    describeEffect, describeEffectLines, describeIntervention, effectNote, formatEffect, formatNumber, formatPosition, formatSigned, parseIntervention,
} from '../../src/format';
import { answer } from '../support/fixtures';

test('numbers keep three significant digits and drop trailing zeros', () => {
    assert.equal(formatNumber(48.898), '48.9');
    assert.equal(formatNumber(4), '4');
    assert.equal(formatNumber(2.649204), '2.65');
    assert.equal(formatNumber(0.05), '0.05');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(-0.5), '-0.5');
    assert.equal(formatNumber(12345.6), '12300');
    assert.equal(formatNumber(0.0001234), '1.23e-4');
    assert.equal(formatSigned(4), '+4');
    assert.equal(formatSigned(-1), '-1');
});

test('an effect reads as value and interval; a point interval reads exact', () => {
    assert.equal(formatEffect({ value: 48.898, low: 41.97305, high: 56.25325, level: 0.95 }), '+48.9 [42, 56.3]');
    assert.equal(formatEffect({ value: 4, low: 4, high: 4, level: 0.95 }), '+4 (exact)');
    assert.equal(describeEffect({ value: 2, low: 1.9, high: 2.1, level: 0.9 }), '+2 (90% interval 1.9 to 2.1)');
    // An old server's bare flag still says what it meant; a new one's reasons are said as they are.
    assert.equal(describeEffect({ value: 2, low: 1, high: 3, unreliable: true }),
        '+2 (95% interval 1 to 3); not to be trusted: The model explains this variable poorly.');
    assert.equal(describeEffect({ value: 2, low: 1, high: 3, unreliable: true, reasons: [{ code: 'few-runs', message: 'Fitted on 40 of 300 runs.' }] }),
        '+2 (95% interval 1 to 3); not to be trusted: Fitted on 40 of 300 runs.');
    assert.equal(formatEffect({ value: 1e50, low: null, high: 2e50 }), '+1e+50 [?, 2e+50]', 'a number JSON cannot carry reads "?"');
});

test('the measured effect beside DoWhy\'s when they differ, saying which is which, with the reasons (2 * (100 / x), 2 -> 4)', () => {
    const a = answer('wire-upstream-reasons');
    const ret = a.downstream.find((e) => e.name === 'return');
    assert.ok(ret?.effect);
    assert.equal(effectNote(ret), '-43.9 [-67.1, -43.9] DoWhy · measured -50 (exact) ⚠');
    const lines = describeEffectLines(ret, 'set 2 → 4 on x');
    assert.equal(lines[0], 'Effect of set 2 → 4 on x: -43.9 (95% interval -67.1 to -43.9), estimated by DoWhy');
    assert.equal(lines[1], 'Measured by running the code: -50 (95% interval -50 to -50)');
    assert.match(lines[2], /^Not to be trusted as it is:\n- DoWhy's estimate, -43\.95, is off by 12% of the effect measured by running the code, -50/);
    // When they agree, the number is not repeated.
    const agree = { ...ret.effect, value: -50, low: -50, high: -50, disagrees: undefined, unreliable: undefined, reasons: [] };
    assert.equal(effectNote({ ...ret, effect: agree }), '-50 (exact)');
    assert.equal(describeEffectLines({ ...ret, effect: agree }, 'x')[1], 'Measured by running the code: the same');
});

test('an entry DoWhy gives no number for says so, with its reasons and the measured effect when there is one', () => {
    const over = answer('wire-over-unquantified').downstream[0];
    assert.equal(over.effect, null);
    assert.equal(effectNote(over), 'not estimated ⚠');
    const lines = describeEffectLines(over, 'set 0 → 1e10 on x');
    assert.equal(lines[0], 'Effect of set 0 → 1e10 on x: no number from DoWhy');
    assert.match(lines[1], /outside the range of the kept runs[\s\S]*The effect is not a finite number/);
    const measured = { ...over, unquantified: { reasons: over.unquantified?.reasons ?? [], observed: { value: 3, low: 3, high: 3, level: 0.95 } } };
    assert.equal(effectNote(measured), 'not estimated · measured +3 (exact) ⚠');
    assert.equal(describeEffectLines(measured, 'x')[1], 'Measured by running the code: +3 (95% interval 3 to 3)');
});

test('what the number measures on a variable that is not a plain number (measures)', () => {
    const e = { name: 't', effect: { value: 1, low: 0.9, high: 1.1, level: 0.95 }, measures: 'length' };
    assert.equal(effectNote(e), '(length) +1 [0.9, 1.1]');
    assert.ok(describeEffectLines(e, 'x').includes('The number is the change in its length (t is not a plain number).'));
    assert.ok(describeEffectLines({ ...e, measures: 'non-null' }, 'x').some((l) => l.includes('the share of runs where it is not null')));
});

test('interventions are described and parsed from what the user types', () => {
    assert.equal(describeIntervention(undefined), 'shift +1');
    assert.equal(describeIntervention({ shift: -2.5 }), 'shift -2.5');
    assert.equal(describeIntervention({ set: { from: 0, to: 10 } }), 'set 0 → 10');
    assert.deepEqual(parseIntervention('shift', ' 1 '), { ok: true, intervention: { shift: 1 } });
    assert.deepEqual(parseIntervention('shift', '-0.5e1'), { ok: true, intervention: { shift: -5 } });
    assert.equal(parseIntervention('shift', 'one').ok, false);
    assert.equal(parseIntervention('shift', '').ok, false);
    assert.deepEqual(parseIntervention('set', '0, 10'), { ok: true, intervention: { set: { from: 0, to: 10 } } });
    assert.deepEqual(parseIntervention('set', '0 -> 10'), { ok: true, intervention: { set: { from: 0, to: 10 } } });
    assert.deepEqual(parseIntervention('set', 'false → true'), { ok: true, intervention: { set: { from: false, to: true } } });
    assert.equal(parseIntervention('set', '1').ok, false);
    assert.equal(parseIntervention('set', 'a, b').ok, false);
});

test('positions are shown 1-based', () => {
    assert.equal(formatPosition({ start: { line: 6, character: 15 }, end: { line: 6, character: 23 } }), '7:16');
});
