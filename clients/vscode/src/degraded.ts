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

const SHOW_PROBLEMS: ActionModel = { title: 'Show Problems', command: 'workbench.actions.view.problems' };

/**
 * What to do about a trace that failed, by what its message says the cause is (the server words
 * its advice by cause: a class missing at run time names the build file or liftsys.classpath; a
 * file that does not compile names the line; a method that throws on most inputs names the
 * exception and no class path). Only what the message points at is offered.
 */
function traceFailedActions(message: string): ActionModel[] {
    const actions: ActionModel[] = [];
    const build = /\b(pom\.xml|build\.gradle(?:\.kts)?)\b/.exec(message);
    if (build) {
        actions.push({ title: `Open ${build[1]}`, command: 'workbench.action.quickOpen', args: [build[1]] });
    }
    if (message.includes('liftsys.classpath')) {
        actions.push(openSetting('Set liftsys.classpath', 'liftsys.classpath'));
    }
    if (/does not (compile|parse)/.test(message)) {
        actions.push(SHOW_PROBLEMS);
    }
    return [...actions, SHOW_OUTPUT];
}

/** The actions offered with a degraded answer's message, most useful first. */
export function degradedActions(reason: DegradedReason, trusted: boolean, message = ''): ActionModel[] {
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
            return traceFailedActions(message);
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
