import assert from 'node:assert/strict';
import { test } from 'node:test';
import ELK from 'elkjs/lib/elk.bundled.js';
import { answerMatchesGraph, elkGraph, estimateWidth, graphView, nodeSize, subjectNodes } from '../../src/graphModel';
import { answer, graph } from '../support/fixtures';

const roles = (v: ReturnType<typeof graphView>): Record<string, string> => Object.fromEntries(v.nodes.map((n) => [n.id, n.role]));

test('without an answer: every definition is a node, every edge is kept with its kind', () => {
    const g = graph('total');
    const v = graphView(g);
    assert.equal(v.title, 'total()');
    assert.equal(v.subtitle, '8 definitions, 10 edges');
    assert.deepEqual(v.nodes.map((n) => n.id), g.nodes.map((n) => n.id));
    assert.ok(v.nodes.every((n) => n.role === 'none'));
    assert.deepEqual(v.edges.map((e) => e.kind), g.edges.map((e) => e.kind));
    assert.equal(new Set(v.edges.map((e) => e.id)).size, v.edges.length, 'edge ids are unique (data and control between the same pair)');
    assert.equal(v.nodes.find((n) => n.id === 'discount@2')?.meta, 'local · line 10');
});

test('price downstream, quantified: the subject, the affected definitions and their effect sizes', () => {
    const g = graph('total');
    const a = answer('total-price-downstream-quantified');
    assert.ok(answerMatchesGraph(g, a));
    assert.deepEqual(subjectNodes(g, a), ['price@in']);
    const v = graphView(g, a, { shift: 1 });
    assert.deepEqual(roles(v), {
        'price@in': 'subject', 'quantity@in': 'none', 'shipping@in': 'none', 'subtotal@1': 'downstream',
        'discount@1': 'none', 'discount@2': 'downstream', 'net@1': 'downstream', return: 'downstream',
    }, 'discount = 0.0 does not depend on price; discount = subtotal * 0.05 does');
    const effects = Object.fromEntries(v.nodes.filter((n) => n.effect).map((n) => [n.id, n.effect]));
    assert.deepEqual(Object.keys(effects).sort(), ['discount@2', 'net@1', 'return', 'subtotal@1']);
    assert.match(effects['subtotal@1'] ?? '', /^Δ \+[\d.]+ \[[\d.]+, [\d.]+\]$/);
    assert.ok(v.quantified);
    assert.match(v.subtitle, /^subject price · affects 4 · Δ = effect of shifting price by \+1, 95% interval \(dowhy 0\.14, 300 samples\)/);
    assert.match(graphView(g, a, { set: { from: 0, to: 10 } }).subtitle, /Δ = effect of setting price from 0 to 10,/);
    const flows = v.edges.filter((e) => e.flow).map((e) => e.id).sort();
    assert.deepEqual(flows, [
        'discount@2->net@1:data', 'net@1->return:data', 'price@in->subtotal@1:data',
        'subtotal@1->discount@2:control', 'subtotal@1->discount@2:data', 'subtotal@1->net@1:data',
    ]);
    assert.equal(v.edges.find((e) => e.kind === 'fallback')?.flow, undefined, 'fallback edges carry no influence');
});

test('discount (inside the if) upstream: what it depends on, marked upstream', () => {
    const v = graphView(graph('total'), answer('total-discount-upstream'));
    const r = roles(v);
    assert.equal(r['discount@2'], 'subject');
    assert.equal(r['discount@1'], 'none');
    assert.deepEqual(['subtotal@1', 'price@in', 'quantity@in'].map((id) => r[id]), ['upstream', 'upstream', 'upstream']);
    assert.equal(r['net@1'], 'none');
    assert.ok(v.edges.filter((e) => e.flow === 'upstream').length >= 3);
});

test('the method name as subject marks all parameters; a loop summary is labelled', () => {
    const v = graphView(graph('total'), answer('total-method-both'));
    assert.deepEqual(v.nodes.filter((n) => n.role === 'subject').map((n) => n.id), ['price@in', 'quantity@in', 'shipping@in']);
    const loop = graphView(graph('sumTo'), answer('sumTo-acc-both'));
    const acc = loop.nodes.find((n) => n.id === 'acc@2');
    assert.equal(acc?.label, 'acc (after loop)');
    assert.equal(acc?.role, 'subject');
    assert.equal(loop.nodes.find((n) => n.id === 'return')?.role, 'downstream');
    assert.deepEqual(['n@in', 'step@in', 'i@1'].map((id) => loop.nodes.find((n) => n.id === id)?.role), ['upstream', 'upstream', 'upstream']);
});

test('an answer about another method marks nothing', () => {
    const v = graphView(graph('affine'), answer('total-price-downstream-quantified'));
    assert.ok(v.nodes.every((n) => n.role === 'none'));
    assert.equal(v.subtitle, `${v.nodes.length} definitions, ${v.edges.length} edges`);
});

test('ELK input: one box per node sized to its text, one edge per graph edge; the layered layout puts inputs above the return', async () => {
    const v = graphView(graph('affine'), answer('affine-u-quantified'), { shift: 1 });
    const input = elkGraph(v);
    assert.equal(input.layoutOptions?.['elk.algorithm'], 'layered');
    assert.equal(input.children?.length, v.nodes.length);
    assert.equal(input.edges?.length, v.edges.length);
    const w = v.nodes.find((n) => n.id === 'w@1');
    assert.ok(w?.effect);
    const size = nodeSize(w, estimateWidth);
    assert.ok(size.height > nodeSize({ ...w, effect: undefined }, estimateWidth).height, 'a node with an effect is taller');
    const laid = await new ELK().layout(input);
    const y = Object.fromEntries((laid.children ?? []).map((c) => [c.id, c.y ?? 0]));
    assert.ok(y['u@in'] < y['w@1'] && y['w@1'] < y['z@1'] && y['z@1'] < y.return, JSON.stringify(y));
    for (const e of laid.edges ?? []) {
        assert.equal(e.sections?.length, 1, `edge ${e.id} is routed`);
    }
});
