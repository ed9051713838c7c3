/**
 * The graph view: a webview beside the editor showing `liftsys/methodGraph` for the method under
 * the cursor, with the answer on screen (or a structural one for the cursor's variable) marked on
 * it. The page (webviewHtml.ts) and its script (webview/graph.ts) do the layout and drawing.
 */
import * as vscode from 'vscode';
import { classifyChanges, shiftGraph } from './edits';
import { answerMatchesGraph, graphView } from './graphModel';
import type { Shown } from './impactView';
import type { CausalImpactResult, Intervention, MethodGraphResult, Range } from './protocol';
import { graphPageHtml, makeNonce } from './webviewHtml';

export interface GraphSource {
    methodGraph(uri: string, position: vscode.Position, token: vscode.CancellationToken): Promise<MethodGraphResult>;
    structural(uri: string, position: vscode.Position, token: vscode.CancellationToken): Promise<CausalImpactResult | undefined>;
    current(): Shown | undefined;
    reveal(uri: string, range: Range): Promise<void>;
}

export class GraphPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private graph: MethodGraphResult | undefined;
    /** A structural answer fetched for the graph when the view had none for its method. */
    private own: { answer: CausalImpactResult; intervention?: Intervention } | undefined;
    private refresh: NodeJS.Timeout | undefined;
    private requests = new vscode.CancellationTokenSource();
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly extensionUri: vscode.Uri, private readonly source: GraphSource,
        private readonly log: vscode.LogOutputChannel) {
        this.disposables.push(vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e)));
    }

    /** Shows the graph of the method at the position. */
    async show(document: vscode.TextDocument, position: vscode.Position): Promise<void> {
        this.requests.cancel();
        this.requests = new vscode.CancellationTokenSource();
        const token = this.requests.token;
        const uri = document.uri.toString();
        const graph = await this.source.methodGraph(uri, position, token);
        this.graph = graph;
        this.own = undefined;
        if (!answerMatchesGraph(graph, this.source.current()?.answer)) {
            const answer = await this.source.structural(uri, position, token);
            this.own = answer ? { answer } : undefined;
        }
        this.open(graph.method.name);
        this.post();
    }

    /** The answer on screen changed: redraw the marks when it is about the graph's method, or was. */
    answerChanged(): void {
        if (this.panel && this.graph) {
            this.post();
        }
    }

    private open(methodName: string): void {
        const title = `Causal graph: ${methodName}()`;
        if (this.panel) {
            this.panel.title = title;
            this.panel.reveal(vscode.ViewColumn.Beside, true);
            return;
        }
        const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
        const media = vscode.Uri.joinPath(this.extensionUri, 'media');
        const panel = vscode.window.createWebviewPanel('liftsys.graph', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [dist, media],
        });
        panel.webview.html = graphPageHtml({
            cspSource: panel.webview.cspSource,
            nonce: makeNonce(),
            scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
            styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'graph.css')).toString(),
        });
        panel.webview.onDidReceiveMessage((m: { type?: string; range?: Range }) => {
            if (m.type === 'ready') {
                this.post();
            } else if (m.type === 'reveal' && m.range && this.graph) {
                void this.source.reveal(this.graph.uri, m.range);
            }
        }, undefined, this.disposables);
        panel.onDidDispose(() => {
            this.panel = undefined;
            this.graph = undefined;
            this.own = undefined;
        }, undefined, this.disposables);
        this.panel = panel;
    }

    private post(): void {
        if (!this.panel || !this.graph) {
            return;
        }
        const shown = this.source.current();
        const marked = shown && answerMatchesGraph(this.graph, shown.answer)
            ? { answer: shown.answer, intervention: shown.question.intervention } : this.own;
        const view = graphView(this.graph, marked?.answer, marked?.intervention);
        void this.panel.webview.postMessage({ type: 'graph', view });
    }

    private documentChanged(e: vscode.TextDocumentChangeEvent): void {
        const graph = this.graph;
        if (!this.panel || !graph || e.contentChanges.length === 0 || e.document.uri.toString() !== graph.uri) {
            return;
        }
        const effect = classifyChanges(e.contentChanges, graph.method.range);
        if (effect.kind === 'none') {
            return;
        }
        if (effect.kind === 'shift') {
            this.graph = shiftGraph(graph, effect.lines);
            this.own = undefined;
            return;
        }
        void this.panel.webview.postMessage({ type: 'stale', message: `${graph.method.name}() changed; redrawing…` });
        if (this.refresh) {
            clearTimeout(this.refresh);
        }
        const document = e.document;
        const at = new vscode.Position(graph.method.nameRange.start.line, graph.method.nameRange.start.character);
        this.refresh = setTimeout(() => {
            this.show(document, at).catch((err: unknown) => {
                this.log.warn(`redrawing the graph of ${graph.method.name}: ${String(err)}`);
                void this.panel?.webview.postMessage({ type: 'error', message: `${graph.method.name}() could not be redrawn: ${errorMessage(err)}` });
            });
        }, 500);
    }

    dispose(): void {
        if (this.refresh) {
            clearTimeout(this.refresh);
        }
        this.requests.cancel();
        this.panel?.dispose();
        for (const d of this.disposables) {
            d.dispose();
        }
    }
}

export function errorMessage(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}
