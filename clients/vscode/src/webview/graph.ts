/**
 * The graph view's script (runs in the webview, bundled with elkjs by build.mjs; no network).
 * Receives `{type: 'graph', view}` from the extension, lays the graph out with ELK and draws it
 * as SVG; a click on a node asks the extension to reveal its definition.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkEdgeSection, ElkNode, ElkPoint } from 'elkjs/lib/elk-api';
import { elkGraph, NODE, type GraphView, type GraphViewNode, type Measure } from '../graphModel';

interface VsCodeApi {
    postMessage(message: unknown): void;
    getState(): unknown;
    setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

type Incoming =
    | { type: 'graph'; view: GraphView }
    | { type: 'stale'; message: string }
    | { type: 'error'; message: string };

const SVG = 'http://www.w3.org/2000/svg';
const vscode = acquireVsCodeApi();
const elk = new ELK();
let generation = 0;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) {
        el.setAttribute(k, String(v));
    }
    return el;
}

/** Canvas text metrics with the fonts the stylesheet gives each line of a node. */
function canvasMeasure(): Measure {
    const ctx = document.createElement('canvas').getContext('2d');
    const body = getComputedStyle(document.body);
    const ui = body.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif';
    const mono = body.getPropertyValue('--vscode-editor-font-family').trim() || 'monospace';
    const fonts = { label: `600 13px ${ui}`, meta: `11px ${ui}`, effect: `600 12px ${mono}` };
    return (text, font) => {
        if (!ctx) {
            return text.length * 8;
        }
        ctx.font = fonts[font];
        return ctx.measureText(text).width;
    };
}

function fmt(p: ElkPoint): string {
    return `${Math.round(p.x * 10) / 10},${Math.round(p.y * 10) / 10}`;
}

/** SVG path of an ELK edge section: cubic Béziers when ELK routed splines, else a polyline. */
export function sectionPath(s: ElkEdgeSection): string {
    const bends = s.bendPoints ?? [];
    let d = `M${fmt(s.startPoint)}`;
    if (bends.length > 0 && (bends.length + 1) % 3 === 0) {
        const pts = [...bends, s.endPoint];
        for (let i = 0; i < pts.length; i += 3) {
            d += ` C${fmt(pts[i])} ${fmt(pts[i + 1])} ${fmt(pts[i + 2])}`;
        }
        return d;
    }
    for (const b of bends) {
        d += ` L${fmt(b)}`;
    }
    return `${d} L${fmt(s.endPoint)}`;
}

