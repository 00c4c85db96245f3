// Temporary files and folders of a test file, removed after its tests (afterAll at file level:
// test files import this module while they are collected).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

let root: string | undefined;
let count = 0;

/** A new empty folder inside this worker's scratch folder. */
export function scratchDir(): string {
  if (!root) {
    root = mkdtempSync(join(tmpdir(), 'tracekit-manifests-'));
  }
  const folder = join(root, String(++count));
  mkdirSync(folder);
  return folder;
}

/** Writes `text` to a file called `name` in a new scratch folder; returns its path. */
export function scratchFile(name: string, text: string): string {
  const file = join(scratchDir(), name);
  writeFileSync(file, text);
  return file;
}

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});
