/**
 * Which `liftsys serve` to start: the configured launcher, else one at the root of a workspace
 * folder (trusted workspaces only: it is the workspace's own code), else the distribution bundled
 * in the .vsix (`server/`, made by `./liftsys package`), else the checkout this extension was
 * built in (development). No `vscode`: file checks are passed in.
 */
import * as path from 'path';

export interface ServerCommand {
    command: string;
    args: string[];
    cwd: string;
    /** Where the launcher came from, for the log. */
    source: 'setting' | 'workspace' | 'bundled' | 'extension';
    /**
     * The distribution's folder when the launcher is an installed distribution's `bin/liftsys`
     * (it has `doctor` and `setup-env`); undefined for a checkout's `./liftsys`.
     */
    distribution?: string;
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

/** A distribution's launcher: `<dist>/bin/liftsys` with `<dist>/VERSION` and `<dist>/lib/liftsys-server.jar`. */
export function isDistributionLauncher(p: string, fs: FileChecks): boolean {
    const dist = path.dirname(path.dirname(p));
    return fs.isFile(p) && fs.isFile(path.join(dist, 'VERSION')) && fs.isFile(path.join(dist, 'lib', 'liftsys-server.jar'));
}

/**
 * A distribution's launcher runs through bash: a .vsix does not keep the executable bit, and the
 * launcher is a bash script anyway.
 */
const SHELL = 'bash';

function serveDistribution(launcher: string, source: ServerCommand['source']): ServerCommand {
    const dist = path.dirname(path.dirname(launcher));
    return { command: SHELL, args: [launcher, 'serve'], cwd: dist, source, distribution: dist };
}

export function resolveServer(configured: string, workspaceFolders: readonly string[], extensionPath: string,
    trusted: boolean, fs: FileChecks): Resolution {
    const skippedUntrusted: string[] = [];
    const setting = configured.trim();
    if (setting !== '') {
        const launcher = fs.isDirectory(setting)
            ? [path.join(setting, 'bin', 'liftsys'), path.join(setting, 'liftsys')].find((p) => fs.isFile(p)) ?? path.join(setting, 'liftsys')
            : setting;
        if (isDistributionLauncher(launcher, fs)) {
            return { server: serveDistribution(launcher, 'setting'), skippedUntrusted };
        }
        if (fs.isFile(launcher)) {
            return { server: serve(launcher, 'setting'), skippedUntrusted };
        }
        return {
            problem: `liftsys.serverPath is "${configured}", but there is no liftsys launcher there. Point it at an unpacked liftsys distribution's bin/liftsys, or at the liftsys script of a set-up checkout; or leave it empty to use the server inside the extension.`,
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
    const bundled = path.join(extensionPath, 'server', 'bin', 'liftsys');
    if (isDistributionLauncher(bundled, fs)) {
        return { server: serveDistribution(bundled, 'bundled'), skippedUntrusted };
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
        problem: `liftsys: this build of the extension carries no server (it was packaged without ./liftsys package). Install the liftsys .vsix from a release, or set liftsys.serverPath to an unpacked liftsys distribution's bin/liftsys.${untrusted}`,
        skippedUntrusted,
    };
}
