// Turns an in-cluster Collector or Jaeger config into one that runs on this machine: every
// listener (on the pod IP, 0.0.0.0 or localhost) moves to a free port on 127.0.0.1, so the
// real binaries can run beside anything else on the machine. Nothing else is changed.
import type { K8sObject } from './manifests.js';
import { freePort } from './processes.js';

const LISTENER = /^(?:\$\{env:MY_POD_IP\}|0\.0\.0\.0|localhost|127\.0\.0\.1):(\d+)$/;

/** Returns the rebound config and the new port of each original port. */
export async function onLoopback(config: K8sObject): Promise<{ config: K8sObject; ports: Record<string, number> }> {
  const ports: Record<string, number> = {};
  const portFor = async (original: string) => (ports[original] ??= await freePort());
  const walk = async (node: unknown): Promise<unknown> => {
    if (typeof node === 'string') {
      const match = LISTENER.exec(node);
      return match ? `127.0.0.1:${await portFor(match[1]!)}` : node;
    }
    if (Array.isArray(node)) {
      const out = [];
      for (const child of node) out.push(await walk(child));
      return out;
    }
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[key] = await walk(child);
      return out;
    }
    return node;
  };
  const local = (await walk(config)) as K8sObject;
  for (const reader of (local.service?.telemetry?.metrics?.readers ?? []) as K8sObject[]) {
    const prometheus = reader.pull?.exporter?.prometheus;
    if (prometheus) Object.assign(prometheus, { host: '127.0.0.1', port: await portFor(String(prometheus.port)) });
  }
  return { config: local, ports };
}