function markers(): SVGDefsElement {
    const defs = svg('defs');
    for (const kind of ['data', 'control', 'fallback', 'downstream', 'upstream']) {
        const marker = svg('marker', {
            id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
            markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse',
        });
        marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead ${kind}` }));
        defs.appendChild(marker);
    }
    return defs;
}

function drawNode(n: GraphViewNode, box: ElkNode): SVGGElement {
    const classes = ['node', n.role, `kind-${n.kind}`];
    if (n.loopSummary) {
        classes.push('loop');
    }
    if (n.unreliable) {
        classes.push('unreliable');
    }
    const g = svg('g', {
        class: classes.join(' '),
        'data-id': n.id,
        'data-role': n.role,
        transform: `translate(${box.x ?? 0},${box.y ?? 0})`,
        tabindex: 0,
        role: 'button',
        'aria-label': `${n.label}, ${n.meta}${n.effect ? `, ${n.effect}` : ''}`,
    });
    const title = svg('title');
    title.textContent = n.tooltip;
    g.appendChild(title);
    g.appendChild(svg('rect', { class: 'box', width: box.width ?? 0, height: box.height ?? 0, rx: 9, ry: 9 }));
    const cx = (box.width ?? 0) / 2;
    let y = NODE.padTop + 13;
    const label = svg('text', { class: 'label', x: cx, y, 'text-anchor': 'middle' });
    label.textContent = n.label;
    g.appendChild(label);
    y += NODE.metaHeight + 1;
    const meta = svg('text', { class: 'meta', x: cx, y, 'text-anchor': 'middle' });
    meta.textContent = n.meta;
    g.appendChild(meta);
    if (n.effect) {
        y += NODE.effectHeight;
        const effect = svg('text', { class: 'effect', x: cx, y, 'text-anchor': 'middle' });
        effect.textContent = n.effect + (n.unreliable ? ' ⚠' : '');
        g.appendChild(effect);
    }
    const reveal = (): void => vscode.postMessage({ type: 'reveal', id: n.id, range: n.range });
    g.addEventListener('click', reveal);
    g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            reveal();
        }
    });
    return g;
}

async function render(view: GraphView): Promise<void> {
    const mine = ++generation;
    vscode.setState({ view });
    document.getElementById('title')!.textContent = view.title;
    document.getElementById('subtitle')!.textContent = view.subtitle;
    const canvas = document.getElementById('canvas')!;
    document.body.classList.toggle('quantified', view.quantified);
    const laid = await elk.layout(elkGraph(view, canvasMeasure()));
    if (mine !== generation) {
        return;
    }
    const width = Math.ceil(laid.width ?? 0);
    const height = Math.ceil(laid.height ?? 0);
    const root = svg('svg', {
        id: 'graph', class: 'graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
        'aria-label': `causal graph of ${view.title}`,
    });
    root.appendChild(markers());
    const byEdge = new Map((laid.edges ?? []).map((e) => [e.id, e]));
    const edgeLayer = svg('g', { class: 'edges' });
    // Edges the influence runs along are drawn last, above the others.
    const ordered = [...view.edges].sort((a, b) => Number(a.flow !== undefined) - Number(b.flow !== undefined));
    for (const e of ordered) {
        const laidEdge = byEdge.get(e.id);
        for (const s of laidEdge?.sections ?? []) {
            const marker = e.flow ?? e.kind;
            const path = svg('path', {
                class: `edge ${e.kind}${e.flow ? ` on-path ${e.flow}` : ''}`,
                d: sectionPath(s),
                'data-id': e.id,
                'data-from': e.from,
                'data-to': e.to,
                'data-kind': e.kind,
                'marker-end': `url(#arrow-${marker})`,
            });
            const title = svg('title');
            title.textContent = `${e.kind}: ${e.from} → ${e.to}`;
            path.appendChild(title);
            edgeLayer.appendChild(path);
        }
    }
    root.appendChild(edgeLayer);
    const nodeLayer = svg('g', { class: 'nodes' });
    const byNode = new Map((laid.children ?? []).map((c) => [c.id, c]));
    for (const n of view.nodes) {
        const box = byNode.get(n.id);
        if (box) {
            nodeLayer.appendChild(drawNode(n, box));
        }
    }
    root.appendChild(nodeLayer);
    canvas.replaceChildren(root);
    document.body.dataset.rendered = String(mine);
    vscode.postMessage({ type: 'rendered', nodes: view.nodes.length, edges: view.edges.length });
}

function notice(kind: 'stale' | 'error', message: string): void {
    const canvas = document.getElementById('canvas')!;
    let banner = document.getElementById('banner');
    if (!banner) {
        banner = document.createElement('div');
        banner.id = 'banner';
        canvas.prepend(banner);
    }
    banner.className = `banner ${kind}`;
    banner.textContent = message;
}

window.addEventListener('message', (ev: MessageEvent<Incoming>) => {
    const msg = ev.data;
    if (!msg || typeof msg !== 'object') {
        return;
    }
    if (msg.type === 'graph') {
        render(msg.view).catch((err: unknown) => notice('error', `Layout failed: ${String(err)}`));
    } else if (msg.type === 'stale' || msg.type === 'error') {
        notice(msg.type, msg.message);
    }
});

const saved = vscode.getState() as { view?: GraphView } | undefined;
if (saved?.view) {
    render(saved.view).catch((err: unknown) => notice('error', `Layout failed: ${String(err)}`));
}
vscode.postMessage({ type: 'ready' });
