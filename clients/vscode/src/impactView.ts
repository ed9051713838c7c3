/**
 * The answer on screen: the "Causal impact" tree and the editor highlights. Both come from the
 * pure models (answerModel.ts, decorations.ts; driversModel.ts and replayModel.ts for what drives
 * a value and a replayed run); an edit of the method clears them, an edit above it moves them.
 */
import * as vscode from 'vscode';
import { answerTree, type Question, type TreeItemModel } from './answerModel';
import { answerDecorations, type DecorationKind, type DecorationModel } from './decorations';
import { classifyChanges, shiftAnswer, shiftRange } from './edits';
import type { CausalImpactResult, Range } from './protocol';

export interface Shown {
    answer: CausalImpactResult;
    question: Question;
    uri: string;
}

/**
 * Another kind of answer on screen (what drives a value, a replayed run): its tree and highlights,
 * made by its pure model. It has no effects the server's hints repeat, so `current` stays empty.
 */
export interface ShownOther {
    uri: string;
    /** The method it is about: an edit inside it clears the answer. */
    method: Range;
    /** The view's description ("price in total()"). */
    description: string;
    items: TreeItemModel[];
    decorations: DecorationModel[];
}

function shiftItems(items: TreeItemModel[], lines: number): TreeItemModel[] {
    return items.map((i) => ({
        ...i,
        range: i.range ? shiftRange(i.range, lines) : undefined,
        children: i.children ? shiftItems(i.children, lines) : undefined,
    }));
}

