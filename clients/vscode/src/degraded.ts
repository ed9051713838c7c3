/** What the user can do about a degraded answer, per reason. No `vscode`: actions name commands and their arguments. */
import type { DegradedReason } from './protocol';

export interface ActionModel {
    title: string;
    command: string;
    args?: unknown[];
}

const openSetting = (title: string, key: string): ActionModel => ({
    title,
    command: 'workbench.action.openSettings',
    args: [key],
});

const SHOW_OUTPUT: ActionModel = { title: 'Show Server Output', command: 'liftsys.showOutput' };

/** The actions offered with a degraded answer's message, most useful first. */
export function degradedActions(reason: DegradedReason, trusted: boolean): ActionModel[] {
    switch (reason) {
        case 'execution-disabled':
            return trusted
                ? [openSetting('Open liftsys.executeCode', 'liftsys.executeCode')]
                : [{ title: 'Manage Workspace Trust', command: 'workbench.trust.manage' }];
        case 'sidecar-unavailable':
            return [openSetting('Set liftsys.python', 'liftsys.python'), SHOW_OUTPUT];
        case 'timeout':
            return [openSetting('Raise liftsys.timeoutMs', 'liftsys.timeoutMs'), openSetting('Lower liftsys.samples', 'liftsys.samples')];
        case 'circuit-open':
            return [SHOW_OUTPUT, { title: 'Restart Server', command: 'liftsys.restartServer' }];
        case 'trace-failed':
            return [openSetting('Set liftsys.classpath', 'liftsys.classpath'), SHOW_OUTPUT];
        case 'unsupported':
            return [SHOW_OUTPUT];
        default:
            return [SHOW_OUTPUT];
    }
}

/** A short name for the status bar and the tree: "timeout", "sidecar unavailable". */
export function reasonLabel(reason: DegradedReason): string {
    return reason.replace(/-/g, ' ');
}

/** Warning rather than information, as the server's diagnostics do. */
export function isWarning(reason: DegradedReason): boolean {
    return reason === 'timeout' || reason === 'trace-failed';
}
