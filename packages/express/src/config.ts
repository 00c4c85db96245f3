import type { IncomingMessage } from 'node:http';
import type { Attributes, TracerProvider } from '@opentelemetry/api';
import { messages } from './messages.js';
import type { TracekitExpressOptions } from './types.js';

/** The same defaults as @tracekit/node's TRACEKIT_IGNORE_PATHS, so both skip the same requests. */
export const DEFAULT_IGNORE_PATHS: readonly string[] = Object.freeze(['/healthz', '/readyz', '/livez']);

/** RFC 9110 methods and PATCH: the "known" methods of the HTTP semantic conventions. */
export const DEFAULT_KNOWN_METHODS: readonly string[] = Object.freeze([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
]);

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

/** Options with defaults applied and bad entries dropped; frozen. */
export interface ResolvedConfig {
  readonly ignorePaths: readonly string[];
  readonly ignoreProbes: boolean;
  readonly requestAttributes: ((req: IncomingMessage) => Attributes | undefined) | undefined;
  /** Lower-case header names. */
  readonly requestHeaders: readonly string[];
  readonly layerSpans: boolean;
  readonly traceResponseHeaders: boolean;
  readonly knownMethods: ReadonlySet<string>;
  readonly tracerProvider: TracerProvider | undefined;
}

export interface ConfigResolution {
  readonly config: ResolvedConfig;
  /** One sentence per dropped entry (see `messages`). */
  readonly warnings: readonly string[];
}

/**
 * Turns `tracekit()` options into the resolved configuration. Pure: this package reads no
 * environment variables (the app, or @tracekit/node, owns those), so it behaves the same
 * under any OpenTelemetry SDK.
 */
export function resolveConfig<Req extends IncomingMessage>(options: TracekitExpressOptions<Req> = {}): ConfigResolution {
  const warnings: string[] = [];
  const keep = <T>(values: readonly unknown[] | undefined, fallback: readonly T[], valid: (value: unknown) => value is T, warn: (value: unknown) => string): T[] => {
    if (values === undefined) return [...fallback];
    const kept: T[] = [];
    for (const value of values) {
      if (valid(value)) kept.push(value);
      else warnings.push(warn(value));
    }
    return kept;
  };
  const isPath = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/');
  const isHeader = (value: unknown): value is string => typeof value === 'string' && HEADER_NAME.test(value);

  const config: ResolvedConfig = {
    ignorePaths: Object.freeze(keep(options.ignorePaths, DEFAULT_IGNORE_PATHS, isPath, messages.badIgnorePath)),
    ignoreProbes: options.ignoreProbes ?? true,
    requestAttributes: options.requestAttributes as ResolvedConfig['requestAttributes'],
    requestHeaders: Object.freeze(keep(options.requestHeaders, [], isHeader, messages.badRequestHeader).map((name) => name.toLowerCase())),
    layerSpans: options.layerSpans ?? false,
    traceResponseHeaders: options.traceResponseHeaders ?? true,
    knownMethods: new Set(keep(options.knownMethods, DEFAULT_KNOWN_METHODS, isHeader, messages.badKnownMethod)),
    tracerProvider: options.tracerProvider,
  };
  return { config: Object.freeze(config), warnings: Object.freeze(warnings) };
}
