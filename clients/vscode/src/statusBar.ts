/** The status bar item: renders the pure status state (status.ts). */
import * as vscode from 'vscode';
import { initialStatus, nextStatus, renderStatus, type StatusEvent, type StatusState } from './status';

export class StatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('liftsys.status', vscode.StatusBarAlignment.Left, 10);
    private current: StatusState;

    constructor(trusted: boolean) {
        this.item.name = 'liftsys';
        this.current = initialStatus(trusted);
        this.render();
        this.item.show();
    }

    get state(): StatusState {
        return this.current;
    }

    dispatch(event: StatusEvent): void {
        this.current = nextStatus(this.current, event);
        this.render();
    }

    private render(): void {
        const view = renderStatus(this.current);
        this.item.text = view.text;
        this.item.tooltip = view.tooltip;
        this.item.command = view.command;
        this.item.backgroundColor = view.severity === 'error'
            ? new vscode.ThemeColor('statusBarItem.errorBackground')
            : view.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }

    dispose(): void {
        this.item.dispose();
    }
}
