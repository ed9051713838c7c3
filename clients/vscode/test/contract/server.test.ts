/**
 * The contract test: the real `liftsys serve` over stdio, driven with vscode-jsonrpc and the very
 * request types of src/protocol.ts, on examples/Pricing.java. Answers are checked field by field
 * against protocol.ts (support/shape.ts) and for their content; the extension's own settings code
 * builds what the server is sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import {
    CodeLensRequest, CodeLensResolveRequest, DidChangeConfigurationNotification, ExecuteCommandRequest, TextDocumentSyncKind,
} from 'vscode-languageserver-protocol';
import { lensQuestion } from '../../src/lens';
import { answerTree } from '../../src/answerModel';
import { degradedActions } from '../../src/degraded';
import { answerDecorations } from '../../src/decorations';
import { driversTree } from '../../src/driversModel';
import { replayTree } from '../../src/replayModel';
import { graphView } from '../../src/graphModel';
import {
    CausalImpactRequest, CounterfactualRequest, DriversRequest, ErrorCodes, MethodGraphRequest, ServerCommands,
    type CausalImpactParams, type CausalImpactResult, type Direction, type Intervention, type MethodGraphResult,
} from '../../src/protocol';
import { forwardedSettings } from '../../src/settings';
import { causalImpactResult, check, counterfactualResult, driversResult, methodGraphResult, type Check } from '../support/shape';
import { PRICING, positionOf, startServer, type Server } from '../support/server';

const URI = 'file:///work/contract/Pricing.java';
/** What the extension sends for a user who set samples and seed (smaller fits: faster, same seed same numbers). */
const config: Record<string, unknown> = { samples: 300, seed: 1, timeoutMs: 60000, executeCode: true, minQuality: 0.7, quality: 'GOOD' };
const extra = new Set<string>();

let server: Server;

function shaped<T>(c: Check, value: T, name: string): T {
    const found = check(c, value, name);
    assert.deepEqual(found.errors, [], `${name} does not match src/protocol.ts`);
    found.extra.forEach((k) => extra.add(k.replace(/\[\d+\]/g, '[]')));
    return value;
}

async function impact(at: { line: number; character: number }, direction: Direction, quantify: boolean,
    intervention?: Intervention, workDoneToken?: string): Promise<CausalImpactResult> {
    const params: CausalImpactParams = { textDocument: { uri: URI }, position: at, direction, quantify };
    if (intervention) {
        params.intervention = intervention;
    }
    if (workDoneToken) {
        params.workDoneToken = workDoneToken;
    }
    const token = new CancellationTokenSource();
    const answer = await server.connection.sendRequest(CausalImpactRequest.type, params, token.token);
    return shaped(causalImpactResult, answer, 'causalImpact');
}

async function methodGraph(at: { line: number; character: number }): Promise<MethodGraphResult> {
    const token = new CancellationTokenSource();
    const graph = await server.connection.sendRequest(MethodGraphRequest.type, { textDocument: { uri: URI }, position: at }, token.token);
    return shaped(methodGraphResult, graph, 'methodGraph');
}

const summary = (entries: CausalImpactResult['downstream']): string[] => entries.map((e) => `${e.name}:${e.kind}:${e.distance}`);

