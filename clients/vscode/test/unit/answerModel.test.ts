import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerTree, type TreeItemModel } from '../../src/answerModel';
import type { CausalImpactResult } from '../../src/protocol';
import { answer } from '../support/fixtures';

function find(items: TreeItemModel[], id: string): TreeItemModel {
    for (const i of items) {
        if (i.id === id) {
            return i;
        }
        const inner = i.children ? find(i.children, id) : undefined;
        if (inner) {
            return inner;
        }
    }
    return undefined as unknown as TreeItemModel;
}

test('a structural downstream answer: subject, "Affects" with one item per entry, a structural model item', () => {
    const a = answer('total-price-downstream-quantified');
    const structural: CausalImpactResult = {
        ...a,
        downstream: a.downstream.map((e) => ({ ...e, effect: null })),
        model: { status: 'structural', engine: null, samples: 0, fitMillis: 0, cached: false, quality: {} },
    };
    const items = answerTree(structural, { direction: 'downstream', quantify: false }, true);
    assert.deepEqual(items.map((i) => i.id), ['subject', 'downstream', 'model']);
    assert.equal(items[0].label, 'price');
    assert.equal(items[0].description, 'parameter in total() · downstream');
    assert.deepEqual(items[0].range, a.subject.range);
    const affects = items[1];
    assert.equal(affects.label, 'Affects (4)');
    assert.equal(affects.expanded, true);
    const children = affects.children ?? [];
    assert.deepEqual(children.map((c) => c.label), ['subtotal', 'discount', 'net', 'return']);
    assert.deepEqual(children.map((c) => c.description), [
        'local · distance 1 · price → subtotal',
        'local · distance 2 · price → subtotal → discount',
        'local · distance 2 · price → subtotal → net',
        'return · distance 3 · price → subtotal → net → return',
    ]);
    assert.deepEqual(children[0].range, a.downstream[0].range, 'an entry reveals its range');
    assert.equal(children[3].icon, 'symbol-event');
    assert.equal(items[2].label, 'Structural answer');
    assert.equal(items[2].action?.command, 'liftsys.quantify');
});

test('a quantified answer: effects with intervals and quality on each entry; the model item lists quality and inputs', () => {
    const a = answer('affine-u-quantified');
    const items = answerTree(a, { direction: 'downstream', quantify: true, intervention: { shift: 1 } }, true);
    assert.equal(items[0].description, 'parameter in affine() · downstream · shift +1');
    const w = find(items, 'downstream:w:16:15');
    assert.equal(w.description, 'local · distance 1 · u → w · Δ +4 (exact) · R² 1');
    assert.match(w.tooltip ?? '', /Effect of shift \+1 on u: \+4 \(95% interval 4 to 4\)/);
    const model = find(items, 'model');
    assert.equal(model.label, 'Model: fitted');
    assert.match(model.description ?? '', /^dowhy 0\.14 · 300 samples · fit \d+ ms/);
    const labels = (model.children ?? []).map((c) => c.label);
    assert.ok(labels.includes('return') && labels.includes('u') && labels.includes('v'), labels.join());
});

test('an unreliable effect is flagged in the entry and in the model', () => {
    const a = answer('affine-u-quantified');
    const flagged: CausalImpactResult = {
        ...a,
        downstream: a.downstream.map((e) => e.name === 'z' && e.effect ? { ...e, effect: { ...e.effect, unreliable: true } } : e),
        model: { ...a.model, unreliable: ['z'] },
    };
    const items = answerTree(flagged, { direction: 'downstream', quantify: true }, true);
    const z = find(items, 'downstream:z:17:15');
    assert.equal(z.icon, 'warning');
    assert.match(z.description ?? '', /⚠/);
    assert.equal(find(items, 'model:quality:z').description, 'R² 1 · unreliable');
});

test('upstream and both: the sections asked for, in order; empty sections say so', () => {
    const up = answerTree(answer('total-discount-upstream'), { direction: 'upstream', quantify: false }, true);
    assert.deepEqual(up.map((i) => i.id), ['subject', 'upstream', 'model']);
    assert.equal(up[1].label, 'Affected by (3)');
    assert.deepEqual((up[1].children ?? []).map((c) => `${c.label}:${c.description}`), [
        'subtotal:local · distance 1 · subtotal → discount',
        'price:parameter · distance 2 · price → subtotal → discount',
        'quantity:parameter · distance 2 · quantity → subtotal → discount',
    ]);
    const both = answerTree(answer('total-method-both'), { direction: 'both', quantify: false }, true);
    assert.deepEqual(both.map((i) => i.id), ['subject', 'downstream', 'upstream', 'model']);
    assert.equal(both[0].description, 'all parameters of total() · both ways');
    assert.equal(both[0].icon, 'symbol-method');
    assert.equal(both[2].label, 'Affected by (0)');
    assert.equal(both[2].children?.[0].label, 'total depends on nothing else in total()');
});

