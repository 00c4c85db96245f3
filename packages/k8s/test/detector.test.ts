/** The ResourceDetector contract: synchronous plain values, works with detectResources, never throws. */
import { detectResources } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { createK8sDetector, detectK8sAttributes, isRunningInKubernetes, k8sDetector, readK8sSources } from '../src/index.js';
import { uuidV5 } from '../src/service-instance-id.js';
import { IN_CLUSTER, fixtureRoot } from './helpers/fixtures.js';

const POD_ENV = { ...IN_CLUSTER, K8S_NAMESPACE_NAME: 'shop', K8S_POD_NAME: 'web-0', K8S_CONTAINER_NAME: 'app' };

describe('k8s detector', () => {
  it('returns plain strings, never promises, so nothing is pending after detection', () => {
    const detected = createK8sDetector({ root: fixtureRoot('k8s-downward-api'), env: POD_ENV, hostname: '' }).detect();
    for (const value of Object.values(detected.attributes ?? {})) expect(typeof value).toBe('string');

    const resource = detectResources({ detectors: [createK8sDetector({ root: fixtureRoot('k8s-downward-api'), env: POD_ENV, hostname: '' })] });
    expect(resource.asyncAttributesPending).toBe(false);
    expect(resource.attributes).toMatchObject({ 'k8s.pod.name': 'web-0', 'k8s.namespace.name': 'shop', 'service.instance.id': 'shop.web-0.app' });
  });

  it('wins over the serviceinstance detector when listed after it', () => {
    const random = { detect: () => ({ attributes: { 'service.instance.id': 'random-uuid' } }) };
    const resource = detectResources({ detectors: [random, createK8sDetector({ root: fixtureRoot('no-container'), env: POD_ENV, hostname: '' })] });
    expect(resource.attributes['service.instance.id']).toBe('shop.web-0.app');
  });

  it('leaves an earlier detector\'s value alone when it has none of its own', () => {
    const earlier = { detect: () => ({ attributes: { 'service.instance.id': 'random-uuid' } }) };
    const resource = detectResources({ detectors: [earlier, createK8sDetector({ root: fixtureRoot('no-container'), env: {}, hostname: '' })] });
    expect(resource.attributes['service.instance.id']).toBe('random-uuid');
  });

  it('finds nothing, and does not throw, under a root that does not exist', () => {
    expect(createK8sDetector({ root: '/nonexistent/tracekit', env: {}, hostname: '' }).detect()).toEqual({ attributes: {} });
  });

  it('a host-name function that throws is a missing host name', () => {
    const detector = createK8sDetector({
      root: '/nonexistent/tracekit',
      env: IN_CLUSTER,
      hostname: () => {
        throw new Error('no host name');
      },
    });
    expect(detector.detect()).toEqual({ attributes: {} });
  });

  it('reads the environment when detect() runs, not when the detector is created', () => {
    const env: Record<string, string> = {};
    const detector = createK8sDetector({ root: '/nonexistent/tracekit', env, hostname: '' });
    env.K8S_CLUSTER_NAME = 'late';
    expect(detector.detect().attributes).toEqual({ 'k8s.cluster.name': 'late' });
  });

  it('the default detector runs on this machine without throwing and returns only strings', () => {
    const { attributes = {} } = k8sDetector.detect();
    for (const value of Object.values(attributes)) expect(typeof value === 'string' && value.length > 0).toBe(true);
  });

  it('readK8sSources and detectK8sAttributes together equal the detector', () => {
    const options = { root: fixtureRoot('containerd-cgroup-v1'), env: IN_CLUSTER, hostname: 'api-6d8f9b7c54-q7m2x' };
    expect(detectK8sAttributes(readK8sSources(options)).attributes).toEqual(createK8sDetector(options).detect().attributes);
  });

  it('the uuid service.instance.id format', () => {
    const detector = createK8sDetector({ root: '/nonexistent/tracekit', env: POD_ENV, hostname: '', serviceInstanceId: 'uuid' });
    expect(detector.detect().attributes?.['service.instance.id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('uuidV5', () => {
  it('matches the RFC 9562 / Python uuid5 value for www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

describe('isRunningInKubernetes', () => {
  it.each([
    [{ KUBERNETES_SERVICE_HOST: '10.96.0.1' }, true],
    [{ KUBERNETES_SERVICE_HOST: '' }, false],
    [{ KUBERNETES_SERVICE_HOST: '  ' }, false],
    [{}, false],
  ])('%j → %s', (env, expected) => {
    expect(isRunningInKubernetes(env)).toBe(expected);
  });
});
