/**
 * The picture of a method's causal graph, as data: `graphView` joins a `liftsys/methodGraph`
 * answer with an optional `liftsys/causalImpact` answer (which definitions are the subject, which
 * are affected, their effect sizes), and `elkGraph` turns it into the input of the ELK layered
 * layout. No `vscode` and no DOM: the extension, the webview and the unit tests all use it.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { describeEffectLines, describeIntervention, effectNote, formatNumber, isFlagged, sameRange } from './format';
import type {
    CausalImpactResult, EdgeKind, GraphNode, ImpactEntry, Intervention, MethodGraphResult, MethodRef, Range, VariableKind,
} from './protocol';

export type NodeRole = 'subject' | 'downstream' | 'upstream' | 'none';

export interface GraphViewNode {
    id: string;
    name: string;
    kind: VariableKind;
    /** The first line drawn: the variable's name, with "(after loop)" for a loop summary. */
    label: string;
    /** The second line: kind and 1-based source line. */
    meta: string;
    role: NodeRole;
    /** Effect size drawn on the node ("Δ +4 (exact)"), when the answer has one for it. */
    effect?: string;
    unreliable?: boolean;
    loopSummary: boolean;
    range: Range;
    /** Plain text shown on hover. */
    tooltip: string;
}

export interface GraphViewEdge {
    id: string;
    from: string;
    to: string;
    kind: EdgeKind;
    /** The subject's influence flows along it (both ends marked, not a fallback): towards what it affects, or from what affects it. */
    flow?: 'downstream' | 'upstream';
}

export interface GraphView {
    uri: string;
    version: number;
    method: MethodRef;
    title: string;
    subtitle: string;
    nodes: GraphViewNode[];
    edges: GraphViewEdge[];
    quantified: boolean;
}

/** Adjacency over data and control edges; fallback edges are not dependence (structural walks skip them). */
function adjacency(graph: MethodGraphResult, forward: boolean): Map<string, string[]> {
    const adj = new Map<string, string[]>();
    for (const e of graph.edges) {
        if (e.kind === 'fallback') {
            continue;
        }
        const [a, b] = forward ? [e.from, e.to] : [e.to, e.from];
        const list = adj.get(a);
        if (list) {
            list.push(b);
        } else {
            adj.set(a, [b]);
        }
    }
    return adj;
}

/** Breadth-first distances from the start nodes (the starts at 0). */
function distances(starts: readonly string[], adj: Map<string, string[]>): Map<string, number> {
    const dist = new Map<string, number>();
    const queue: string[] = [];
    for (const s of starts) {
        dist.set(s, 0);
        queue.push(s);
    }
    for (let i = 0; i < queue.length; i++) {
        const d = dist.get(queue[i]) ?? 0;
        for (const next of adj.get(queue[i]) ?? []) {
            if (!dist.has(next)) {
                dist.set(next, d + 1);
                queue.push(next);
            }
        }
    }
    return dist;
}

/**
 * The definitions the answer's subject stands for: all parameters for a method's name; else the
 * definition at the subject's range (the server names the definition that reaches a use), else
 * the definitions of the variable declared there, else those of the same name.
 */
export function subjectNodes(graph: MethodGraphResult, answer: CausalImpactResult): string[] {
    const s = answer.subject;
    if (s.isMethod) {
        return graph.nodes.filter((n) => n.kind === 'parameter').map((n) => n.id);
    }
    const tries: ((n: GraphNode) => boolean)[] = [
        (n) => sameRange(n.range, s.range),
        (n) => sameRange(n.declaration, s.range),
        (n) => n.name === s.name,
    ];
    for (const t of tries) {
        const found = graph.nodes.filter(t).map((n) => n.id);
        if (found.length > 0) {
            return found;
        }
    }
    return [];
}

/** Nodes of the entry's variable (its declaration is the entry's range; by name for older answers). */
function nodesOf(graph: MethodGraphResult, e: ImpactEntry): GraphNode[] {
    const byDeclaration = graph.nodes.filter((n) => sameRange(n.declaration, e.range) && n.name === e.name);
    return byDeclaration.length > 0 ? byDeclaration : graph.nodes.filter((n) => n.name === e.name && n.kind === e.kind);
}

