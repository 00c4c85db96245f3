/** The fixture runner: output, ports, exit codes, environment, timeouts, and cleanup. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFixtureEnv } from '../src/fixture-env.js';
import { orphanGuardArg } from '../src/orphan-guard.js';
import { expectTraceTree, runFixture, startOtlpReceiver, stopAllFixtures } from '../src/index.js';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

afterEach(async () => {
  await stopAllFixtures();
});

describe('runFixture', () => {
  it('waits for LISTENING, builds URLs, and stops the child with SIGTERM', async () => {
    const app = runFixture({ entry: fixture('http-server.mjs'), env: { GREETING: 'tests' } });
    expect(app.port).toBeUndefined();
    expect(() => app.url()).toThrow(/await waitForListening\(\) first/);
    const port = await app.waitForListening();
    expect(app.port).toBe(port);
    expect(app.url('/x')).toBe(`http://127.0.0.1:${port}/x`);
    expect(app.url('y')).toBe(`http://127.0.0.1:${port}/y`);
    expect(await (await fetch(app.url())).text()).toBe('hello tests');
    expect(await app.stop()).toEqual({ code: 0, signal: null });
    expect(app.stdout()).toContain('BYE');
  });

  it('passes arguments, captures stdout and stderr, and reports the exit code', async () => {
    const run = runFixture({ entry: fixture('report-and-exit.cjs'), args: ['3', 'extra'] });
    expect(run.pid).toBeGreaterThan(0);
    expect(await run.waitForExit()).toEqual({ code: 3, signal: null });
    expect(run.stdout()).toContain('ARGS 3 extra');
    expect(run.stderr()).toBe('something on stderr\n');
  });

  it('starts from PATH and HOME only, unless inheritEnv is set', async () => {
    // vitest sets VITEST in this process; the child sees it only when inheriting.
    const isolated = runFixture({ entry: fixture('report-and-exit.cjs'), env: { TRACEKIT_TEST_SECRET: 's3' } });
    await isolated.waitForExit();
    expect(isolated.stdout()).toContain('SECRET=s3');
    expect(isolated.stdout()).toContain('VITEST=(unset)');
    expect(isolated.stdout()).toContain('HAS_PATH=true');

    const inheriting = runFixture({ entry: fixture('report-and-exit.cjs'), inheritEnv: true });
    await inheriting.waitForExit();
    expect(inheriting.stdout()).toContain('VITEST=true');
  });

  it('runs in the given cwd', async () => {
    const cwd = path.dirname(fixture('x.mjs'));
    const run = runFixture({ entry: fixture('report-and-exit.cjs'), cwd });
    await run.waitForExit();
    expect(run.stdout()).toContain(`CWD=${cwd}\n`);
  });

  it('matches output with a string or a RegExp, on stdout or stderr', async () => {
    const run = runFixture({ entry: fixture('report-and-exit.cjs') });
    expect((await run.waitForOutput('SECRET=(unset)'))[0]).toBe('SECRET=(unset)');
    expect((await run.waitForOutput(/something on (\w+)/g))[1]).toBe('stderr');
  });

  it('rejects a wait at once when the child ends first, showing its output', async () => {
    const run = runFixture({ entry: fixture('report-and-exit.cjs'), args: ['1'] });
    const started = performance.now();
    const error = (await run.waitForOutput('never printed', { timeoutMs: 20_000 }).catch((e: unknown) => e)) as Error;
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error.message).toContain('fixture report-and-exit.cjs: ended before output /never printed/ (exited with code 1)');
    expect(error.message).toContain('--- stdout ---\nARGS 1\n');
    expect(error.message).toContain('--- stderr ---\nsomething on stderr');
  });

  it('times out with the tail of the output', async () => {
    const run = runFixture({ entry: fixture('ignore-sigterm.mjs') });
    await run.waitForOutput(/READY/);
    await expect(run.waitForListening({ timeoutMs: 200 })).rejects.toThrow(
      /timed out after 200 ms waiting for a "LISTENING <port>" line \(pid \d+, still running\)\n--- stdout ---\nREADY \d+\n--- stderr ---\n\(empty\)/,
    );
    await expect(run.waitForExit({ timeoutMs: 100 })).rejects.toThrow(/waiting for the exit/);
    await run.stop({ timeoutMs: 100 });
  });

  it('escalates to SIGKILL when the child ignores SIGTERM', async () => {
    const run = runFixture({ entry: fixture('ignore-sigterm.mjs') });
    await run.waitForOutput(/READY/);
    expect(await run.stop({ timeoutMs: 300 })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(run.stdout()).toContain('ignoring SIGTERM');
  });

  it('stopAllFixtures stops every child still running', async () => {
    const runs = [runFixture({ entry: fixture('http-server.mjs') }), runFixture({ entry: fixture('http-server.mjs') })];
    await Promise.all(runs.map((run) => run.waitForListening()));
    await stopAllFixtures();
    for (const run of runs) expect(await run.waitForExit({ timeoutMs: 100 })).toEqual({ code: 0, signal: null });
  });

  it('refuses entries that are relative or not JavaScript', () => {
    expect(() => runFixture({ entry: 'test/fixtures/http-server.mjs' })).toThrow(/absolute path/);
    expect(() => runFixture({ entry: fixture('../fixture-runner.test.ts') })).toThrow(/\.js, \.cjs or \.mjs/);
  });

  it('runs an instrumented fixture against the OTLP receiver', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const run = runFixture({ entry: fixture('export-span.mjs'), env: { OTLP_TRACES_URL: receiver.tracesUrl } });
      expect(await run.waitForExit({ timeoutMs: 20_000 })).toEqual({ code: 0, signal: null });
      const spans = await receiver.waitForSpans(2);
      expectTraceTree(spans, {
        name: 'GET /fixture',
        kind: 'SERVER',
        attributes: { 'http.route': '/fixture' },
        resource: { 'service.name': 'fixture-service' },
        children: [{ name: 'fetch upstream', kind: 'CLIENT' }],
      });
    } finally {
      await receiver.close();
    }
  });
});

describe('the orphan guard', () => {
  it('makes a child exit by itself once its parent is not the one that started it', async () => {
    // A parent pid that is not ours stands for a test process that died: the child is re-parented.
    const orphan = runFixture({
      entry: fixture('ignore-sigterm.mjs'),
      orphanGuard: false,
      nodeArgs: [orphanGuardArg(process.pid + 1_000_000)],
    });
    expect(await orphan.waitForExit({ timeoutMs: 5000 })).toEqual({ code: 137, signal: null });
  });

  it('leaves a child alone while its parent lives', async () => {
    const child = runFixture({ entry: fixture('ignore-sigterm.mjs') });
    await child.waitForOutput(/READY/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expect(child.waitForExit({ timeoutMs: 10 })).rejects.toThrow(/still running/);
    expect((await child.stop({ timeoutMs: 100 })).signal).toBe('SIGKILL');
  });
});

describe('buildFixtureEnv', () => {
  const parentEnv = { PATH: '/bin', HOME: '/home/t', SECRET: 'x', NODE_OPTIONS: '--inspect' };

  it.each([
    ['keeps only PATH and HOME by default', {}, { PATH: '/bin', HOME: '/home/t' }],
    ['adds the variables given', { env: { A: '1' } }, { PATH: '/bin', HOME: '/home/t', A: '1' }],
    ['removes a variable given as undefined', { env: { HOME: undefined } }, { PATH: '/bin' }],
    ['inherits everything on request', { inheritEnv: true, env: { SECRET: undefined } }, { PATH: '/bin', HOME: '/home/t', NODE_OPTIONS: '--inspect' }],
  ])('%s', (_name, options, expected) => {
    expect(buildFixtureEnv(options, parentEnv)).toEqual(expected);
  });
});
