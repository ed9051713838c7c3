import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDoctor, parseProgressLine, plan, type DoctorReport } from '../../src/prerequisites';

const all: DoctorReport = {
    version: '0.1.0', dist: '/ext/server', data: '/home/u/.local/share/liftsys/0.1.0',
    java: { ok: true, path: '/usr/bin/java', version: '17.0.15', problem: '' },
    python: { ok: true, path: '/usr/bin/python3', version: '3.11.2', problem: '' },
    server: { ok: true, jar: '/ext/server/lib/liftsys-server.jar' },
    env: { ready: true, path: '/home/u/.local/share/liftsys/0.1.0/dowhy-env', python: '/home/u/.local/share/liftsys/0.1.0/dowhy-env/bin/python' },
};
const noJava = { ...all.java, ok: false, path: '', version: '', problem: 'Java 17 or later is needed; none found (install a JDK or JRE 17+, or set JAVA_HOME)' };
const oldPython = { ...all.python, ok: false, version: '3.8.10', problem: 'Python 3.10 or later is needed for effect sizes; found only Python 3.8.10 at /usr/bin/python3' };

test('everything there: serve, nothing to make, nothing to say', () => {
    assert.deepEqual(plan(all, false), { serve: true, makeEnv: false });
});

test('first run: the environment is made before the server starts', () => {
    assert.deepEqual(plan({ ...all, env: { ...all.env, ready: false } }, false), { serve: true, makeEnv: true });
    // The user's own interpreter: no environment needed, and no Python check.
    assert.deepEqual(plan({ ...all, python: oldPython, env: { ...all.env, ready: false } }, true), { serve: true, makeEnv: false });
});

test('no Java: one error, the server does not start', () => {
    const p = plan({ ...all, java: noJava }, false);
    assert.equal(p.serve, false);
    assert.equal(p.problem?.severity, 'error');
    assert.equal(p.problem?.message, 'liftsys cannot start: Java 17 or later is needed; none found (install a JDK or JRE 17+, or set JAVA_HOME).');
});

test('an old Python on the first run: one warning, structural answers still served', () => {
    const p = plan({ ...all, python: oldPython, env: { ...all.env, ready: false } }, false);
    assert.deepEqual(p, {
        serve: true,
        makeEnv: false,
        problem: {
            severity: 'warning',
            message: 'liftsys cannot give effect sizes yet: Python 3.10 or later is needed for effect sizes; found only Python 3.8.10 at /usr/bin/python3. Paths and distances work without it.',
        },
    });
    // Once made, the environment does not need the base Python any more.
    assert.deepEqual(plan({ ...all, python: oldPython }, false), { serve: true, makeEnv: false });
});

test('Java and Python both missing: both in one message', () => {
    const p = plan({ ...all, java: noJava, python: oldPython, env: { ...all.env, ready: false } }, false);
    assert.equal(p.problem?.message.startsWith('liftsys cannot start: Java 17'), true);
    assert.match(p.problem?.message ?? '', /found only Python 3\.8\.10/);
    assert.doesNotMatch(p.problem?.message ?? '', /Paths and distances/);
});

test('the launcher\'s JSON and progress lines', () => {
    assert.deepEqual(parseDoctor(JSON.stringify(all)), all);
    assert.equal(parseDoctor('liftsys: oops'), undefined);
    assert.equal(parseDoctor('{"version":"1"}'), undefined);
    assert.deepEqual(parseProgressLine('liftsys: [ 42%] fetching numpy==2.4.6 (12 of 52)'), { percent: 42, message: 'fetching numpy==2.4.6 (12 of 52)' });
    assert.deepEqual(parseProgressLine('liftsys: [100%] the DoWhy environment is ready (/d, 80 s)'), { percent: 100, message: 'the DoWhy environment is ready (/d, 80 s)' });
    assert.equal(parseProgressLine('Collecting numpy'), undefined);
});
