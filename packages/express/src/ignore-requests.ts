import type { ResolvedConfig } from './config.js';

const PROBE_USER_AGENT = /^kube-probe\//i;

/**
 * Decides whether an inbound request is left untraced, with @tracekit/node's rules: configured
 * paths (exact match, query string ignored) and, unless disabled, Kubernetes probes identified
 * by their User-Agent.
 */
export function createIgnoreRequest(
  config: Pick<ResolvedConfig, 'ignorePaths' | 'ignoreProbes'>,
): (url: string | undefined, userAgent: string | undefined) => boolean {
  const paths = new Set(config.ignorePaths);
  return (url, userAgent) => {
    if (config.ignoreProbes && userAgent !== undefined && PROBE_USER_AGENT.test(userAgent)) return true;
    if (paths.size === 0 || url === undefined) return false;
    const queryStart = url.indexOf('?');
    return paths.has(queryStart === -1 ? url : url.slice(0, queryStart));
  };
}