export function toVsRange(r: Range): vscode.Range {
    return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const ROLE_COLOURS: Partial<Record<TreeItemModel['role'], string>> = {
    subject: 'liftsys.subjectBorder',
    downstream: 'liftsys.downstreamBorder',
    upstream: 'liftsys.upstreamBorder',
    degraded: 'editorWarning.foreground',
};

class ImpactTree implements vscode.TreeDataProvider<TreeItemModel> {
    private readonly changed = new vscode.EventEmitter<TreeItemModel | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    items: TreeItemModel[] = [];
    uri: string | undefined;

    set(items: TreeItemModel[], uri: string | undefined): void {
        this.items = items;
        this.uri = uri;
        this.changed.fire(undefined);
    }

    getChildren(element?: TreeItemModel): TreeItemModel[] {
        return element ? element.children ?? [] : this.items;
    }

    getParent(): undefined {
        return undefined;
    }

    getTreeItem(m: TreeItemModel): vscode.TreeItem {
        const state = m.children && m.children.length > 0
            ? (m.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed)
            : vscode.TreeItemCollapsibleState.None;
        const item = new vscode.TreeItem(m.label, state);
        item.id = m.id;
        item.description = m.description;
        if (m.tooltip) {
            item.tooltip = new vscode.MarkdownString(m.tooltip);
        }
        const colour = ROLE_COLOURS[m.role] ?? (m.icon === 'warning' ? 'editorWarning.foreground' : undefined);
        item.iconPath = new vscode.ThemeIcon(m.icon, colour ? new vscode.ThemeColor(colour) : undefined);
        item.contextValue = m.role;
        if (m.range && this.uri) {
            item.command = { title: 'Reveal', command: 'liftsys.reveal', arguments: [this.uri, m.range] };
        } else if (m.action) {
            item.command = { title: m.action.title, command: m.action.command, arguments: m.action.args };
        }
        return item;
    }
}

export class ImpactView implements vscode.Disposable {
    private readonly tree = new ImpactTree();
    private readonly treeView: vscode.TreeView<TreeItemModel>;
    private readonly types: Record<DecorationKind, vscode.TextEditorDecorationType>;
    /** The after-texts, at the end of their lines (a type of their own: no highlight). */
    private readonly notes = vscode.window.createTextEditorDecorationType({ after: { margin: '0 0 0 2em', fontStyle: 'italic' } });
    private readonly effectColour = new vscode.ThemeColor('liftsys.effectForeground');
    private readonly pathColour = new vscode.ThemeColor('liftsys.pathForeground');
    private readonly changeListeners = new vscode.EventEmitter<Shown | undefined>();
    /** Fires with the answer on screen after it changes (undefined: cleared). */
    readonly onDidChange = this.changeListeners.event;
    private readonly disposables: vscode.Disposable[] = [];
    current: Shown | undefined;
    other: ShownOther | undefined;

    constructor(private readonly trusted: () => boolean) {
        this.treeView = vscode.window.createTreeView('liftsys.impact', { treeDataProvider: this.tree, showCollapseAll: true });
        this.types = {
            subject: vscode.window.createTextEditorDecorationType({
                backgroundColor: new vscode.ThemeColor('liftsys.subjectBackground'),
                border: '2px solid',
                borderColor: new vscode.ThemeColor('liftsys.subjectBorder'),
                borderRadius: '3px',
                fontWeight: 'bold',
                overviewRulerColor: new vscode.ThemeColor('liftsys.subjectBorder'),
                overviewRulerLane: vscode.OverviewRulerLane.Center,
            }),
            downstream: vscode.window.createTextEditorDecorationType({
                backgroundColor: new vscode.ThemeColor('liftsys.downstreamBackground'),
                border: '1px solid',
                borderColor: new vscode.ThemeColor('liftsys.downstreamBorder'),
                borderRadius: '3px',
                overviewRulerColor: new vscode.ThemeColor('liftsys.downstreamBorder'),
                overviewRulerLane: vscode.OverviewRulerLane.Right,
            }),
            upstream: vscode.window.createTextEditorDecorationType({
                backgroundColor: new vscode.ThemeColor('liftsys.upstreamBackground'),
                border: '1px solid',
                borderColor: new vscode.ThemeColor('liftsys.upstreamBorder'),
                borderRadius: '3px',
                overviewRulerColor: new vscode.ThemeColor('liftsys.upstreamBorder'),
                overviewRulerLane: vscode.OverviewRulerLane.Left,
            }),
        };
        this.disposables.push(
            this.treeView,
            ...Object.values(this.types),
            this.notes,
            vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e)),
            vscode.window.onDidChangeVisibleTextEditors(() => this.decorate()),
            vscode.workspace.onDidCloseTextDocument((d) => {
                if (this.current && d.uri.toString() === this.current.uri) {
                    this.clear();
                }
            }),
        );
    }

    show(answer: CausalImpactResult, question: Question): void {
        this.current = { answer, question, uri: answer.uri };
        this.other = undefined;
        this.render();
        this.revealFirst();
    }

    /** Shows what drives a value or a replayed run in place of a causal-impact answer. */
    showOther(other: ShownOther): void {
        this.current = undefined;
        this.other = other;
        this.render();
        this.revealFirst();
    }

    private revealFirst(): void {
        const first = this.tree.items[0];
        if (first) {
            void this.treeView.reveal(first, { select: false, focus: false, expand: true }).then(undefined, () => undefined);
        }
    }

    clear(): void {
        this.current = undefined;
        this.other = undefined;
        this.render();
    }

    private render(): void {
        const c = this.current;
        const o = this.other;
        this.tree.set(c ? answerTree(c.answer, c.question, this.trusted()) : o ? o.items : [], c?.uri ?? o?.uri);
        this.treeView.description = c ? `${c.answer.subject.name} in ${c.answer.method.name}()` : o?.description;
        void vscode.commands.executeCommand('setContext', 'liftsys.hasAnswer', c !== undefined || o !== undefined);
        this.decorate();
        this.changeListeners.fire(c);
    }

    private decorate(): void {
        const c = this.current;
        const models = c ? answerDecorations(c.answer, c.question.intervention) : this.other?.decorations ?? [];
        const uri = c?.uri ?? this.other?.uri;
        for (const editor of vscode.window.visibleTextEditors) {
            const mine = uri !== undefined && editor.document.uri.toString() === uri;
            const shown = mine ? models : [];
            for (const kind of Object.keys(this.types) as DecorationKind[]) {
                editor.setDecorations(this.types[kind], shown.filter((m) => m.kind === kind).map((m) => ({
                    range: toVsRange(m.range),
                    hoverMessage: new vscode.MarkdownString(m.hover),
                })));
            }
            // Each note after its statement: at the end of the line, in the order of the entries.
            const notes: vscode.DecorationOptions[] = [];
            for (const m of shown) {
                if (!m.after || m.range.end.line >= editor.document.lineCount) {
                    continue;
                }
                const end = editor.document.lineAt(m.range.end.line).range.end;
                notes.push({
                    range: new vscode.Range(end, end),
                    hoverMessage: new vscode.MarkdownString(m.hover),
                    renderOptions: {
                        after: {
                            contentText: m.after,
                            color: m.afterStyle === 'effect' ? this.effectColour : this.pathColour,
                            fontWeight: m.afterStyle === 'effect' ? 'bold' : 'normal',
                        },
                    },
                });
            }
            editor.setDecorations(this.notes, notes);
        }
    }

    private documentChanged(e: vscode.TextDocumentChangeEvent): void {
        const o = this.other;
        if (o && e.contentChanges.length > 0 && e.document.uri.toString() === o.uri) {
            const effect = classifyChanges(e.contentChanges, o.method);
            if (effect.kind === 'inside') {
                this.clear();
            } else if (effect.kind === 'shift') {
                this.other = {
                    ...o,
                    method: shiftRange(o.method, effect.lines),
                    items: shiftItems(o.items, effect.lines),
                    decorations: o.decorations.map((d) => ({ ...d, range: shiftRange(d.range, effect.lines) })),
                };
                this.render();
            }
            return;
        }
        const c = this.current;
        if (!c || e.contentChanges.length === 0 || e.document.uri.toString() !== c.uri) {
            return;
        }
        const effect = classifyChanges(e.contentChanges, c.answer.method.range);
        if (effect.kind === 'inside') {
            this.clear();
        } else if (effect.kind === 'shift') {
            this.current = { ...c, answer: shiftAnswer(c.answer, effect.lines) };
            this.render();
        }
    }

    dispose(): void {
        for (const d of this.disposables) {
            d.dispose();
        }
        this.changeListeners.dispose();
    }
}
