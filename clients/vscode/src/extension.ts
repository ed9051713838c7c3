/**
 * liftsys for VS Code: starts `liftsys serve`, asks `liftsys/causalImpact`, `liftsys/methodGraph`,
 * `liftsys/drivers` and `liftsys/counterfactual` (explainCommands.ts) for the variable under the
 * cursor, and shows the answers as highlights, a tree, a status and a picture of the method's graph.
 */
import * as vscode from 'vscode';
import { ResponseError } from 'vscode-languageclient/node';
import type { Question } from './answerModel';
import { effectLines } from './decorations';
import { degradedActions, isWarning } from './degraded';
import { describeIntervention, parseIntervention } from './format';
import { errorMessage, GraphPanel } from './graphPanel';
import { ImpactView, toVsRange } from './impactView';
import { whatDrives, whatIf, type ExplainContext } from './explainCommands';
import { ErrorCodes, type CausalImpactResult, type Degraded, type Direction, type Intervention, type Range } from './protocol';
import { withServerProgress } from './serverProgress';
import { Session } from './session';
import { StatusBar } from './statusBar';

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('liftsys', { log: true });
    // When it started, in the log's clock: the time to the first answer is read against it.
    output.info(`extension activated (VS Code ${vscode.version}; ${vscode.window.visibleTextEditors.filter((e) => e.document.languageId === 'java').length} Java editors open)`);
    const status = new StatusBar(vscode.workspace.isTrusted);
    session = new Session(context, output, status, (uri, position, quantify) => askAt(uri, position, 'downstream', quantify));
    const s = session;
    const view = new ImpactView(() => vscode.workspace.isTrusted);
    /** The one question in flight: a new one cancels it ($/cancelRequest). */
    let inFlight: vscode.CancellationTokenSource | undefined;

    async function reveal(uri: string, range: Range): Promise<void> {
        const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
        const target = toVsRange(range);
        const editor = await vscode.window.showTextDocument(document, {
            viewColumn: vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One,
            selection: new vscode.Selection(target.start, target.end),
        });
        editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    const graph = new GraphPanel(context.extensionUri, {
        methodGraph: (uri, position, token) => s.methodGraph({ textDocument: { uri }, position }, token),
        structural: async (uri, position, token) => {
            try {
                return await s.causalImpact({ textDocument: { uri }, position, direction: 'both', quantify: false }, token);
            } catch (err) {
                if (err instanceof ResponseError && err.code === ErrorCodes.InvalidParams) {
                    return undefined; // not on a variable: the graph without marks
                }
                throw err;
            }
        },
        current: () => view.current,
        reveal,
    }, output);
    view.onDidChange(() => graph.answerChanged());
    // One display of each effect: the server's hints on lines the answer on screen annotates are hidden.
    s.hiddenHints = (uri) => (view.current && view.current.uri === uri ? effectLines(view.current.answer) : new Set());
    let hintsShownFor: string | undefined;
    view.onDidChange((shown) => {
        for (const uri of new Set([hintsShownFor, shown?.uri])) {
            if (uri) {
                s.refreshHints(uri);
            }
        }
        hintsShownFor = shown?.uri;
    });

    /** What runs where, with versions, at the top of the output (the command "Show output and version"). */
    function showOutputAndVersion(): void {
        const d = s.doctor;
        const lines = [
            `extension ${String((context.extension.packageJSON as { version?: string }).version)} (${context.extensionPath})`,
            `server ${s.serverVersion() ?? 'not running'}`,
        ];
        if (d) {
            lines.push(`distribution ${d.version} in ${d.dist}`,
                `java ${d.java.version || 'missing'} (${d.java.path || d.java.problem})`,
                `python ${d.python.version || 'missing'} (${d.python.path || d.python.problem})`,
                `DoWhy environment ${d.env.ready ? 'ready' : 'not made'} (${d.env.path})`);
        }
        output.info(`liftsys versions:\n  ${lines.join('\n  ')}`);
        output.show(true);
    }

    function javaEditor(): vscode.TextEditor | undefined {
        const editor = vscode.window.activeTextEditor;
        if (!editor || editor.document.languageId !== 'java') {
            void vscode.window.showInformationMessage('liftsys: put the cursor on a variable in a Java method first.');
            return undefined;
        }
        return editor;
    }

    function showDegraded(d: Degraded | null): void {
        if (!d) {
            return;
        }
        const actions = degradedActions(d.reason, vscode.workspace.isTrusted, d.message);
        const message = `liftsys: effect sizes unavailable (${d.reason}). ${d.message}`;
        const titles = actions.map((a) => a.title);
        const shown = isWarning(d.reason)
            ? vscode.window.showWarningMessage(message, ...titles)
            : vscode.window.showInformationMessage(message, ...titles);
        void shown.then((choice) => {
            const action = actions.find((a) => a.title === choice);
            if (action) {
                void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
            }
        });
    }

    function failed(err: unknown): void {
        if (err instanceof ResponseError && err.code === ErrorCodes.RequestCancelled) {
            return; // superseded or cancelled by the user
        }
        if (err instanceof ResponseError && err.code === ErrorCodes.InvalidParams) {
            void vscode.window.showInformationMessage(`liftsys: ${err.message}`);
            return;
        }
        if (err instanceof vscode.CancellationError) {
            return;
        }
        output.error(`request failed: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(`liftsys: ${errorMessage(err)}`, 'Show Output').then((c) => c && output.show());
    }

    async function ask(direction: Direction, quantify: boolean, intervention?: Intervention): Promise<void> {
        const editor = javaEditor();
        if (!editor) {
            return;
        }
        const at = editor.selection.active;
        await askAt(editor.document.uri.toString(), { line: at.line, character: at.character }, direction, quantify, intervention);
    }

    /** Asks `liftsys/causalImpact` at a position and shows the answer; undefined when cancelled or failed. */
    async function askAt(uri: string, position: { line: number; character: number }, direction: Direction, quantify: boolean,
        intervention?: Intervention): Promise<CausalImpactResult | undefined> {
        const cts = begin();
        const question: Question = { direction, quantify, intervention };
        const params = {
            textDocument: { uri },
            position,
            direction,
            quantify,
            ...(intervention ? { intervention } : {}),
        };
        try {
            await s.ready(); // a question asked while the server starts waits for it
            let answer: CausalImpactResult;
            if (!quantify) {
                answer = await s.causalImpact(params, cts.token);
            } else {
                answer = await withServerProgress(s, status, `liftsys: quantifying (${describeIntervention(intervention)})`, cts,
                    (workDoneToken) => s.causalImpact({ ...params, workDoneToken }, cts.token));
            }
            if (cts.token.isCancellationRequested) {
                return undefined;
            }
            view.show(answer, question);
            status.dispatch({ type: 'answer', answer });
            showDegraded(answer.degraded);
            return answer;
        } catch (err) {
            failed(err);
            return undefined;
        } finally {
            end(cts);
        }
    }

    /** A new question cancels the one in flight. */
    function begin(): vscode.CancellationTokenSource {
        inFlight?.cancel();
        const cts = new vscode.CancellationTokenSource();
        inFlight = cts;
        return cts;
    }

    function end(cts: vscode.CancellationTokenSource): void {
        if (inFlight === cts) {
            inFlight = undefined;
        }
        cts.dispose();
    }

    const explain: ExplainContext = { session: s, status, view, begin, end, failed, showDegraded };

    async function quantify(): Promise<void> {
        if (!javaEditor()) {
            return;
        }
        const mode = await vscode.window.showQuickPick([
            { label: 'Shift', description: 'the subject plus d (its observed values shifted)', mode: 'shift' as const },
            { label: 'Set', description: 'compare do(subject = a) with do(subject = b)', mode: 'set' as const },
        ], { title: 'liftsys: quantify impact', placeHolder: 'How should the subject change?' });
        if (!mode) {
            return;
        }
        const text = await vscode.window.showInputBox({
            title: mode.mode === 'shift' ? 'liftsys: shift the subject by' : 'liftsys: set the subject from, to',
            prompt: mode.mode === 'shift' ? 'A number added to the subject, e.g. 1 or -0.5' : 'Two values, e.g. "0, 10" (or "false, true" for a boolean)',
            value: mode.mode === 'shift' ? '1' : '0, 1',
            validateInput: (t) => {
                const parsed = parseIntervention(mode.mode, t);
                return parsed.ok ? undefined : parsed.error;
            },
        });
        if (text === undefined) {
            return;
        }
        const parsed = parseIntervention(mode.mode, text);
        if (parsed.ok) {
            await ask('downstream', true, parsed.intervention);
        }
    }

    context.subscriptions.push(
        output, status, s, view, graph,
        vscode.commands.registerCommand('liftsys.affects', () => ask('downstream', false)),
        vscode.commands.registerCommand('liftsys.affectedBy', () => ask('upstream', false)),
        vscode.commands.registerCommand('liftsys.both', () => ask('both', false)),
        vscode.commands.registerCommand('liftsys.quantify', () => quantify()),
        vscode.commands.registerCommand('liftsys.drivers', () => {
            const editor = javaEditor();
            return editor ? whatDrives(explain, editor) : undefined;
        }),
        vscode.commands.registerCommand('liftsys.whatIf', () => {
            const editor = javaEditor();
            return editor ? whatIf(explain, editor) : undefined;
        }),
        vscode.commands.registerCommand('liftsys.showGraph', async () => {
            const editor = vscode.window.activeTextEditor;
            const shown = view.current;
            try {
                if (editor && editor.document.languageId === 'java') {
                    await graph.show(editor.document, editor.selection.active);
                } else if (shown) {
                    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(shown.uri));
                    const at = shown.answer.method.nameRange.start;
                    await graph.show(document, new vscode.Position(at.line, at.character));
                } else {
                    javaEditor();
                }
            } catch (err) {
                failed(err);
            }
        }),
        vscode.commands.registerCommand('liftsys.clear', () => {
            inFlight?.cancel();
            view.clear();
            status.dispatch({ type: 'cleared' });
        }),
        vscode.commands.registerCommand('liftsys.restartServer', () => s.restart()),
        vscode.commands.registerCommand('liftsys.showOutput', () => showOutputAndVersion()),
        vscode.commands.registerCommand('liftsys.showDegraded', () => {
            if (view.current) {
                showDegraded(view.current.answer.degraded);
            } else {
                output.show();
            }
        }),
        vscode.commands.registerCommand('liftsys.reveal', (uri: string, range: Range) => reveal(uri, range)),
    );
    await s.start();
}

export async function deactivate(): Promise<void> {
    await session?.stop();
}
