/**
 * The published shape: every file the `exports` map names is in the tarball, and both entry
 * points load by package name (self-reference goes through the same `exports` map a consumer
 * uses). Runs against dist/, which turbo builds before `test`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, Record<string, string>>>;
};
// npm runs on the same Node as the tests.
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };

function exportTargets(): string[] {
  return Object.values(manifest.exports).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : Object.values(entry).flatMap((conditions) => Object.values(conditions)),
  );
}

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: PACKAGE_ROOT, env, encoding: 'utf8' }).trim();
}

beforeAll(() => {
  if (!existsSync(path.join(PACKAGE_ROOT, 'dist', 'index.mjs'))) throw new Error('dist/ is missing: run `pnpm build` (turbo runs it before `test`)');
});

describe('@tracekit/k8s as published', () => {
  it('packs every file the exports map names, and the README', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE_ROOT, env, encoding: 'utf8' })) as [
      { files: { path: string }[] },
    ];
    const files = new Set(packed.files.map((file) => file.path));
    for (const target of exportTargets()) expect(files, target).toContain(path.posix.normalize(target));
    expect(files).toContain('README.md');
    expect([...files].filter((file) => file.startsWith('test/') || file.startsWith('src/'))).toEqual([]);
  });

  it('require() and import() give the same named exports', () => {
    const required = node(['-e', "console.log(Object.keys(require('@tracekit/k8s')).sort().join(','))"]);
    const imported = node(['--input-type=module', '-e', "const m = await import('@tracekit/k8s'); console.log(Object.keys(m).sort().join(','))"]);
    expect(required).toBe(imported);
    expect(required.split(',')).toEqual(expect.arrayContaining(['k8sDetector', 'createK8sDetector', 'detectK8sAttributes', 'isRunningInKubernetes']));
  });

  it('the built detector runs in a child process', () => {
    const out = node([
      '-e',
      "const { createK8sDetector } = require('@tracekit/k8s'); console.log(JSON.stringify(createK8sDetector({ root: '/nonexistent', env: { K8S_POD_NAME: 'web-0' }, hostname: '' }).detect()))",
    ]);
    expect(JSON.parse(out)).toEqual({ attributes: { 'k8s.pod.name': 'web-0' } });
  });
});
