/**
 * A request that reports `$/progress` under a token this client makes (a quantification, a
 * ranking of drivers, a replayed run): its progress in a cancellable notification and in the
 * status bar, ended here when the server could not end it (cancelled, failed).
 */
import * as vscode from 'vscode';
import type { Session, ProgressValue } from './session';
import type { StatusBar } from './statusBar';

export function withServerProgress<T>(session: Session, status: StatusBar, title: string, cts: vscode.CancellationTokenSource,
    send: (workDoneToken: string) => Promise<T>): Thenable<T> {
    const token = `liftsys-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, progressToken) => {
        progressToken.onCancellationRequested(() => cts.cancel());
        let last = 0;
        let begun = false;
        let ended = false;
        const sub = session.onProgress(token, (v: ProgressValue) => {
            if (v.kind === 'begin') {
                begun = true;
                status.dispatch({ type: 'progressBegin', title: v.message ?? v.title, percent: v.percentage });
            } else if (v.kind === 'report') {
                status.dispatch({ type: 'progressReport', message: v.message, percent: v.percentage });
                const pct = v.percentage ?? last;
                progress.report({ message: v.message, increment: Math.max(0, pct - last) });
                last = pct;
            } else {
                ended = true;
                status.dispatch({ type: 'progressEnd' });
            }
        });
        try {
            return await send(token);
        } finally {
            sub.dispose();
            if (begun && !ended) {
                status.dispatch({ type: 'progressEnd' });
            }
        }
    });
}
