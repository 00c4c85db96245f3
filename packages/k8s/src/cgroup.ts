/**
 * What /proc/self/cgroup says about this process's container. Each line is
 * `hierarchy-id:controllers:path`; cgroup v1 has one line per hierarchy, cgroup v2 a single
 * `0::path` line. With a private cgroup namespace (the cgroup v2 default of containerd and
 * Docker) the path is `/` and tells nothing; the mountinfo parser is the fallback then.
 */
export interface CgroupFacts {
  readonly containerId?: string;
  /** From a kubelet-created `pod<uid>` cgroup (the systemd driver writes the uid with `_`). */
  readonly podUid?: string;
}

/**
 * One path segment naming a container, with or without the runtime prefix and `.scope`:
 *   `<id>`                          Docker (cgroupfs), containerd and CRI-O under cgroupfs, ECS
 *   `docker-<id>.scope`             Docker with the systemd driver
 *   `cri-containerd-<id>.scope`     containerd's CRI plugin with the systemd driver
 *   `crio-<id>.scope`               CRI-O with the systemd driver
 *   `libpod-<id>.scope`             Podman
 *   `nerdctl-<id>.scope`            nerdctl with the systemd driver
 * `crio-conmon-<id>.scope` and `libpod-conmon-<id>.scope` are the monitor processes, not the
 * container, and do not match.
 */
const CONTAINER_SEGMENT = /^(?:(?:docker|cri-containerd|crio|libpod|nerdctl|containerd)-)?([0-9a-f]{64})(?:\.scope)?$/;

/** `pod<uid>` as a cgroupfs directory (`/kubepods/burstable/pod<uid>/`) or a systemd slice (`kubepods-burstable-pod<uid_>.slice`). */
const POD_SEGMENT = /(?:^|-)pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(?:\.slice)?$/;

export function parseCgroup(text: string): CgroupFacts {
  let containerId: string | undefined;
  let podUid: string | undefined;
  for (const line of text.split('\n')) {
    const path = cgroupPath(line);
    if (path === undefined) continue;
    const segments = path.split('/').filter(Boolean);
    containerId ??= lastContainerSegment(segments);
    if (segments.some((segment) => segment.startsWith('kubepods'))) podUid ??= podSegment(segments);
    if (containerId !== undefined && podUid !== undefined) break;
  }
  return { ...(containerId && { containerId }), ...(podUid && { podUid }) };
}

function cgroupPath(line: string): string | undefined {
  const first = line.indexOf(':');
  const second = first < 0 ? -1 : line.indexOf(':', first + 1);
  if (second < 0) return undefined;
  return line.slice(second + 1).trim();
}

/** The innermost container wins: under Docker-in-Docker the path is `/docker/<outer>/docker/<inner>`. */
function lastContainerSegment(segments: readonly string[]): string | undefined {
  for (let index = segments.length - 1; index >= 0; index--) {
    const match = CONTAINER_SEGMENT.exec(segments[index] as string);
    if (match) return match[1];
  }
  return undefined;
}

function podSegment(segments: readonly string[]): string | undefined {
  for (const segment of segments) {
    const match = POD_SEGMENT.exec(segment);
    if (match) return (match[1] as string).replaceAll('_', '-');
  }
  return undefined;
}