/** Whether the answer is about this graph's method (same document, same method start). */
export function answerMatchesGraph(graph: MethodGraphResult, answer: CausalImpactResult | undefined): boolean {
    return answer !== undefined && answer.uri === graph.uri
        && answer.method.name === graph.method.name && sameRange(answer.method.range, graph.method.range);
}

export function graphView(graph: MethodGraphResult, answer?: CausalImpactResult, intervention?: Intervention): GraphView {
    const roles = new Map<string, NodeRole>();
    const effects = new Map<string, ImpactEntry>();
    const hints = new Map<string, string>();
    const useAnswer = answerMatchesGraph(graph, answer) ? answer : undefined;
    if (useAnswer) {
        const subjects = subjectNodes(graph, useAnswer);
        const forward = distances(subjects, adjacency(graph, true));
        const backward = distances(subjects, adjacency(graph, false));
        mark(useAnswer.downstream, 'downstream', forward);
        mark(useAnswer.upstream, 'upstream', backward);
        for (const id of subjects) {
            roles.set(id, 'subject');
        }
    }

    function mark(entries: ImpactEntry[], role: 'downstream' | 'upstream', dist: Map<string, number>): void {
        for (const e of entries) {
            const nodes = nodesOf(graph, e);
            const reached = nodes.filter((n) => dist.has(n.id));
            const marked = reached.length > 0 ? reached : nodes;
            for (const n of marked) {
                if (!roles.has(n.id)) {
                    roles.set(n.id, role);
                }
                hints.set(n.id, `${role === 'downstream' ? 'depends on' : 'affects'} ${useAnswer?.subject.name}: ${e.path.join(' → ')}`);
            }
            if ((e.effect || e.unquantified) && marked.length > 0) {
                // The effect is estimated on the definition nearest the subject.
                const nearest = [...marked].sort((a, b) => (dist.get(a.id) ?? Infinity) - (dist.get(b.id) ?? Infinity))[0];
                effects.set(nearest.id, e);
            }
        }
    }

    const nodes: GraphViewNode[] = graph.nodes.map((n) => {
        const role = roles.get(n.id) ?? 'none';
        const entry = effects.get(n.id);
        const line = n.range.start.line + 1;
        const label = n.loopSummary ? `${n.name} (after loop)` : n.name;
        const meta = `${n.kind} · line ${line}`;
        const tooltip = [`${label}: ${n.kind}, defined on line ${line}`];
        const hint = hints.get(n.id);
        if (role === 'subject') {
            tooltip.push(`the subject${useAnswer?.subject.isMethod ? ` (parameters of ${graph.method.name})` : ''}`);
        } else if (hint) {
            tooltip.push(hint);
        }
        if (entry) {
            tooltip.push(...describeEffectLines(entry, describeIntervention(intervention)).map((l) => l.replace(/\*\*/g, '')));
        }
        // The page adds the warning sign itself for an unreliable node.
        const note = entry ? effectNote(entry)?.replace(/ ⚠$/, '') : undefined;
        const flagged = entry ? (entry.effect ? isFlagged(entry.effect) : true) : false;
        return {
            id: n.id,
            name: n.name,
            kind: n.kind,
            label,
            meta,
            role,
            effect: note ? `Δ ${note}` : undefined,
            unreliable: flagged ? true : undefined,
            loopSummary: n.loopSummary,
            range: n.range,
            tooltip: tooltip.join('\n'),
        };
    });
    const role = (id: string): NodeRole => roles.get(id) ?? 'none';
    const seen = new Map<string, number>();
    const edges: GraphViewEdge[] = graph.edges.map((e) => {
        const base = `${e.from}->${e.to}:${e.kind}`;
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        const from = role(e.from);
        const to = role(e.to);
        let flow: GraphViewEdge['flow'];
        if (e.kind !== 'fallback' && (from === 'subject' || from === 'downstream') && to === 'downstream') {
            flow = 'downstream';
        } else if (e.kind !== 'fallback' && from === 'upstream' && (to === 'upstream' || to === 'subject')) {
            flow = 'upstream';
        }
        const edge: GraphViewEdge = { id: count === 0 ? base : `${base}#${count}`, from: e.from, to: e.to, kind: e.kind };
        if (flow) {
            edge.flow = flow;
        }
        return edge;
    });

    const quantified = useAnswer?.model.status === 'fitted';
    let subtitle = `${graph.nodes.length} definitions, ${graph.edges.length} edges`;
    if (useAnswer) {
        const s = useAnswer.subject;
        const parts = [`subject ${s.isMethod ? `all parameters of ${graph.method.name}` : s.name}`];
        if (useAnswer.downstream.length > 0) {
            parts.push(`affects ${useAnswer.downstream.length}`);
        }
        if (useAnswer.upstream.length > 0) {
            parts.push(`affected by ${useAnswer.upstream.length}`);
        }
        if (quantified) {
            const what = intervention && 'set' in intervention
                ? `setting ${s.name} from ${String(intervention.set.from)} to ${String(intervention.set.to)}`
                : `shifting ${s.name} by ${describeIntervention(intervention).replace(/^shift /, '')}`;
            const level = useAnswer.downstream.find((e) => e.effect)?.effect?.level ?? 0.95;
            parts.push(`Δ = effect of ${what}, ${formatNumber(level * 100)}% interval (${useAnswer.model.engine ?? 'DoWhy'}, ${useAnswer.model.samples} samples)`);
        } else if (useAnswer.degraded) {
            parts.push(`effect sizes unavailable: ${useAnswer.degraded.reason}`);
        }
        subtitle = `${parts.join(' · ')} — ${subtitle}`;
    }
    return {
        uri: graph.uri,
        version: graph.version,
        method: graph.method,
        title: `${graph.method.name}()`,
        subtitle,
        nodes,
        edges,
        quantified,
    };
}

