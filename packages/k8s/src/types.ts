/** Public types of @tracekit/k8s. */
import type { K8sEnv } from './env-names.js';
import type { ServiceInstanceIdFormat } from './service-instance-id.js';

/** Options for `createK8sDetector`. Every path is resolved under `root`, so tests can point it at a fixture folder. */
export interface K8sDetectorOptions {
  /** The environment to read; default `process.env`, read when `detect()` runs. */
  readonly env?: K8sEnv;
  /** The file-system root all paths are read under; default `/`. */
  readonly root?: string;
  /** The host name, or a function returning it; default `os.hostname()`. An empty string means "no host name". */
  readonly hostname?: string | (() => string);
  /**
   * Where the downward-API volume is mounted (files `name`, `namespace`, `uid`, `labels`,
   * `annotations`); default `TRACEKIT_K8S_PODINFO_DIR`, else `/etc/podinfo`.
   */
  readonly podinfoDir?: string;
  /** How service.instance.id is written; default `name` (what the Operator injects). */
  readonly serviceInstanceId?: ServiceInstanceIdFormat;
}

/**
 * The downward-API volume's files, as read (labels and annotations still in their file format).
 * An empty `labels` file is `''`, not absent: it says the pod has no labels.
 */
export interface PodinfoFiles {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: string;
  readonly annotations?: string;
}

/**
 * Everything the detector reads, already read: the input of the pure `detectK8sAttributes`.
 * A missing source is simply absent.
 */
export interface K8sSources {
  readonly env: K8sEnv;
  readonly podinfo?: PodinfoFiles;
  /** /var/run/secrets/kubernetes.io/serviceaccount/namespace */
  readonly serviceAccountNamespace?: string;
  readonly hostname?: string;
  /** /proc/self/cgroup */
  readonly cgroup?: string;
  /** /proc/self/mountinfo */
  readonly mountinfo?: string;
}

/** What `detectK8sAttributes` found, and where each value came from (for debug logs and tests). */
export interface K8sDetection {
  /** Only attributes that were found; never an empty string. */
  readonly attributes: Readonly<Record<string, string>>;
  /** The source of each attribute, e.g. `env K8S_POD_NAME`, `podinfo name`, `cgroup`. */
  readonly origins: Readonly<Record<string, string>>;
}
