import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEffect, describeIntervention, formatEffect, formatNumber, formatPosition, formatSigned, parseIntervention } from '../../src/format';

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
    assert.match(describeEffect({ value: 2, low: 1, high: 3, unreliable: true }), /95% interval 1 to 3; unreliable/);
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
