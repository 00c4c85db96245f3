import { registerHooks } from 'node:module';
import { trace, type TracerProvider } from '@opentelemetry/api';
import type { InstrumentationName, ResolvedConfig } from './types.js';
import { requireModule } from './load-module.js';
import { createIgnoreIncomingRequest } from './ignore-requests.js';
import { HttpInstrumentation } from './http/index.js';
import { ExpressRouteInstrumentation } from './http/express-route-instrumentation.js';
import { TRACEKIT_VERSION } from './version.js';

/** What tracekit needs of an instrumentation: upstream ones and our own both fit. */
interface Instrumentation {
  setTracerProvider(tracerProvider: TracerProvider): void;
  disable(): void;
}

interface InstrumentationRecipe {
  /** Module specifiers whose first load triggers this instrumentation; empty = load at start. */
  readonly triggers: readonly string[];
  readonly create: (config: ResolvedConfig) => Instrumentation;
}

/**
 * Each instrumentation package is required only when the app first resolves a module it
 * patches: loading all of them up front is most of the upstream zero-code start-up cost.
 */
const RECIPES: Record<InstrumentationName, InstrumentationRecipe> = {
  http: {
    triggers: [],
    create: (config) => new HttpInstrumentation(trace.getTracerProvider(), TRACEKIT_VERSION, createIgnoreIncomingRequest(config)),
  },
  undici: {
    triggers: [],
    create: () => new (requireModule('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici')).UndiciInstrumentation(),
  },
  express: {
    triggers: ['express'],
    create: (config) => {
      if (!config.expressLayerSpans) return new ExpressRouteInstrumentation(TRACEKIT_VERSION);
      const express = requireModule('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
      return new express.ExpressInstrumentation();
    },
  },
  pg: {
    triggers: ['pg', 'pg-pool'],
    create: () => new (requireModule('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg')).PgInstrumentation(),
  },
  mysql2: {
    triggers: ['mysql2'],
    create: () => new (requireModule('@opentelemetry/instrumentation-mysql2') as typeof import('@opentelemetry/instrumentation-mysql2')).MySQL2Instrumentation(),
  },
  ioredis: {
    triggers: ['ioredis'],
    create: () => new (requireModule('@opentelemetry/instrumentation-ioredis') as typeof import('@opentelemetry/instrumentation-ioredis')).IORedisInstrumentation(),
  },
  redis: {
    triggers: ['redis', '@redis/client', '@node-redis/client'],
    create: () => new (requireModule('@opentelemetry/instrumentation-redis') as typeof import('@opentelemetry/instrumentation-redis')).RedisInstrumentation(),
  },
  mongodb: {
    triggers: ['mongodb'],
    create: () => new (requireModule('@opentelemetry/instrumentation-mongodb') as typeof import('@opentelemetry/instrumentation-mongodb')).MongoDBInstrumentation(),
  },
  grpc: {
    triggers: ['@grpc/grpc-js'],
    create: () => new (requireModule('@opentelemetry/instrumentation-grpc') as typeof import('@opentelemetry/instrumentation-grpc')).GrpcInstrumentation(),
  },
  kafkajs: {
    triggers: ['kafkajs'],
    create: () => new (requireModule('@opentelemetry/instrumentation-kafkajs') as typeof import('@opentelemetry/instrumentation-kafkajs')).KafkaJsInstrumentation(),
  },
  pino: {
    triggers: ['pino'],
    create: () => new (requireModule('@opentelemetry/instrumentation-pino') as typeof import('@opentelemetry/instrumentation-pino')).PinoInstrumentation(),
  },
  winston: {
    triggers: ['winston'],
    create: () => new (requireModule('@opentelemetry/instrumentation-winston') as typeof import('@opentelemetry/instrumentation-winston')).WinstonInstrumentation(),
  },
};

/**
 * The bare module names ESM hooks need to wrap for the enabled instrumentations; `http` needs
 * none, since it patches the server prototypes and listens on diagnostics channels.
 */
export function esmModuleNames(names: readonly InstrumentationName[]): string[] {
  return names.flatMap((name) => RECIPES[name].triggers);
}

export interface InstrumentationSet {
  /** Names of the instrumentations created so far (tests and the debug dump read it). */
  readonly loaded: ReadonlySet<InstrumentationName>;
  disable(): void;
}

/**
 * Creates the instrumentations without triggers now and the others on first resolution of
 * one of their trigger modules. `onError` receives load failures; the app never sees them.
 */
export function installInstrumentations(
  config: ResolvedConfig,
  tracerProvider: TracerProvider,
  onError: (name: InstrumentationName, error: unknown) => void,
  onLoaded: (name: InstrumentationName) => void = () => {},
): InstrumentationSet {
  const loaded = new Set<InstrumentationName>();
  const active: Instrumentation[] = [];
  const pending = new Map<string, InstrumentationName>();

  const load = (name: InstrumentationName) => {
    if (loaded.has(name)) return;
    loaded.add(name);
    try {
      const instrumentation = RECIPES[name].create(config);
      instrumentation.setTracerProvider(tracerProvider);
      active.push(instrumentation);
      onLoaded(name);
    } catch (error) {
      onError(name, error);
    }
  };

  for (const name of config.instrumentations) {
    const { triggers } = RECIPES[name];
    if (triggers.length === 0) load(name);
    for (const trigger of triggers) pending.set(trigger, name);
  }
  if (pending.size > 0) installRequireHook();

  const hooks = pending.size > 0
    ? registerHooks({
        resolve(specifier, context, nextResolve) {
          const name = pending.get(packageNameOf(specifier));
          if (name !== undefined) {
            for (const trigger of RECIPES[name].triggers) pending.delete(trigger);
            load(name);
          }
          return nextResolve(specifier, context);
        },
      })
    : undefined;

  return {
    loaded,
    disable() {
      hooks?.deregister();
      for (const instrumentation of active) instrumentation.disable();
    },
  };
}

/**
 * A lazily created instrumentation patches a CommonJS module through the require hook that
 * @opentelemetry/instrumentation installs the first time any instrumentation is created. When
 * none exists yet (only lazy ones are enabled: `OTEL_NODE_ENABLED_INSTRUMENTATIONS=http,express`),
 * the app's first `require('express')` would create the instrumentation too late, inside that
 * very call, and the module would stay unpatched. So the hook is installed up front, by creating
 * one instrumentation that patches nothing.
 */
function installRequireHook(): void {
  const { InstrumentationBase } = requireModule('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  class RequireHook extends InstrumentationBase {
    protected init() {
      return [];
    }
  }
  new RequireHook('@tracekit/node/require-hook', TRACEKIT_VERSION, { enabled: false });
}

/** `express/lib/router` → `express`, `@redis/client/dist/x` → `@redis/client`. */
function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