/** Text widths for node sizes; the webview measures with a canvas, tests estimate. */
export type Measure = (text: string, font: 'label' | 'meta' | 'effect') => number;

export const estimateWidth: Measure = (text, font) => text.length * (font === 'label' ? 7.8 : font === 'effect' ? 7.2 : 6.4);

/** Box metrics of a node, shared by the layout input and the renderer. */
export const NODE = {
    padX: 14,
    padTop: 8,
    labelHeight: 18,
    metaHeight: 15,
    effectHeight: 18,
    padBottom: 8,
    minWidth: 96,
} as const;

export function nodeSize(n: GraphViewNode, measure: Measure): { width: number; height: number } {
    const widths = [measure(n.label, 'label'), measure(n.meta, 'meta')];
    if (n.effect) {
        widths.push(measure(n.effect, 'effect'));
    }
    const width = Math.max(NODE.minWidth, Math.ceil(Math.max(...widths) + 2 * NODE.padX));
    const height = NODE.padTop + NODE.labelHeight + NODE.metaHeight + (n.effect ? NODE.effectHeight : 0) + NODE.padBottom;
    return { width, height };
}

/**
 * The ELK input: a layered, top-to-bottom layout (parameters and fields read in the top layer,
 * the return at the bottom), nodes of a layer in source order, splines between nodes.
 */
export function elkGraph(view: GraphView, measure: Measure = estimateWidth): ElkNode {
    const hasIncoming = new Set(view.edges.map((e) => e.to));
    const hasOutgoing = new Set(view.edges.map((e) => e.from));
    const children: ElkNode[] = view.nodes.map((n) => {
        const node: ElkNode = { id: n.id, ...nodeSize(n, measure) };
        // The method's inputs side by side on top, its result at the bottom; the rest where its edges put it.
        if ((n.kind === 'parameter' || n.kind === 'field') && !hasIncoming.has(n.id)) {
            node.layoutOptions = { 'elk.layered.layering.layerConstraint': 'FIRST' };
        } else if (n.kind === 'return' && !hasOutgoing.has(n.id)) {
            node.layoutOptions = { 'elk.layered.layering.layerConstraint': 'LAST' };
        }
        return node;
    });
    const edges: ElkExtendedEdge[] = view.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] }));
    return {
        id: 'root',
        layoutOptions: {
            'elk.algorithm': 'layered',
            'elk.direction': 'DOWN',
            'elk.edgeRouting': 'SPLINES',
            'elk.layered.spacing.nodeNodeBetweenLayers': '56',
            'elk.spacing.nodeNode': '36',
            'elk.spacing.edgeNode': '18',
            'elk.spacing.edgeEdge': '12',
            'elk.layered.spacing.edgeNodeBetweenLayers': '18',
            'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
            'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
            'elk.layered.crossingMinimization.forceNodeModelOrder': 'true',
            'elk.padding': '[top=16,left=16,bottom=16,right=16]',
        },
        children,
        edges,
    };
}
