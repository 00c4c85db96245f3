/** The file-format parsers: downward-API maps (Go %q quoting), /proc/self/cgroup, /proc/self/mountinfo. */
import { describe, expect, it } from 'vitest';
import { parseCgroup } from '../src/cgroup.js';
import { parseDownwardApiMap, unquoteGoString } from '../src/downward-api-map.js';
import { parseMountinfo } from '../src/mountinfo.js';

const ID = 'f'.repeat(64);
const UID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('downward-API labels and annotations', () => {
  it('reads key="value" lines the way the kubelet writes them', () => {
    const text = 'app.kubernetes.io/name="checkout"\npod-template-hash="7d4b9c8f5"';
    expect(Object.fromEntries(parseDownwardApiMap(text))).toEqual({ 'app.kubernetes.io/name': 'checkout', 'pod-template-hash': '7d4b9c8f5' });
  });

  it('keeps only the keys asked for', () => {
    const text = 'a="1"\nresource.opentelemetry.io/x="2"';
    expect(Object.fromEntries(parseDownwardApiMap(text, (key) => key.startsWith('resource.')))).toEqual({ 'resource.opentelemetry.io/x': '2' });
  });

  it('skips lines that do not parse and keeps the rest', () => {
    const text = 'good="yes"\nno-equals\n="no key"\nunquoted=value\nbad-escape="\\q"\ndangling="a\\"\nalso="fine"';
    expect(Object.fromEntries(parseDownwardApiMap(text))).toEqual({ good: 'yes', also: 'fine' });
  });

  it.each([
    ['"plain"', 'plain'],
    ['""', ''],
    ['"line one\\nline \\"two\\""', 'line one\nline "two"'],
    ['"tab\\tback\\\\slash"', 'tab\tback\\slash'],
    ['"caf\\u00e9 \\U0001F600"', 'café 😀'],
    ['"café 😀"', 'café 😀'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\303\\251"', 'é'],
    ['"{\\"apiVersion\\":\\"v1\\"}"', '{"apiVersion":"v1"}'],
  ])('unquotes %s', (quoted, expected) => {
    expect(unquoteGoString(quoted)).toBe(expected);
  });

  it.each(['plain', '"unterminated', '"inner"quote"', '"\\x4"', '"\\U00110000"', '"\\777"', '"\\'])('rejects %s', (quoted) => {
    expect(unquoteGoString(quoted)).toBeUndefined();
  });
});

describe('/proc/self/cgroup', () => {
  it.each([
    ['cgroup v1 Docker', `12:pids:/docker/${ID}\n1:name=systemd:/docker/${ID}`, { containerId: ID }],
    ['cgroup v2 Docker, systemd driver, host cgroup namespace', `0::/system.slice/docker-${ID}.scope`, { containerId: ID }],
    ['ECS on EC2', `9:perf_event:/ecs/0a1b2c3d4e5f/${ID}`, { containerId: ID }],
    ['Podman', `0::/machine.slice/libpod-${ID}.scope/container`, { containerId: ID }],
    ['nerdctl, systemd driver', `0::/system.slice/nerdctl-${ID}.scope`, { containerId: ID }],
    [
      'cgroup v1 Kubernetes, cgroupfs driver',
      `11:memory:/kubepods/burstable/pod${UID}/${ID}`,
      { containerId: ID, podUid: UID },
    ],
    [
      'cgroup v2 Kubernetes, systemd driver, containerd',
      `0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${UID.replaceAll('-', '_')}.slice/cri-containerd-${ID}.scope`,
      { containerId: ID, podUid: UID },
    ],
    ['Docker in Docker: the innermost container', `0::/docker/${'a'.repeat(64)}/docker/${ID}`, { containerId: ID }],
    ['cgroup v2, private namespace', '0::/', {}],
    ['a host', '0::/user.slice/user-1000.slice/session-2.scope', {}],
    ['CRI-O conmon is not the container', `0::/system.slice/crio-conmon-${ID}.scope`, {}],
    ['a pod-like segment outside kubepods is not a pod', `0::/system.slice/pod${UID}.slice`, {}],
    ['a 63-character hex segment is not an id', `0::/docker/${'a'.repeat(63)}`, {}],
    ['garbage', 'not a cgroup file', {}],
  ])('%s', (_name, text, expected) => {
    expect(parseCgroup(text)).toEqual(expected);
  });
});

describe('/proc/self/mountinfo', () => {
  const line = (root: string, mountPoint: string) => `1311 1288 8:1 ${root} ${mountPoint} rw,relatime - ext4 /dev/sda1 rw`;

  it('decodes octal escapes in paths', () => {
    const text = line(`/var/lib/docker/containers/${ID}/hostname`, '/etc/host\\156ame');
    expect(parseMountinfo(text).hostFilesContainerId).toBe(ID);
  });

  it('only the /etc/hostname, /etc/hosts and /etc/resolv.conf mounts name the container', () => {
    expect(parseMountinfo(line(`/var/lib/docker/containers/${ID}/hostname`, '/data/hostname'))).toEqual({ kubeletMounts: false });
  });

  it('containerd CRI sandboxes never count as the container', () => {
    expect(parseMountinfo(line(`/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${ID}/hostname`, '/etc/hostname'))).toEqual({ kubeletMounts: false });
  });

  it('two different ids for the host files: none is used', () => {
    const text = [line(`/var/lib/docker/containers/${ID}/hostname`, '/etc/hostname'), line(`/var/lib/docker/containers/${'e'.repeat(64)}/hosts`, '/etc/hosts')].join('\n');
    expect(parseMountinfo(text).hostFilesContainerId).toBeUndefined();
  });

  it('kubelet mounts give pod uid and container name, also with the kubelet directory on its own file system', () => {
    const text = [line(`/pods/${UID}/etc-hosts`, '/etc/hosts'), line(`/pods/${UID}/containers/api/0c1d2e3f`, '/dev/termination-log')].join('\n');
    expect(parseMountinfo(text)).toEqual({ kubeletMounts: true, podUid: UID, containerName: 'api' });
  });

  it('short or malformed lines are skipped', () => {
    expect(parseMountinfo('1 2 3\n\n   \nnot a mount line at all - x')).toEqual({ kubeletMounts: false });
  });
});
