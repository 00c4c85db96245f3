import path from 'node:path';
import { resolveK8sOptions, type ResolvedK8sOptions } from './options.js';
import { LINE_FILE_MAX_BYTES, readLineFile, readValueFile } from './read-file.js';
import type { K8sDetectorOptions, K8sSources, PodinfoFiles } from './types.js';

export const SERVICE_ACCOUNT_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
export const CGROUP_FILE = '/proc/self/cgroup';
export const MOUNTINFO_FILE = '/proc/self/mountinfo';

/**
 * Reads every source the detector uses: a handful of small files, synchronously, each bounded
 * by a size cap, with `node:fs` directly. No network, no child process. Anything missing or
 * unreadable is left out.
 */
export function readK8sSources(options: K8sDetectorOptions = {}): K8sSources {
  return readSources(resolveK8sOptions(options));
}

export function readSources(resolved: ResolvedK8sOptions): K8sSources {
  const at = (file: string) => path.join(resolved.root, file);
  const podinfoDir = at(resolved.podinfoDir);
  const podinfo = definedOnly<PodinfoFiles>({
    name: readValueFile(path.join(podinfoDir, 'name')),
    namespace: readValueFile(path.join(podinfoDir, 'namespace')),
    uid: readValueFile(path.join(podinfoDir, 'uid')),
    labels: readLineFile(path.join(podinfoDir, 'labels'), LINE_FILE_MAX_BYTES, true),
    annotations: readLineFile(path.join(podinfoDir, 'annotations'), LINE_FILE_MAX_BYTES, true),
  });
  return definedOnly<K8sSources>({
    env: resolved.env,
    podinfo: Object.keys(podinfo).length > 0 ? podinfo : undefined,
    serviceAccountNamespace: readValueFile(at(SERVICE_ACCOUNT_NAMESPACE_FILE)),
    hostname: readHostname(resolved),
    cgroup: readLineFile(at(CGROUP_FILE)),
    mountinfo: readLineFile(at(MOUNTINFO_FILE)),
  });
}

function readHostname(options: ResolvedK8sOptions): string | undefined {
  try {
    return options.hostname()?.trim() || undefined;
  } catch {
    return undefined;
  }
}

function definedOnly<T extends object>(record: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
