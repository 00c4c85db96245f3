/**
 * Workload names derived from the pod name, only where that is sound.
 *
 * A Deployment's pods are named `<deployment>-<pod-template-hash>-<suffix>`:
 * - the ReplicaSet is `<deployment>-<pod-template-hash>`, where the hash is Kubernetes'
 *   `SafeEncodeString` of a decimal uint32 (controller.ComputeHash). That encoding maps each
 *   digit into `bcdfghjklmnpqrstvwxz2456789`, and the ten digits land on only ten of those
 *   characters: `4 5 6 7 8 9 b c d f`. A uint32 has at most 10 digits and no leading zero
 *   (which would encode as `4`).
 * - the pod suffix is 5 random characters of the full alphabet (generateName).
 * - generateName cuts the `<replicaset>-` prefix to 58 characters, so a 63-character pod name
 *   may hold a cut name: such names are left alone.
 *
 * When the downward-API labels are available they decide: the Deployment controller labels its
 * pods `pod-template-hash=<hash>`, so without that label the pod is not a Deployment's, and
 * with it the hash in the name must be that value. Without labels the shape alone decides,
 * and hashes shorter than 6 characters are not trusted (under 0.003 % of real hashes are, and
 * short words such as `db` would otherwise pass).
 *
 * StatefulSet and Job names come only from the labels their controllers set
 * (`statefulset.kubernetes.io/pod-name`, `batch.kubernetes.io/job-name`); `<name>-<ordinal>`
 * alone could be any pod.
 */
export interface WorkloadNames {
  readonly deployment?: string;
  readonly replicaSet?: string;
  readonly statefulSet?: string;
  readonly job?: string;
}

const POD_SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
const TEMPLATE_HASH = /^[5-9bcdf][4-9bcdf]{0,9}$/;
const MIN_HASH_LENGTH_WITHOUT_LABELS = 6;
const MAX_POD_NAME_LENGTH = 63;

export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';
export const LABEL_STATEFULSET_POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const LABEL_JOB_NAME = 'batch.kubernetes.io/job-name';

export function deriveWorkloadNames(podName: string | undefined, labels: ReadonlyMap<string, string> | undefined): WorkloadNames {
  if (podName === undefined) return {};
  return {
    ...replicaSetOwner(podName, labels),
    ...statefulSetOwner(podName, labels),
    ...jobOwner(labels),
  };
}

function replicaSetOwner(podName: string, labels: ReadonlyMap<string, string> | undefined): WorkloadNames {
  if (podName.length >= MAX_POD_NAME_LENGTH) return {};
  const match = new RegExp(`^(.+)-([^-]+)-${POD_SUFFIX}$`).exec(podName);
  if (!match) return {};
  const deployment = match[1] as string;
  const hash = match[2] as string;
  if (labels !== undefined) {
    if (labels.get(LABEL_POD_TEMPLATE_HASH) !== hash) return {};
  } else if (hash.length < MIN_HASH_LENGTH_WITHOUT_LABELS) {
    return {};
  }
  if (!TEMPLATE_HASH.test(hash) || !isDnsLabelStart(deployment)) return {};
  return { deployment, replicaSet: `${deployment}-${hash}` };
}

function statefulSetOwner(podName: string, labels: ReadonlyMap<string, string> | undefined): WorkloadNames {
  if (labels?.get(LABEL_STATEFULSET_POD_NAME) !== podName) return {};
  const match = /^(.+)-(0|[1-9][0-9]*)$/.exec(podName);
  return match ? { statefulSet: match[1] as string } : {};
}

function jobOwner(labels: ReadonlyMap<string, string> | undefined): WorkloadNames {
  const job = labels?.get(LABEL_JOB_NAME)?.trim();
  return job ? { job } : {};
}

function isDnsLabelStart(name: string): boolean {
  return /^[a-z0-9]/.test(name) && !name.endsWith('-');
}