describe('liftsys serve, driven with the types of src/protocol.ts', () => {
    before(async () => {
        server = await startServer(forwardedSettings((k) => config[k], true).settings);
        await server.open(URI, PRICING);
    });

    after(async () => {
        if (extra.size > 0) {
            // Added fields are allowed by the contract; protocol.ts should learn them.
            console.log(`# fields the server sends that src/protocol.ts does not declare: ${[...extra].join(', ')}`);
        }
        await server?.close();
    });

    test('initialize: incremental sync and every liftsys request advertised', () => {
        const caps = server.init.capabilities;
        const sync = caps.textDocumentSync;
        assert.equal(typeof sync === 'object' ? sync.change : sync, TextDocumentSyncKind.Incremental);
        const experimental = caps.experimental as {
            causalImpactProvider?: boolean; driversProvider?: boolean; counterfactualProvider?: boolean; liftsys?: { requests?: string[] };
        };
        assert.equal(experimental.causalImpactProvider, true);
        // Issue 16's requests, advertised like causalImpact.
        assert.equal(experimental.driversProvider, true);
        assert.equal(experimental.counterfactualProvider, true);
        // The list may grow (the contract allows additions); the two first requests stay, in order.
        const requests = experimental.liftsys?.requests ?? [];
        assert.deepEqual(requests.slice(0, 2), [CausalImpactRequest.method, MethodGraphRequest.method]);
        for (const r of requests.slice(2)) {
            assert.ok([DriversRequest.method, CounterfactualRequest.method].includes(r), `${r} is a request protocol.ts declares`);
        }
    });

    test('price in total, downstream: subtotal 1, discount 2, net 2, return 3', async () => {
        const a = await impact(positionOf(PRICING, 'double price', 7), 'downstream', false);
        assert.equal(a.uri, URI);
        assert.equal(a.version, 1);
        assert.equal(a.method.name, 'total');
        assert.deepEqual(a.method.nameRange.start, positionOf(PRICING, 'total('));
        assert.deepEqual({ name: a.subject.name, kind: a.subject.kind }, { name: 'price', kind: 'parameter' });
        assert.equal(a.subject.isMethod, undefined);
        assert.deepEqual(summary(a.downstream), ['subtotal:local:1', 'discount:local:2', 'net:local:2', 'return:return:3']);
        assert.deepEqual(a.downstream.map((e) => e.path), [
            ['price', 'subtotal'], ['price', 'subtotal', 'discount'], ['price', 'subtotal', 'net'], ['price', 'subtotal', 'net', 'return'],
        ]);
        assert.deepEqual(a.downstream[0].range.start, positionOf(PRICING, 'subtotal ='));
        assert.ok(a.downstream.every((e) => e.effect === null));
        assert.deepEqual(a.upstream, []);
        assert.equal(a.model.status, 'structural');
        assert.equal(a.degraded, null);
        // The extension's models take the live answer.
        assert.equal(answerTree(a, { direction: 'downstream', quantify: false }, true)[1].label, 'Affects (4)');
        assert.deepEqual(answerDecorations(a).map((d) => d.kind), ['subject', 'downstream', 'downstream', 'downstream', 'downstream']);
    });

    test('a use of price answers for its parameter; total upstream of discount inside the if', async () => {
        const use = await impact(positionOf(PRICING, 'price * quantity'), 'downstream', false);
        assert.deepEqual(use.subject.range.start, positionOf(PRICING, 'price', 0, 0));
        const up = await impact(positionOf(PRICING, 'discount = subtotal'), 'upstream', false);
        assert.deepEqual(summary(up.upstream), ['subtotal:local:1', 'price:parameter:2', 'quantity:parameter:2']);
        assert.deepEqual(up.downstream, []);
    });

    test('the method name: all parameters, both ways, subject.isMethod', async () => {
        const a = await impact(positionOf(PRICING, 'total('), 'both', false);
        assert.equal(a.subject.isMethod, true);
        assert.deepEqual(a.subject.range, a.method.nameRange);
        assert.deepEqual(a.downstream.map((e) => e.name).sort(), ['discount', 'net', 'return', 'subtotal']);
    });

    test('methodGraph of total: definitions and data, control and fallback edges', async () => {
        const g = await methodGraph(positionOf(PRICING, 'double net'));
        assert.equal(g.method.name, 'total');
        assert.deepEqual(g.nodes.map((n) => `${n.id}:${n.kind}`), [
            'price@in:parameter', 'quantity@in:parameter', 'shipping@in:parameter', 'subtotal@1:local', 'discount@1:local',
            'discount@2:local', 'net@1:local', 'return:return',
        ]);
        const edges = g.edges.map((e) => `${e.from}->${e.to}:${e.kind}`);
        for (const e of ['price@in->subtotal@1:data', 'subtotal@1->discount@2:control', 'discount@1->discount@2:fallback', 'net@1->return:data']) {
            assert.ok(edges.includes(e), `${e} in ${edges.join(', ')}`);
        }
        const d2 = g.nodes.find((n) => n.id === 'discount@2');
        assert.deepEqual(d2?.range.start, positionOf(PRICING, 'discount = subtotal'));
        assert.deepEqual(d2?.declaration.start, positionOf(PRICING, 'discount = 0.0'));
        const loop = await methodGraph(positionOf(PRICING, 'acc += step'));
        assert.equal(loop.method.name, 'sumTo');
        assert.ok(loop.nodes.some((n) => n.name === 'acc' && n.loopSummary));
        // The graph view joins both live answers.
        const v = graphView(g, await impact(positionOf(PRICING, 'double price', 7), 'downstream', false));
        assert.deepEqual(v.nodes.filter((n) => n.role !== 'none').map((n) => `${n.id}:${n.role}`),
            ['price@in:subject', 'subtotal@1:downstream', 'discount@2:downstream', 'net@1:downstream', 'return:downstream']);
    });

    test('code lenses: their commands are the ones protocol.ts names, and running one gives a causalImpact answer', async () => {
        assert.deepEqual([...(server.init.capabilities.executeCommandProvider?.commands ?? [])].sort(),
            [ServerCommands.impact, ServerCommands.quantify].sort());
        const lenses = await server.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: URI } });
        const total = positionOf(PRICING, 'total(');
        const here = (lenses ?? []).filter((l) => l.range.start.line === total.line && l.range.start.character === total.character);
        assert.equal(here.length, 2, 'a reach lens and a quantify lens on total');
        const quantify = here.find((l) => l.command?.command === ServerCommands.quantify);
        assert.deepEqual(lensQuestion(quantify?.command?.command ?? '', quantify?.command?.arguments ?? []),
            { uri: URI, position: total, quantify: true });
        const reach = await server.connection.sendRequest(CodeLensResolveRequest.type, here.find((l) => !l.command) ?? here[0]);
        assert.match(reach.command?.title ?? '', /price affects 4/);
        const question = lensQuestion(reach.command?.command ?? '', reach.command?.arguments ?? []);
        assert.deepEqual(question, { uri: URI, position: total, quantify: false });
        // What the server answers for the command is what the extension asks instead (askAt, downstream).
        const viaCommand = shaped(causalImpactResult, await server.connection.sendRequest(ExecuteCommandRequest.type,
            { command: ServerCommands.impact, arguments: reach.command?.arguments }) as CausalImpactResult, 'executeCommand');
        const asked = await impact(total, 'downstream', false);
        assert.equal(viaCommand.subject.isMethod, true);
        assert.deepEqual({ ...viaCommand, model: undefined }, { ...asked, model: undefined });
    });

    test('bad positions are InvalidParams with a message, and the server keeps serving', async () => {
        await assert.rejects(impact(positionOf(PRICING, 'static double total'), 'downstream', false), (err: unknown) => {
            assert.ok(err instanceof ResponseError);
            assert.equal(err.code, ErrorCodes.InvalidParams);
            assert.match(err.message, /not on a variable/);
            return true;
        });
        await assert.rejects(server.connection.sendRequest(MethodGraphRequest.type, { textDocument: { uri: 'file:///nowhere.java' }, position: { line: 0, character: 0 } }),
            (err: unknown) => err instanceof ResponseError && err.code === ErrorCodes.InvalidParams);
        const again = await impact(positionOf(PRICING, 'double price', 7), 'downstream', false);
        assert.equal(again.downstream.length, 4);
    });

    test('affine, u shifted by 1: w +4, z +4, return +2 within 10%, with $/progress under the client token', async () => {
        const token = 'contract-affine-u';
        const a = await impact(positionOf(PRICING, 'double u', 7), 'downstream', true, { shift: 1 }, token);
        assert.equal(a.model.status, 'fitted', JSON.stringify(a.degraded));
        assert.equal(a.degraded, null);
        assert.match(a.model.engine ?? '', /^dowhy 0\.14/);
        assert.ok(a.model.samples > 0);
        const effects = Object.fromEntries(a.downstream.map((e) => [e.name, e.effect]));
        assert.equal(effects.noise, undefined, 'noise does not depend on u');
        for (const [name, expected] of [['w', 4], ['z', 4], ['return', 2]] as const) {
            const e = effects[name];
            assert.ok(e, `${name} has an effect`);
            assert.ok(Math.abs(e.value - expected) <= 0.1 * expected, `${name}: ${e.value} vs ${expected}`);
            assert.ok(e.low !== null && e.high !== null && e.low <= e.value && e.value <= e.high, `${name}: interval [${e.low}, ${e.high}]`);
            assert.equal(e.level, 0.95);
        }
        const mine = server.progress.filter((p) => p.token === token).map((p) => p.value.kind);
        assert.equal(mine[0], 'begin');
        assert.equal(mine.at(-1), 'end');
        assert.ok(mine.includes('report'), `at least one report in ${mine.join(', ')}`);
        assert.deepEqual(server.created, [], 'a client token needs no window/workDoneProgress/create');
        const tree = answerTree(a, { direction: 'downstream', quantify: true, intervention: { shift: 1 } }, true);
        assert.match(tree[1].children?.[0].description ?? '', /^local · distance 1 · u → w · Δ \+4/);
        // Every planned run of affine returns: model.runs says so, and the model item shows it.
        const n = a.model.samples;
        assert.deepEqual(a.model.runs, { planned: n, attempted: n, completed: n, kept: n, threw: {}, nonFinite: 0 });
        const modelItem = tree.find((i) => i.id === 'model');
        assert.ok(modelItem?.children?.some((c) => c.label === `Runs: ${n} planned · ${n} completed`), JSON.stringify(modelItem?.children));
    });

    test('u in affine set outside its sampled range: sampled there by an experiment, the effect is right with nothing against it', async () => {
        const a = await impact(positionOf(PRICING, 'double u', 7), 'downstream', true, { set: { from: 0, to: 1000 } });
        assert.equal(a.model.status, 'fitted', JSON.stringify(a.degraded));
        assert.equal(a.model.extrapolated, false);
        assert.ok((a.model.notes ?? []).some((n) => /does not extrapolate/.test(n) && /`u` drawn across/.test(n)), JSON.stringify(a.model.notes));
        const w = a.downstream.find((e) => e.name === 'w');
        assert.ok(w?.effect, JSON.stringify(w));
        assert.ok(Math.abs(w.effect.value - 4000) <= 400, `w: ${w.effect.value} for 4000`);
        assert.ok(!w.effect.unreliable, JSON.stringify(w.effect));
        assert.deepEqual(w.effect.reasons ?? [], []);
        assert.ok(w.effect.randomised?.includes('u'), JSON.stringify(w.effect));
        const tree = answerTree(a, { direction: 'downstream', quantify: true, intervention: { set: { from: 0, to: 1000 } } }, true);
        assert.ok(JSON.stringify(tree).includes('drawn across'), 'the note is in the tree');
    });

    test('liftsys/drivers of z in affine (w + 2v = 4u + v): u first, with an interval and its share', async () => {
        const cts = new CancellationTokenSource();
        const d = shaped(driversResult, await server.connection.sendRequest(DriversRequest.type,
            { textDocument: { uri: URI }, position: positionOf(PRICING, 'return 0.5 * z', 13) }, cts.token), 'drivers');
        assert.equal(d.degraded, null);
        assert.equal(d.target.name, 'z');
        assert.deepEqual(d.parents.map((p) => p.name).sort(), ['v', 'w']);
        // u and v are sampled alike: u's own contribution to the variance is 16 times v's.
        assert.deepEqual(d.ancestors.slice(0, 2).map((p) => p.name), ['u', 'v']);
        const u = d.ancestors[0];
        assert.ok(u.share !== null && u.share > 0.85, JSON.stringify(u));
        assert.ok(u.low !== null && u.high !== null && u.value !== null && u.low <= u.value && u.value <= u.high, JSON.stringify(u));
        assert.equal(d.measure, 'variance');
        assert.equal(driversTree(d, true)[2].children?.[0].label, 'u');
    });

    test('liftsys/counterfactual: run 0 of affine with u +2 moves w and z by 8 and return by 4, modelled and measured', async () => {
        const cts = new CancellationTokenSource();
        const c = shaped(counterfactualResult, await server.connection.sendRequest(CounterfactualRequest.type,
            { textDocument: { uri: URI }, position: positionOf(PRICING, 'double u', 7), run: 0, intervention: { shift: 2 } }, cts.token), 'counterfactual');
        assert.equal(c.degraded, null);
        assert.equal(c.run, 0);
        assert.equal(c.change, 'u +2');
        assert.deepEqual(Object.keys(c.inputs ?? {}).sort(), ['u', 'v']);
        const moved = Object.fromEntries(c.entries.map((e) => [e.name, e]));
        for (const [name, by] of [['w', 8], ['z', 8], ['return', 4]] as const) {
            const e = moved[name];
            assert.ok(e && e.factual !== null && e.measured !== null && e.counterfactual !== null, JSON.stringify(e));
            assert.ok(Math.abs(e.measured - e.factual - by) < 1e-9, `${name} measured: ${JSON.stringify(e)}`);
            assert.ok(Math.abs(e.counterfactual - e.factual - by) < 1e-6, `${name} modelled: ${JSON.stringify(e)}`);
        }
        assert.equal(replayTree(c, true)[0].description, 'parameter in affine() · run 0 (the first) · u +2');
        // A run that does not exist is a clear error.
        await assert.rejects(server.connection.sendRequest(CounterfactualRequest.type,
            { textDocument: { uri: URI }, position: positionOf(PRICING, 'double u', 7), run: 100000, intervention: { shift: 2 } }, cts.token),
        (err: unknown) => err instanceof ResponseError && err.code === ErrorCodes.InvalidParams && /does not exist/.test(err.message));
    });

    test('executeCode forced off (as in an untrusted workspace): degraded execution-disabled, with a diagnostic', async () => {
        const untrusted = forwardedSettings((k) => config[k], false);
        assert.equal(untrusted.executeCodeForcedOff, true);
        await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { liftsys: untrusted.settings } });
        const a = await impact(positionOf(PRICING, 'int value', 4), 'downstream', true);
        assert.equal(a.model.status, 'degraded');
        assert.equal(a.degraded?.reason, 'execution-disabled');
        assert.match(a.degraded?.message ?? '', /executeCode/);
        assert.ok(a.downstream.length > 0, 'the structural part is still complete');
        const deadline = Date.now() + 5000;
        while (!server.diagnostics.some((d) => d.diagnostics.some((x) => x.source === 'liftsys' && x.code === 'execution-disabled'))
            && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 50));
        }
        const published = server.diagnostics.flatMap((d) => d.diagnostics).find((x) => x.code === 'execution-disabled');
        assert.ok(published, 'a liftsys diagnostic with code execution-disabled');
        assert.equal(published.source, 'liftsys');
        await server.connection.sendNotification(DidChangeConfigurationNotification.type,
            { settings: { liftsys: forwardedSettings((k) => config[k], true).settings } });
    });

    test('a failed trace: the actions offered fit the cause the server names (class path and problem, or neither)', async () => {
        const titles = (message: string): string[] => degradedActions('trace-failed', true, message).map((a) => a.title);
        const ask = async (uri: string, text: string, at: { line: number; character: number }): Promise<CausalImpactResult> => {
            await server.open(uri, text);
            const token = new CancellationTokenSource();
            const answer = await server.connection.sendRequest(CausalImpactRequest.type,
                { textDocument: { uri }, position: at, direction: 'downstream', quantify: true }, token.token);
            return shaped(causalImpactResult, answer, 'causalImpact');
        };
        // A library the class path does not have: the file does not compile; the class path is the fix.
        const missing = 'import org.apache.commons.math3.util.FastMath;\n\npublic class Rooted {\n'
            + '    static double root(double x) {\n        double y = FastMath.sqrt(x);\n        return y;\n    }\n}\n';
        const a = await ask('file:///work/contract/Rooted.java', missing, positionOf(missing, 'double x', 7));
        assert.equal(a.degraded?.reason, 'trace-failed', JSON.stringify(a.degraded));
        assert.deepEqual(titles(a.degraded?.message ?? ''), ['Set liftsys.classpath', 'Show Problems', 'Show Server Output'], a.degraded?.message);
        // Rejects every input: no setting fixes that.
        const picky = 'public class Picky {\n    static double inverse(double x) {\n'
            + '        if (Math.sin(x * 1000) < 2) {\n            throw new IllegalArgumentException("not this one");\n        }\n'
            + '        double y = 1 / x;\n        return y;\n    }\n}\n';
        const b = await ask('file:///work/contract/Picky.java', picky, positionOf(picky, 'double x', 7));
        assert.equal(b.degraded?.reason, 'trace-failed', JSON.stringify(b.degraded));
        assert.match(b.degraded?.message ?? '', /IllegalArgumentException/);
        assert.deepEqual(titles(b.degraded?.message ?? ''), ['Show Server Output'], b.degraded?.message);
    });

    test('a cancelled quantification ends with RequestCancelled (-32800)', async () => {
        const cts = new CancellationTokenSource();
        const pending = server.connection.sendRequest(CausalImpactRequest.type, {
            textDocument: { uri: URI }, position: positionOf(PRICING, 'long step', 5), direction: 'downstream', quantify: true,
        }, cts.token);
        setTimeout(() => cts.cancel(), 50);
        await assert.rejects(pending, (err: unknown) => err instanceof ResponseError && err.code === ErrorCodes.RequestCancelled);
        const still = await impact(positionOf(PRICING, 'double price', 7), 'downstream', false);
        assert.equal(still.downstream.length, 4);
    });
});
