/**
 * The status bar item and the Java language status item ("liftsys: ready", beside vscode-java's):
 * both render the pure status state (status.ts).
 */
import * as vscode from 'vscode';
import { initialStatus, nextStatus, renderLanguageStatus, renderStatus, type StatusEvent, type StatusState } from './status';

export class StatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('liftsys.status', vscode.StatusBarAlignment.Left, 10);
    private readonly language = vscode.languages.createLanguageStatusItem('liftsys.languageStatus', { language: 'java' });
    private current: StatusState;

    constructor(trusted: boolean) {
        this.item.name = 'liftsys';
        this.language.name = 'liftsys';
        this.language.command = { title: 'Show output', command: 'liftsys.showOutput', tooltip: 'The liftsys output, with the versions' };
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
        const lang = renderLanguageStatus(this.current);
        this.language.text = lang.text;
        this.language.detail = lang.detail;
        this.language.busy = lang.busy;
        this.language.severity = lang.severity === 'error' ? vscode.LanguageStatusSeverity.Error
            : lang.severity === 'warning' ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    }

    dispose(): void {
        this.item.dispose();
        this.language.dispose();
    }
}
