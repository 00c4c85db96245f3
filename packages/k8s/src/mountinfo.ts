/**
 * What /proc/self/mountinfo says about this process's container and pod. Each line is
 * `id parent major:minor root mount-point options [optional…] - fstype source super-options`,
 * with spaces and other specials in paths written as octal escapes (`\040`).
 */
export interface MountinfoFacts {
  /**
   * The container id in the source of the `/etc/hostname`, `/etc/hosts` or `/etc/resolv.conf`
   * bind mount. Outside Kubernetes that is the container's own id (Docker, Podman, nerdctl).
   * Inside a pod these files belong to the pod sandbox (CRI-O and cri-dockerd mount the
   * sandbox's; containerd's CRI plugin mounts `…/sandboxes/<id>/…`, never matched here), so
   * the caller must not use it there.
   */
  readonly hostFilesContainerId?: string;
  /** True when kubelet-managed paths (`…/pods/<uid>/…`) are mounted: this is a pod. */
  readonly kubeletMounts: boolean;
  /** From kubelet's `…/pods/<uid>/{etc-hosts,containers/…,volumes/…}` mounts, when they all agree. */
  readonly podUid?: string;
  /** From kubelet's termination-message mount `…/pods/<uid>/containers/<container name>/<file>`. */
  readonly containerName?: string;
}

const HOST_FILES = new Set(['/etc/hostname', '/etc/hosts', '/etc/resolv.conf']);
const ID = '([0-9a-f]{64})';
const HOST_FILE_SOURCES = [
  // Docker: /var/lib/docker/containers/<id>/{hostname,hosts,resolv.conf}
  new RegExp(`/containers/${ID}/(?:hostname|hosts|resolv\\.conf)$`),
  // Podman (and CRI-O, whose files are the sandbox's): /var/lib/containers/storage/overlay-containers/<id>/userdata/…
  new RegExp(`/overlay-containers/${ID}/userdata/(?:hostname|hosts|resolv\\.conf)$`),
  // nerdctl: /var/lib/nerdctl/<hash>/containers/<namespace>/<id>/… and …/etchosts/<namespace>/<id>/hosts
  new RegExp(`/(?:containers|etchosts)/[^/]+/${ID}/(?:hostname|hosts|resolv\\.conf)$`),
];

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const KUBELET_POD_PATH = new RegExp(`/pods/${UUID}/(?:etc-hosts$|containers/|volumes/|volume-subpaths/)`);
const KUBELET_CONTAINER_PATH = new RegExp(`/pods/${UUID}/containers/([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)/[^/]+$`);

export function parseMountinfo(text: string): MountinfoFacts {
  const hostFileIds = new Set<string>();
  const podUids = new Set<string>();
  const containerNames = new Set<string>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    if (fields.length < 10 || !fields.includes('-')) continue;
    const root = unescapeMountPath(fields[3] as string);
    const mountPoint = unescapeMountPath(fields[4] as string);

    if (HOST_FILES.has(mountPoint)) {
      for (const pattern of HOST_FILE_SOURCES) {
        const match = pattern.exec(root);
        if (match) hostFileIds.add(match[1] as string);
      }
    }
    const pod = KUBELET_POD_PATH.exec(root);
    if (pod) podUids.add(pod[1] as string);
    const container = KUBELET_CONTAINER_PATH.exec(root);
    if (container) containerNames.add(container[2] as string);
  }
  const hostFilesContainerId = only(hostFileIds);
  const podUid = only(podUids);
  const containerName = podUid === undefined ? undefined : only(containerNames);
  return {
    kubeletMounts: podUids.size > 0,
    ...(hostFilesContainerId && { hostFilesContainerId }),
    ...(podUid && { podUid }),
    ...(containerName && { containerName }),
  };
}

/** The single value of a set; none when empty or when sources disagree. */
function only(values: ReadonlySet<string>): string | undefined {
  return values.size === 1 ? (values.values().next().value as string) : undefined;
}

function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}
