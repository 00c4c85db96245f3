import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Cap for one-value files (downward-API name, namespace, uid): Kubernetes names are at most 253 bytes. */
export const VALUE_FILE_MAX_BYTES = 4 * 1024;
/**
 * Cap for line files (/proc/self/cgroup, /proc/self/mountinfo, downward-API labels and
 * annotations). Annotations may total 256 KiB, and quoting can make the file larger; a
 * container's mountinfo is a few KiB. Past the cap only complete lines are kept.
 */
export const LINE_FILE_MAX_BYTES = 512 * 1024;

const CHUNK_BYTES = 64 * 1024;
// Opening a FIFO for reading would block until a writer appears; non-blocking open cannot.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

interface BoundedText {
  readonly text: string;
  /** True when the file had more than the cap; `text` then holds the first `maxBytes` bytes. */
  readonly truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a regular file, synchronously and with `node:fs` directly.
 * Anything unreadable (missing, a directory, a device, no permission) reads as undefined.
 * /proc files report size 0, so the loop reads until end of file rather than trusting stat.
 */
export function readBounded(file: string, maxBytes: number): BoundedText | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, OPEN_FLAGS);
    if (!fstatSync(fd).isFile()) return undefined;
    const chunks: Buffer[] = [];
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1));
    let total = 0;
    while (total <= maxBytes) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, maxBytes + 1 - total), null);
      if (read === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, read)));
      total += read;
    }
    const all = Buffer.concat(chunks, total);
    const truncated = total > maxBytes;
    return { text: all.toString('utf8', 0, Math.min(total, maxBytes)), truncated };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing to do: the text, if any, is already read.
      }
    }
  }
}

/** A one-value file, trimmed; undefined when missing, empty or over the cap (never a cut value). */
export function readValueFile(file: string, maxBytes = VALUE_FILE_MAX_BYTES): string | undefined {
  const read = readBounded(file, maxBytes);
  if (read === undefined || read.truncated) return undefined;
  const value = read.text.trim();
  return value ? value : undefined;
}

/**
 * A line-oriented file; past the cap, the cut last line is dropped so every line is whole.
 * A blank file reads as absent, unless `keepEmpty`: an empty downward-API `labels` file still
 * says something (the pod has no labels), so it reads as `''`.
 */
export function readLineFile(file: string, maxBytes = LINE_FILE_MAX_BYTES, keepEmpty = false): string | undefined {
  const read = readBounded(file, maxBytes);
  if (read === undefined) return undefined;
  const text = read.truncated ? read.text.slice(0, Math.max(0, read.text.lastIndexOf('\n'))) : read.text;
  return text.trim() || keepEmpty ? text : undefined;
}
