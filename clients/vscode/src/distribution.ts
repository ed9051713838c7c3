/**
 * Before an installed distribution's server starts: check the machine (`liftsys doctor --json`),
 * say in one message what is missing, and on the first run make the DoWhy environment
 * (`liftsys setup-env`) with its progress in a notification and the status items.
 */
import * as cp from 'child_process';
import * as path from 'path';
import * as readline from 'readline';
import * as vscode from 'vscode';
import { parseDoctor, parseProgressLine, plan, type DoctorReport } from './prerequisites';
import type { ServerCommand } from './serverCommand';
import type { StatusBar } from './statusBar';

const INSTALL_INSTRUCTIONS = 'Open install instructions';
const SHOW_OUTPUT = 'Show output';

export interface Prepared {
    /** Whether the server can be started. */
    serve: boolean;
    report?: DoctorReport;
}

function launcherOf(server: ServerCommand): string {
    return server.args[0];
}

function doctor(launcher: string): Promise<{ report?: DoctorReport; failure?: string }> {
    return new Promise((resolve) => {
        cp.execFile('bash', [launcher, 'doctor', '--json'], { timeout: 60_000 }, (err, stdout, stderr) => {
            const report = parseDoctor(stdout);
            resolve(report ? { report } : { failure: `${err ? err.message : 'no report'} ${stderr}`.trim() });
        });
    });
}

/** Tells the user once, with the buttons that help: the install instructions and the output. */
function tell(severity: 'error' | 'warning', message: string, dist: string, output: vscode.LogOutputChannel): void {
    if (severity === 'error') {
        output.error(message);
    } else {
        output.warn(message);
    }
    const shown = severity === 'error'
        ? vscode.window.showErrorMessage(message, INSTALL_INSTRUCTIONS, SHOW_OUTPUT)
        : vscode.window.showWarningMessage(message, INSTALL_INSTRUCTIONS, SHOW_OUTPUT);
    void shown.then((choice) => {
        if (choice === INSTALL_INSTRUCTIONS) {
            void vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(path.join(dist, 'README.md')));
        } else if (choice === SHOW_OUTPUT) {
            output.show();
        }
    });
}

export async function prepareDistribution(server: ServerCommand, pythonConfigured: boolean,
    output: vscode.LogOutputChannel, status: StatusBar): Promise<Prepared> {
    const dist = server.distribution ?? server.cwd;
    const launcher = launcherOf(server);
    const checkStarted = Date.now();
    const checked = await doctor(launcher);
    const report = checked.report;
    if (!report) {
        const message = `liftsys cannot start: its launcher (${launcher}) could not check this machine. It needs bash, Java 17 or later, and Python 3.10 or later for effect sizes.`;
        output.error(`${message} ${checked.failure ?? ''}`);
        status.dispatch({ type: 'stopped', error: message });
        tell('error', message, dist, output);
        return { serve: false };
    }
    output.info(`liftsys ${report.version} in ${report.dist}; java ${report.java.version || 'missing'} (${report.java.path || 'none'}); `
        + `python ${report.python.version || 'missing'} (${report.python.path || 'none'}); DoWhy environment ${report.env.ready ? 'ready' : 'not made yet'} (${report.env.path}); `
        + `checked in ${Date.now() - checkStarted} ms`);
    const p = plan(report, pythonConfigured);
    if (p.problem) {
        tell(p.problem.severity, p.problem.message, dist, output);
    }
    status.dispatch({ type: 'note', note: p.serve && p.problem ? p.problem.message : undefined });
    if (!p.serve) {
        status.dispatch({ type: 'stopped', error: p.problem?.message ?? 'the server cannot start' });
        return { serve: false, report };
    }
    if (p.makeEnv) {
        const made = await makeEnvironment(launcher, report, output, status);
        if (!made) {
            const note = `Effect sizes are unavailable: the DoWhy environment could not be made in ${report.env.path} (the liftsys output says why). Paths and distances work.`;
            status.dispatch({ type: 'note', note });
            tell('warning', note, dist, output);
        } else {
            report.env.ready = true;
        }
    }
    return { serve: true, report };
}

/** Runs `liftsys setup-env`, its progress lines shown in a notification and the status items. */
function makeEnvironment(launcher: string, report: DoctorReport, output: vscode.LogOutputChannel,
    status: StatusBar): Thenable<boolean> {
    status.dispatch({ type: 'preparing', percent: 0, message: `making the DoWhy environment in ${report.env.path}` });
    return vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: 'liftsys: making the DoWhy environment',
        cancellable: false,
    }, (progress) => new Promise<boolean>((resolve) => {
        const started = Date.now();
        const child = cp.spawn('bash', [launcher, 'setup-env'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let last = 0;
        const onLine = (line: string): void => {
            output.info(line);
            const step = parseProgressLine(line);
            if (step) {
                progress.report({ message: `first run, once: ${step.message}`, increment: Math.max(0, step.percent - last) });
                last = Math.max(last, step.percent);
                status.dispatch({ type: 'preparing', percent: step.percent, message: step.message });
            }
        };
        readline.createInterface({ input: child.stdout }).on('line', onLine);
        readline.createInterface({ input: child.stderr }).on('line', onLine);
        child.on('error', (err) => {
            output.error(`liftsys setup-env could not run: ${String(err)}`);
            resolve(false);
        });
        child.on('close', (code) => {
            output.info(`liftsys setup-env ended with ${String(code)} after ${Math.round((Date.now() - started) / 1000)} s`);
            resolve(code === 0);
        });
    }));
}
