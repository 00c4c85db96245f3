// Starts the whole shop locally, on loopback only: the Collector and Jaeger, then the six
// services with the environment their Kubernetes Deployments have (local-env.mjs). Used by
// the demo and by the end-to-end tests.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBackends } from './backends/start.mjs';
import { localServiceEnv, loadShopManifests } from './local-env.mjs';
import { prepareAllServices } from './services/index.mjs';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SERVICE_ORDER = ['inventory', 'pricing', 'payments', 'orders', 'gateway', 'frontend'];
const SERVICE_PORT_OFFSETS = { frontend: 80, gateway: 81, orders: 82, inventory: 83, pricing: 84, payments: 85 };
const READY_TIMEOUT_MS = 60_000;

/**
 * @param {{ portBase?: number, overrides?: Record<string, string>, log?: (line: string) => void,
 *           cacheDir?: string, quiet?: boolean }} options
 *   `overrides` replaces shop-otel-env ConfigMap values (e.g. OTEL_PROPAGATORS) for every service.
 */
export async function startStack({ portBase = 18000, overrides = {}, log = () => {}, cacheDir, quiet = true } = {}) {
  const manifests = loadShopManifests();
  const ports = Object.fromEntries(Object.entries(SERVICE_PORT_OFFSETS).map(([name, offset]) => [name, portBase + offset]));
  const [foreign, backends] = await Promise.all([prepareAllServices({ cacheDir, log }), startBackends({ portBase, log })]);
  const children = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await backends.stop();
  };
  try {
    const collector = { otlpHttpPort: portOf(backends.collector.otlpHttp), otlpGrpcPort: portOf(backends.collector.otlpGrpc) };
    for (const name of SERVICE_ORDER) {
      const env = { ...localServiceEnv(name, { ports, collector, overrides, manifests }), HOST: '127.0.0.1' };
      const spec = foreign[name] ?? nodeServiceSpec(name);
      const child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...spec.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      await waitForListening(name, child, quiet, log);
      log(`${name} listening on http://127.0.0.1:${ports[name]}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls: Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, `http://127.0.0.1:${port}`])),
    backends,
    stop,
  };
}

function nodeServiceSpec(name) {
  const folder = `${EXAMPLES}${name}/`;
  const { main } = JSON.parse(readFileSync(`${folder}package.json`, 'utf8'));
  return { command: process.execPath, args: [main], cwd: folder, env: {} };
}

function portOf(url) {
  return Number(new URL(url).port);
}

function waitForListening(name, child, quiet, log) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${READY_TIMEOUT_MS / 1000} s:\n${output.slice(-2000)}`)), READY_TIMEOUT_MS);
    const onData = (chunk) => {
      output = (output + chunk).slice(-10_000);
      if (!quiet) for (const line of String(chunk).trimEnd().split('\n')) log(`[${name}] ${line}`);
      if (/LISTENING \d+/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before listening:\n${output.slice(-2000)}`));
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
