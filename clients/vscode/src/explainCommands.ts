/**
 * The commands "What drives this value?" (`liftsys/drivers`) and "What if, in one run..."
 * (`liftsys/counterfactual`): they ask at the cursor, with progress (either may fit the method's
 * model first), and show the answer in the "Causal impact" tree and the editor.
 */
import * as vscode from 'vscode';
import { driversDecorations, driversTree } from './driversModel';
import type { Degraded, Position } from './protocol';
import { describeRun, parseRunChange, replayDecorations, replayTree } from './replayModel';
import { withServerProgress } from './serverProgress';
import type { Session } from './session';
import type { StatusBar } from './statusBar';
import type { ImpactView } from './impactView';

export interface ExplainContext {
    session: Session;
    status: StatusBar;
    view: ImpactView;
    /** Starts a question: cancels the one in flight (one question at a time). */
    begin(): vscode.CancellationTokenSource;
    /** Ends a question begun with `begin`. */
    end(cts: vscode.CancellationTokenSource): void;
    failed(err: unknown): void;
    showDegraded(d: Degraded | null): void;
}

function at(editor: vscode.TextEditor): { uri: string; position: Position; word: string } {
    const p = editor.selection.active;
    const word = editor.document.getText(editor.document.getWordRangeAtPosition(p)) || 'this variable';
    return { uri: editor.document.uri.toString(), position: { line: p.line, character: p.character }, word };
}

export async function whatDrives(ctx: ExplainContext, editor: vscode.TextEditor): Promise<void> {
    const { uri, position, word } = at(editor);
    const cts = ctx.begin();
    try {
        await ctx.session.ready();
        const answer = await withServerProgress(ctx.session, ctx.status, `liftsys: what drives ${word}`, cts,
            (workDoneToken) => ctx.session.drivers({ textDocument: { uri }, position, workDoneToken }, cts.token));
        if (cts.token.isCancellationRequested) {
            return;
        }
        ctx.view.showOther({
            uri,
            method: answer.method.range,
            description: `what drives ${answer.target.name} in ${answer.method.name}()`,
            items: driversTree(answer, vscode.workspace.isTrusted),
            decorations: driversDecorations(answer),
        });
        ctx.showDegraded(answer.degraded);
    } catch (err) {
        ctx.failed(err);
    } finally {
        ctx.end(cts);
    }
}

const FIRST_RUN = 'The first recorded run';
const ANOTHER_RUN = 'Another recorded run…';

export async function whatIf(ctx: ExplainContext, editor: vscode.TextEditor): Promise<void> {
    const { uri, position, word } = at(editor);
    const mode = await vscode.window.showQuickPick([
        { label: 'Set', description: `${word} set to a value in that run`, mode: 'set' as const },
        { label: 'Shift', description: `${word} plus an amount in that run`, mode: 'shift' as const },
    ], { title: `liftsys: what if, in one run, ${word}…`, placeHolder: `How should ${word} change?` });
    if (!mode) {
        return;
    }
    const text = await vscode.window.showInputBox({
        title: mode.mode === 'set' ? `liftsys: in one run, set ${word} to` : `liftsys: in one run, shift ${word} by`,
        prompt: mode.mode === 'set' ? 'The new value, e.g. 12 (or true/false)' : 'A number added to it, e.g. 2 or -0.5',
        value: mode.mode === 'set' ? '' : '1',
        validateInput: (t) => {
            const parsed = parseRunChange(mode.mode, t);
            return parsed.ok ? undefined : parsed.error;
        },
    });
    const parsed = text === undefined ? undefined : parseRunChange(mode.mode, text);
    if (!parsed?.ok) {
        return;
    }
    const which = await vscode.window.showQuickPick([
        { label: FIRST_RUN, description: describeRun(0) },
        { label: ANOTHER_RUN, description: 'by its number among the traced runs (0, 1, 2, …)' },
    ], { title: 'liftsys: which recorded run?', placeHolder: 'The method ran on sampled inputs; pick one of those runs' });
    if (!which) {
        return;
    }
    let run = 0;
    if (which.label === ANOTHER_RUN) {
        const number = await vscode.window.showInputBox({
            title: 'liftsys: the run\'s number', prompt: 'A whole number: 0 is the first traced run', value: '1',
            validateInput: (t) => (/^\s*\d+\s*$/.test(t) ? undefined : 'type a whole number, e.g. 3'),
        });
        if (number === undefined) {
            return;
        }
        run = Number(number.trim());
    }
    const cts = ctx.begin();
    try {
        await ctx.session.ready();
        const answer = await withServerProgress(ctx.session, ctx.status, `liftsys: replaying ${describeRun(run)}`, cts,
            (workDoneToken) => ctx.session.counterfactual({ textDocument: { uri }, position, run, intervention: parsed.change, workDoneToken }, cts.token));
        if (cts.token.isCancellationRequested) {
            return;
        }
        ctx.view.showOther({
            uri,
            method: answer.method.range,
            description: `${answer.change ?? answer.subject.name} in ${describeRun(answer.run ?? run)}`,
            items: replayTree(answer, vscode.workspace.isTrusted),
            decorations: replayDecorations(answer),
        });
        ctx.showDegraded(answer.degraded);
    } catch (err) {
        ctx.failed(err);
    } finally {
        ctx.end(cts);
    }
}
