import {
  defaultResource,
  detectResources,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
  type Resource,
  type ResourceDetector,
} from '@opentelemetry/resources';
import { k8sDetector } from '@tracekit/k8s';
import type { ResolvedConfig, ResourceDetectorName } from './types.js';
import { requireModule } from './load-module.js';
import { TRACEKIT_VERSION } from './version.js';

/**
 * OTEL_RESOURCE_ATTRIBUTES is applied by the configuration itself, so `env` needs no
 * detector; the container detector is loaded only when asked for.
 */
const DETECTORS: Record<ResourceDetectorName, () => ResourceDetector | undefined> = {
  env: () => undefined,
  host: () => hostDetector,
  os: () => osDetector,
  process: () => processDetector,
  serviceinstance: () => serviceInstanceIdDetector,
  k8s: () => k8sDetector,
  container: () =>
    (requireModule('@opentelemetry/resource-detector-container') as typeof import('@opentelemetry/resource-detector-container'))
      .containerDetector,
};

/** The SDK's attributes, then detected ones, then the configured ones (which win). */
export function createResource(config: ResolvedConfig): Resource {
  // k8s goes last so its stable service.instance.id wins over the serviceinstance detector's.
  const names = [...config.resourceDetectors].sort((a, b) => Number(a === 'k8s') - Number(b === 'k8s'));
  const detectors = names.flatMap((name) => DETECTORS[name]() ?? []);
  const detected = detectResources({ detectors });
  return defaultResource().merge(detected).merge(
    resourceFromAttributes({
      'telemetry.distro.name': 'tracekit',
      'telemetry.distro.version': TRACEKIT_VERSION,
      ...config.resourceAttributes,
    }),
  );
}
