import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture file-system roots under test/fixtures/, one per container runtime and cgroup version. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export function fixtureRoot(name: string): string {
  return path.join(FIXTURES, name);
}

/** Container ids used in the fixtures (sha256 of the fixture's name, so they look real and never collide). */
export const IDS = {
  dockerV1: '2a759f8fac4d817ff2bc28c224d51c5030f915c0c14997110517984ca9aa8d0f',
  dockerV2: '523c835670a5065bb35e0b537f4ab7fffdb6fa0d55b6d72d7b6bb4af0cf13045',
  podmanV2: '9521c771a5aa49856d1273e78a84c3e6ba5f6de729b6d877ca91ce24c71e22d8',
  nerdctlV2: 'd38da8427ab14aba4a6d5dc83ffd75f8d72a516b59cb235ef70e6931bd9019bd',
  containerdV1: '69d7ef3dffccbb999d4cef1516f2e4001e2d8dba96b0b9a2d3eaa71c6b5a9534',
  crioV1: '9ebc36de4e3335466daec073fef7860e8fa353cf1ea3ce3e2bf3b778209d5626',
  containerdV2HostCgroupns: '223c1f148bfd8aa3b6f01b36607487758300fb9997ff5367e4539da3a83a495e',
  crioV2HostCgroupns: 'cfe147ef91201eb8a7b7edb00fce3fb2e25e275578c56d4343be487afd0b76d2',
  /** Pod sandboxes: their ids appear in mountinfo but are never this container's id. */
  containerdV2Sandbox: 'eb354fabdb9afab6083aca878533895c06c373d6d8f3f4d7fd8a84005f972a84',
  crioV2Sandbox: 'dd778c56fc7cc118df18b53a9b66d07a9b411a2fc71af88a5e067842a102ce64',
} as const;

/** What the kubelet sets in every container. */
export const IN_CLUSTER = { KUBERNETES_SERVICE_HOST: '10.96.0.1' } as const;
