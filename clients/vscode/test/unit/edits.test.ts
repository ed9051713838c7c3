import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyChanges, containsPosition, shiftAnswer, shiftGraph } from '../../src/edits';
import type { Range } from '../../src/protocol';
import { answer, graph } from '../support/fixtures';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const method = r(5, 4, 13, 5); // total()

test('an edit inside the method (or on its first line) makes the answer stale', () => {
    assert.deepEqual(classifyChanges([{ range: r(7, 10, 7, 10), text: 'x' }], method), { kind: 'inside' });
    assert.deepEqual(classifyChanges([{ range: r(5, 0, 5, 0), text: ' ' }], method), { kind: 'inside' });
    assert.deepEqual(classifyChanges([{ range: r(3, 0, 6, 0), text: '' }], method), { kind: 'inside' });
    assert.deepEqual(classifyChanges([{ range: r(13, 4, 13, 5), text: '' }], method), { kind: 'inside' });
});

test('an edit above the method shifts it by whole lines; one below does nothing', () => {
    assert.deepEqual(classifyChanges([{ range: r(0, 0, 0, 0), text: '// moved\n' }], method), { kind: 'shift', lines: 1 });
    assert.deepEqual(classifyChanges([{ range: r(1, 0, 3, 0), text: '' }], method), { kind: 'shift', lines: -2 });
    assert.deepEqual(classifyChanges([{ range: r(2, 0, 2, 3), text: 'abc' }], method), { kind: 'none' });
    assert.deepEqual(classifyChanges([{ range: r(20, 0, 20, 0), text: '\n\n' }], method), { kind: 'none' });
    assert.deepEqual(classifyChanges([{ range: r(20, 0, 20, 0), text: 'x' }, { range: r(0, 0, 0, 0), text: '\n' }], method), { kind: 'shift', lines: 1 });
});

test('shifting keeps every range of an answer and a graph in step', () => {
    const a = answer('total-price-downstream-quantified');
    const moved = shiftAnswer(a, 2);
    assert.equal(moved.method.range.start.line, a.method.range.start.line + 2);
    assert.equal(moved.method.nameRange.start.line, a.method.nameRange.start.line + 2);
    assert.equal(moved.subject.range.start.line, a.subject.range.start.line + 2);
    assert.deepEqual(moved.downstream.map((e) => e.range.start.line), a.downstream.map((e) => e.range.start.line + 2));
    assert.deepEqual(moved.downstream.map((e) => e.effect), a.downstream.map((e) => e.effect));
    const g = graph('total');
    const gm = shiftGraph(g, -1);
    assert.deepEqual(gm.nodes.map((n) => n.range.start.line), g.nodes.map((n) => n.range.start.line - 1));
    assert.deepEqual(gm.nodes.map((n) => n.declaration.start.line), g.nodes.map((n) => n.declaration.start.line - 1));
    assert.deepEqual(gm.edges, g.edges);
});

test('containsPosition includes both ends', () => {
    assert.ok(containsPosition(method, { line: 5, character: 4 }));
    assert.ok(containsPosition(method, { line: 13, character: 5 }));
    assert.ok(!containsPosition(method, { line: 13, character: 6 }));
});
