import { describe, expect, it } from 'vitest';
import { exportTo, getJson, startTracedApp, useOtlpReceiver } from './helpers/traced-app.js';

const receiver = useOtlpReceiver();

// The downward-API variables a Deployment sets (k8s/base/shop), in a pod of a Deployment.
const POD_ENV = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  K8S_NAMESPACE_NAME: 'shop',
  K8S_POD_NAME: 'checkout-7d4b9c8f5-x2x4q',
  K8S_POD_UID: '3f7c2a1e-5b6d-4c8e-9f0a-1b2c3d4e5f60',
  K8S_CONTAINER_NAME: 'app',
  K8S_NODE_NAME: 'node-a',
  K8S_POD_IP: '10.244.1.17',
};

describe('running in Kubernetes', () => {
  it('puts pod metadata from the downward API on every exported span', async () => {
    const app = await startTracedApp({ fixture: 'http-app.mjs', env: { ...exportTo(receiver), ...POD_ENV } });
    await getJson(app.url('/leaf'));
    const [span] = await receiver.waitForSpans(1);
    expect(span?.resource).toMatchObject({
      'k8s.namespace.name': 'shop',
      'k8s.pod.name': 'checkout-7d4b9c8f5-x2x4q',
      'k8s.pod.uid': '3f7c2a1e-5b6d-4c8e-9f0a-1b2c3d4e5f60',
      'k8s.container.name': 'app',
      'k8s.node.name': 'node-a',
      'k8s.pod.ip': '10.244.1.17',
      'k8s.deployment.name': 'checkout',
      'k8s.replicaset.name': 'checkout-7d4b9c8f5',
      'service.instance.id': 'shop.checkout-7d4b9c8f5-x2x4q.app',
    });
  });

  it('outside Kubernetes no k8s.* attribute appears', async () => {
    const app = await startTracedApp({ fixture: 'http-app.mjs', env: exportTo(receiver) });
    await getJson(app.url('/leaf'));
    const [span] = await receiver.waitForSpans(1);
    expect(Object.keys(span!.resource).filter((key) => key.startsWith('k8s.'))).toEqual([]);
  });
});
