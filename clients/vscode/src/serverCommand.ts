/**
 * Which `liftsys serve` to start: the configured launcher, else one at the root of a workspace
 * folder (trusted workspaces only: it is the workspace's own code), else the checkout this
 * extension was built in. No `vscode`: file checks are passed in.
 */
import * as path from 'path';

export interface ServerCommand {
    command: string;
    args: string[];
    cwd: string;
    /** Where the launcher came from, for the log. */
    source: 'setting' | 'workspace' | 'extension';
}

export interface Resolution {
    server?: ServerCommand;
    /** Why there is none, and what to do. */
    problem?: string;
    /** Launchers seen in the workspace but not started because it is not trusted. */
    skippedUntrusted: string[];
}

export interface FileChecks {
    isFile(p: string): boolean;
    isDirectory(p: string): boolean;
}

/** A liftsys checkout's launcher: `<root>/liftsys` with `<root>/server` beside it. */
export function isLauncher(p: string, fs: FileChecks): boolean {
    return fs.isFile(p) && fs.isDirectory(path.join(path.dirname(p), 'server'));
}

function serve(launcher: string, source: ServerCommand['source']): ServerCommand {
    return { command: launcher, args: ['serve'], cwd: path.dirname(launcher), source };
}

export function resolveServer(configured: string, workspaceFolders: readonly string[], extensionPath: string,
    trusted: boolean, fs: FileChecks): Resolution {
    const skippedUntrusted: string[] = [];
    const setting = configured.trim();
    if (setting !== '') {
        const launcher = fs.isDirectory(setting) ? path.join(setting, 'liftsys') : setting;
        if (fs.isFile(launcher)) {
            return { server: serve(launcher, 'setting'), skippedUntrusted };
        }
        return {
            problem: `liftsys.serverPath is "${configured}", but there is no liftsys launcher there. Point it at the liftsys script of a liftsys checkout (after ./liftsys setup).`,
            skippedUntrusted,
        };
    }
    for (const folder of workspaceFolders) {
        const launcher = path.join(folder, 'liftsys');
        if (isLauncher(launcher, fs)) {
            if (trusted) {
                return { server: serve(launcher, 'workspace'), skippedUntrusted };
            }
            skippedUntrusted.push(launcher);
        }
    }
    // Built inside a checkout: <root>/clients/vscode is the extension's folder.
    const own = path.join(extensionPath, '..', '..', 'liftsys');
    if (isLauncher(own, fs)) {
        return { server: serve(path.normalize(own), 'extension'), skippedUntrusted };
    }
    const untrusted = skippedUntrusted.length > 0
        ? ` The workspace has one (${skippedUntrusted[0]}), but it is not started in an untrusted workspace: trust the workspace, or set liftsys.serverPath in your user settings.`
        : '';
    return {
        problem: `liftsys: no server to start. Set liftsys.serverPath to the liftsys launcher of a liftsys checkout (run ./liftsys setup there first).${untrusted}`,
        skippedUntrusted,
    };
}
