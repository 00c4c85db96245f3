/**
 * k8s.deployment.name / k8s.replicaset.name from `<deployment>-<pod-template-hash>-<suffix>`,
 * and StatefulSet / Job names from controller labels: derived only where sound.
 */
import { describe, expect, it } from 'vitest';
import { deriveWorkloadNames, type WorkloadNames } from '../src/workload-names.js';

interface WorkloadRow {
  readonly pod: string;
  readonly labels?: Record<string, string>;
  readonly expected: WorkloadNames;
  readonly why: string;
}

const rows: WorkloadRow[] = [
  { pod: 'checkout-7d4b9c8f5-x2x4q', expected: { deployment: 'checkout', replicaSet: 'checkout-7d4b9c8f5' }, why: '9-character hash' },
  { pod: 'api-gateway-5d59d67564-lm8vz', expected: { deployment: 'api-gateway', replicaSet: 'api-gateway-5d59d67564' }, why: 'hyphens in the name, 10-character hash' },
  { pod: 'a-bcdf98-zzzzz', expected: { deployment: 'a', replicaSet: 'a-bcdf98' }, why: 'a 6-character hash is the shortest trusted from the shape alone' },
  { pod: 'web-db-x2x4q', expected: {}, why: '"db" uses hash characters but is too short to be a hash without labels' },
  { pod: 'web-db-x2x4q', labels: { 'pod-template-hash': 'db' }, expected: { deployment: 'web', replicaSet: 'web-db' }, why: 'the pod-template-hash label confirms even a short hash' },
  { pod: 'nightly-report-28641120-zx9qk', expected: {}, why: 'digits 0-3 never occur in a pod-template-hash (a Job pod)' },
  { pod: 'checkout-7d4b9c8f5-x2x4a', expected: {}, why: '"a" is not in the suffix alphabet' },
  { pod: 'checkout-7d4b9c8f5-x2x4', expected: {}, why: 'the suffix has 5 characters' },
  { pod: 'checkout-47d4b9c8f5-x2x4q', expected: {}, why: 'a leading "4" would be a leading zero' },
  { pod: 'checkout-7d4b9c8f55d-x2x4q', expected: {}, why: 'a uint32 has at most 10 digits' },
  { pod: 'web-0', expected: {}, why: 'a StatefulSet-style name is no Deployment' },
  { pod: 'standalone', expected: {}, why: 'a bare pod' },
  { pod: `${'x'.repeat(47)}-7d4b9c8f5-x2x4q`, expected: {}, why: 'a 63-character name may hold a cut ReplicaSet name' },
  { pod: `${'x'.repeat(46)}-7d4b9c8f5-x2x4q`, expected: { deployment: 'x'.repeat(46), replicaSet: `${'x'.repeat(46)}-7d4b9c8f5` }, why: '62 characters: nothing was cut' },
  {
    pod: 'checkout-7d4b9c8f5-x2x4q',
    labels: { 'app.kubernetes.io/name': 'checkout' },
    expected: {},
    why: 'labels without pod-template-hash: not a Deployment pod (Argo Rollouts, a bare ReplicaSet)',
  },
  {
    pod: 'checkout-7d4b9c8f5-x2x4q',
    labels: { 'pod-template-hash': '6c5b8d7f9' },
    expected: {},
    why: 'the label and the name disagree',
  },
  {
    pod: 'checkout-7d4b9c8f5-x2x4q',
    labels: { 'pod-template-hash': '7d4b9c8f5' },
    expected: { deployment: 'checkout', replicaSet: 'checkout-7d4b9c8f5' },
    why: 'the label confirms the shape',
  },
  { pod: 'web-2', labels: { 'statefulset.kubernetes.io/pod-name': 'web-2' }, expected: { statefulSet: 'web' }, why: 'the StatefulSet controller labels each pod with its own name' },
  { pod: 'web-2', labels: { 'statefulset.kubernetes.io/pod-name': 'web-1' }, expected: {}, why: 'a label naming another pod is not evidence' },
  { pod: 'web-02', labels: { 'statefulset.kubernetes.io/pod-name': 'web-02' }, expected: {}, why: 'ordinals have no leading zero' },
  {
    pod: 'nightly-report-28641120-zx9qk',
    labels: { 'batch.kubernetes.io/job-name': 'nightly-report-28641120' },
    expected: { job: 'nightly-report-28641120' },
    why: 'the Job controller sets batch.kubernetes.io/job-name',
  },
];

describe('workload names from the pod name', () => {
  for (const row of rows) {
    const labelText = row.labels ? ` with labels ${Object.entries(row.labels).map(([k, v]) => `${k}=${v}`).join(',')}` : '';
    it(`${row.pod}${labelText}: ${row.why}`, () => {
      expect(deriveWorkloadNames(row.pod, row.labels && new Map(Object.entries(row.labels)))).toEqual(row.expected);
    });
  }

  it('no pod name, no workload', () => {
    expect(deriveWorkloadNames(undefined, new Map([['pod-template-hash', '7d4b9c8f5']]))).toEqual({});
  });

  it('the hash alphabet is what SafeEncodeString makes of decimal digits', () => {
    // k8s.io/apimachinery/pkg/util/rand: alphanums[int(b) % len(alphanums)] for each digit byte.
    const alphanums = 'bcdfghjklmnpqrstvwxz2456789';
    const encoded = [...'0123456789'].map((digit) => alphanums[digit.charCodeAt(0) % alphanums.length]).join('');
    expect(encoded).toBe('456789bcdf');
  });
});
