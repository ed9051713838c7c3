import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerDecorations, effectLines } from '../../src/decorations';
import { answer } from '../support/fixtures';

test('structural downstream: the subject, then each entry in the downstream colour with its path as after-text', () => {
    const a = answer('total-discount-upstream');
    const down = answer('total-method-both');
    const d = answerDecorations({ ...down, model: { ...down.model, status: 'structural' } });
    assert.equal(d[0].kind, 'subject');
    assert.deepEqual(d[0].range, down.subject.range);
    assert.equal(d[0].after, undefined);
    const sub = d.find((x) => x.kind === 'downstream' && x.range.start.line === 6);
    assert.equal(sub?.after, ' ← total · 1 step');
    assert.equal(sub?.afterStyle, 'path');
    const up = answerDecorations(a);
    assert.deepEqual(up.map((x) => x.kind), ['subject', 'upstream', 'upstream', 'upstream']);
    assert.equal(up[1].after, ' → discount · 1 step');
    assert.equal(up[2].after, ' → discount · 2 steps');
    assert.match(up[2].hover, /\*\*discount\*\* depends on \*\*price\*\* \(2 steps: price → subtotal → discount\)/);
});

test('quantified: effect sizes with intervals after each affected variable, the intervention after the subject', () => {
    const a = answer('total-price-downstream-quantified');
    const d = answerDecorations(a, { shift: 1 });
    assert.equal(d[0].after, ' ◆ shift +1');
    const byLine = new Map(d.filter((x) => x.kind === 'downstream').map((x) => [x.range.start.line, x]));
    assert.deepEqual([...byLine.keys()], [6, 7, 11, 12]);
    for (const x of byLine.values()) {
        assert.equal(x.afterStyle, 'effect');
        assert.match(x.after ?? '', /^ Δ [+-][\d.]+ \[[-\d.]+, [-\d.]+\]$/);
        assert.match(x.hover, /Effect of shift \+1: .*95% interval/);
    }
});

test('downstream and upstream are distinct kinds (distinct theme colours)', () => {
    const kinds = new Set(answerDecorations(answer('sumTo-acc-both')).map((x) => x.kind));
    assert.deepEqual([...kinds].sort(), ['downstream', 'subject', 'upstream']);
});

test('the server\'s hints are left out on the lines whose effect the answer on screen shows (one display per effect)', () => {
    assert.deepEqual([...effectLines(answer('total-price-downstream-quantified'))].sort((a, b) => a - b), [6, 7, 11, 12]);
    assert.equal(effectLines(answer('total-method-both')).size, 0, 'a structural answer hides no hint');
    assert.equal(effectLines(undefined).size, 0);
});
