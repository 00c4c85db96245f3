import { diag } from '@opentelemetry/api';
import type { DetectedResource, ResourceDetector } from '@opentelemetry/resources';
import { detectK8sAttributes } from './detect-attributes.js';
import { resolveK8sOptions } from './options.js';
import { readSources } from './read-sources.js';
import type { K8sDetectorOptions } from './types.js';

const logger = diag.createComponentLogger({ namespace: '@tracekit/k8s' });

/**
 * Detects Kubernetes resource attributes when `detect()` runs (not when created), so the
 * environment and files of that moment count.
 *
 * All reads are synchronous and finish inside `detect()`: the values are plain strings, never
 * promises. That costs a few small reads from procfs and tmpfs (well under a millisecond) and
 * buys three things: the resource is complete before the tracer provider exists, so the reads
 * can never be traced; no "attributes accessed before async attributes settled" errors; and a
 * source that is missing leaves its attribute out, where a promise resolving to nothing would
 * still be logged as an invalid attribute value.
 */
class K8sDetector implements ResourceDetector {
  constructor(private readonly options: K8sDetectorOptions) {}

  detect(): DetectedResource {
    try {
      const resolved = resolveK8sOptions(this.options);
      const { attributes, origins } = detectK8sAttributes(readSources(resolved), resolved);
      const found = Object.entries(attributes).map(([name, value]) => `${name}=${value} (${origins[name]})`);
      logger.debug(found.length > 0 ? `found ${found.join(', ')}` : 'found no Kubernetes attributes');
      return { attributes: { ...attributes } };
    } catch (error) {
      logger.debug(`Kubernetes detection failed: ${error instanceof Error ? error.message : String(error)}`);
      return {};
    }
  }
}

/** A detector with injectable environment, file-system root and host name (for tests and special mounts). */
export function createK8sDetector(options: K8sDetectorOptions = {}): ResourceDetector {
  return new K8sDetector(options);
}

/** The detector for real use: `process.env`, the real file system, `os.hostname()`. */
export const k8sDetector: ResourceDetector = createK8sDetector();
