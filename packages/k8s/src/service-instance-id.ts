import { createHash } from 'node:crypto';

/** The namespace the semantic conventions give for name-based (v5) service.instance.id UUIDs. */
export const SERVICE_INSTANCE_ID_UUID_NAMESPACE = '4d63009a-8d0f-11ee-aad7-4c796ed8e320';

/**
 * How service.instance.id is written:
 * - `name`: `<k8s.namespace.name>.<k8s.pod.name>.<k8s.container.name>`, the semantic
 *   conventions' rule for Kubernetes (non-normative "Populating resource attributes in
 *   Kubernetes") and the value the OpenTelemetry Operator injects.
 * - `uuid`: a UUID v5 of that name in the namespace above, the general rule for
 *   service.instance.id built from an inherent id, for those who treat the names as private.
 */
export type ServiceInstanceIdFormat = 'name' | 'uuid';

export function serviceInstanceId(
  namespace: string,
  podName: string,
  containerName: string,
  format: ServiceInstanceIdFormat,
): string {
  const name = `${namespace}.${podName}.${containerName}`;
  return format === 'uuid' ? uuidV5(name, SERVICE_INSTANCE_ID_UUID_NAMESPACE) : name;
}

/** RFC 9562 UUID version 5: SHA-1 of the namespace's 16 bytes and the UTF-8 name. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceHex = namespace.replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(namespaceHex)) throw new TypeError(`Not a UUID: ${namespace}`);
  const digest = createHash('sha1').update(Buffer.from(namespaceHex, 'hex')).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
