/**
 * The resource attribute names this detector fills, as the OpenTelemetry semantic conventions
 * spell them (checked against @opentelemetry/semantic-conventions 1.45). Most k8s.* names live
 * only in the package's incubating entry point, which its maintainers advise copying rather
 * than importing, so they are copied here.
 */
export const ATTR_K8S_NAMESPACE_NAME = 'k8s.namespace.name';
export const ATTR_K8S_POD_NAME = 'k8s.pod.name';
export const ATTR_K8S_POD_UID = 'k8s.pod.uid';
export const ATTR_K8S_POD_IP = 'k8s.pod.ip';
export const ATTR_K8S_NODE_NAME = 'k8s.node.name';
export const ATTR_K8S_CONTAINER_NAME = 'k8s.container.name';
export const ATTR_K8S_CLUSTER_NAME = 'k8s.cluster.name';
export const ATTR_K8S_DEPLOYMENT_NAME = 'k8s.deployment.name';
export const ATTR_K8S_REPLICASET_NAME = 'k8s.replicaset.name';
export const ATTR_K8S_STATEFULSET_NAME = 'k8s.statefulset.name';
export const ATTR_K8S_JOB_NAME = 'k8s.job.name';
export const ATTR_CONTAINER_ID = 'container.id';
export const ATTR_SERVICE_INSTANCE_ID = 'service.instance.id';

/**
 * Pod annotations with this prefix name resource attributes
 * (semantic conventions, "Populating resource attributes in Kubernetes").
 */
export const RESOURCE_ANNOTATION_PREFIX = 'resource.opentelemetry.io/';

/** Every attribute the detector may fill from its own sources, in the order the README lists them. */
export const K8S_ATTRIBUTE_NAMES = [
  ATTR_K8S_NAMESPACE_NAME,
  ATTR_K8S_POD_NAME,
  ATTR_K8S_POD_UID,
  ATTR_K8S_POD_IP,
  ATTR_K8S_NODE_NAME,
  ATTR_K8S_CONTAINER_NAME,
  ATTR_K8S_CLUSTER_NAME,
  ATTR_K8S_DEPLOYMENT_NAME,
  ATTR_K8S_REPLICASET_NAME,
  ATTR_K8S_STATEFULSET_NAME,
  ATTR_K8S_JOB_NAME,
  ATTR_CONTAINER_ID,
  ATTR_SERVICE_INSTANCE_ID,
] as const;
export type K8sAttributeName = (typeof K8S_ATTRIBUTE_NAMES)[number];