test('a degraded answer shows its message and the actions to take', () => {
    const a = answer('total-price-downstream-quantified');
    const degraded: CausalImpactResult = {
        ...a,
        downstream: a.downstream.map((e) => ({ ...e, effect: null })),
        model: { status: 'degraded', engine: null, samples: 0, fitMillis: 0, cached: false, quality: {} },
        degraded: { reason: 'execution-disabled', message: 'Set liftsys.executeCode to true (in a trusted workspace) to quantify.' },
    };
    const trusted = answerTree(degraded, { direction: 'downstream', quantify: true }, true);
    const item = find(trusted, 'degraded');
    assert.equal(item.label, 'Effect sizes unavailable: execution disabled');
    assert.equal(item.children?.[0].label, degraded.degraded?.message);
    assert.deepEqual(item.children?.[1].action, { title: 'Open liftsys.executeCode', command: 'workbench.action.openSettings', args: ['liftsys.executeCode'] });
    const untrusted = answerTree(degraded, { direction: 'downstream', quantify: true }, false);
    assert.equal(find(untrusted, 'degraded').children?.[1].action?.command, 'workbench.trust.manage');
});

test('an effect with something against it: the measured effect and each reason in words under it, open', () => {
    const a = answer('wire-upstream-reasons');
    const items = answerTree(a, { direction: 'downstream', quantify: true, intervention: { set: { from: 2, to: 4 } } }, true);
    const ret = find(items, 'downstream:return:12:8');
    assert.equal(ret.description, 'return · distance 2 · x → r → return · Δ -43.9 [-67.1, -43.9] DoWhy · measured -50 (exact) ⚠ · R² 1');
    assert.equal(ret.icon, 'warning');
    assert.equal(ret.expanded, true);
    assert.deepEqual(ret.children?.map((c) => c.label.slice(0, 60)), [
        'DoWhy\'s estimate -43.9 [-67.1, -43.9]',
        'Measured by running the code -50 (exact)',
        'DoWhy\'s estimate, -43.95, is off by 12% of the effect measur',
    ]);
    assert.match(ret.tooltip ?? '', /estimated by DoWhy\n\nMeasured by running the code: -50/);
    assert.match(find(items, 'model').description ?? '', /2 checked by running the code, 2 differ/);
});

test('an entry without an estimate: "not estimated", and why', () => {
    const a = answer('wire-over-unquantified');
    const items = answerTree(a, { direction: 'downstream', quantify: true, intervention: { set: { from: 0, to: 1e10 } } }, true);
    const ret = find(items, 'downstream:return:2:8');
    assert.equal(ret.description, 'return · distance 1 · x → return · Δ not estimated ⚠ · R² 1');
    assert.deepEqual(ret.children?.map((c) => c.label.slice(0, 40)), [
        'No estimate from DoWhy',
        'Setting `x` to 10000000000 takes it outs',
        'The effect is not a finite number: the f',
    ]);
    // The model's notes (extrapolation, what was not checked) are listed under it.
    const notes = (find(items, 'model').children ?? []).filter((c) => c.id.startsWith('model:note:')).map((c) => c.label.slice(0, 30));
    assert.deepEqual(notes, ['Setting `x` to 10000000000 tak', 'Effects not checked by running']);
});

test('what became of the planned runs (model.runs) is a line of the model item; short of the plan, a warning', () => {
    const a = answer('affine-u-quantified');
    const runs = { planned: 300, attempted: 348, completed: 300, kept: 296, threw: { IllegalArgumentException: 40, ArithmeticException: 8 }, nonFinite: 4 };
    const items = answerTree({ ...a, model: { ...a.model, runs } }, { direction: 'downstream', quantify: true }, true);
    const row = find(items, 'model:runs');
    assert.equal(row.label, 'Runs: 300 planned · 300 completed · 296 kept · 48 threw: IllegalArgumentException 40, ArithmeticException 8 · 4 not finite');
    assert.equal(row.icon, 'warning');
    const clean = answerTree({ ...a, model: { ...a.model, runs: { planned: 300, attempted: 300, completed: 300, kept: 300, threw: {}, nonFinite: 0 } } },
        { direction: 'downstream', quantify: true }, true);
    assert.equal(find(clean, 'model:runs').label, 'Runs: 300 planned · 300 completed');
    assert.equal(find(clean, 'model:runs').icon, 'pass');
});
