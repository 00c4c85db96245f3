/** Bounded, synchronous file reads: size caps, whole lines only, nothing that can block or throw. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createK8sDetector, readK8sSources } from '../src/index.js';
import { LINE_FILE_MAX_BYTES, VALUE_FILE_MAX_BYTES, readLineFile, readValueFile } from '../src/read-file.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tracekit-k8s-read-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, content: string | Buffer): string {
  const target = path.join(dir, name);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
  return target;
}

describe('one-value files', () => {
  it('are trimmed', () => {
    expect(readValueFile(file('name', '  web-0\n'))).toBe('web-0');
  });

  it('empty or blank read as absent, not as an empty string', () => {
    expect(readValueFile(file('empty', ''))).toBeUndefined();
    expect(readValueFile(file('blank', ' \n\t'))).toBeUndefined();
  });

  it('over the cap read as absent rather than cut', () => {
    expect(readValueFile(file('exact', 'a'.repeat(VALUE_FILE_MAX_BYTES)))).toBe('a'.repeat(VALUE_FILE_MAX_BYTES));
    expect(readValueFile(file('huge', 'a'.repeat(VALUE_FILE_MAX_BYTES + 1)))).toBeUndefined();
  });

  it('missing files and directories read as absent', () => {
    expect(readValueFile(path.join(dir, 'missing'))).toBeUndefined();
    expect(readValueFile(dir)).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('a FIFO reads as absent without blocking', () => {
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(readValueFile(fifo)).toBeUndefined();
  });
});

describe('line files', () => {
  it('past the cap keep only whole lines', () => {
    const line = `${'x'.repeat(99)}\n`;
    const lines = Math.ceil((LINE_FILE_MAX_BYTES + 1) / line.length) + 10;
    const text = readLineFile(file('big-mountinfo', line.repeat(lines)));
    expect(text).toBeDefined();
    const read = (text as string).split('\n');
    expect(read.length).toBe(Math.floor(LINE_FILE_MAX_BYTES / line.length));
    expect(read.every((entry) => entry === 'x'.repeat(99))).toBe(true);
  });

  it('under the cap come back whole', () => {
    expect(readLineFile(file('small', 'a\nb\n'))).toBe('a\nb\n');
  });
});

describe('the detector and file sizes', () => {
  it('a giant podinfo name is left out, the rest still counts', () => {
    const root = path.join(dir, 'root-giant');
    file('root-giant/etc/podinfo/name', 'p'.repeat(VALUE_FILE_MAX_BYTES * 4));
    file('root-giant/etc/podinfo/namespace', 'shop');
    expect(createK8sDetector({ root, env: {}, hostname: '' }).detect().attributes).toEqual({ 'k8s.namespace.name': 'shop' });
  });

  it('an empty labels file is read as "no labels", not as "no file"', () => {
    const root = path.join(dir, 'root-empty-labels');
    file('root-empty-labels/etc/podinfo/labels', '');
    expect(readK8sSources({ root, env: {}, hostname: '' }).podinfo).toEqual({ labels: '' });
  });

  it('TRACEKIT_K8S_PODINFO_DIR and the podinfoDir option move the downward-API folder', () => {
    const root = path.join(dir, 'root-moved');
    file('root-moved/var/podinfo/namespace', 'moved');
    const fromEnv = createK8sDetector({ root, env: { TRACEKIT_K8S_PODINFO_DIR: '/var/podinfo' }, hostname: '' });
    expect(fromEnv.detect().attributes).toEqual({ 'k8s.namespace.name': 'moved' });
    const fromOption = createK8sDetector({ root, env: { TRACEKIT_K8S_PODINFO_DIR: '/elsewhere' }, podinfoDir: '/var/podinfo', hostname: '' });
    expect(fromOption.detect().attributes).toEqual({ 'k8s.namespace.name': 'moved' });
  });
});
