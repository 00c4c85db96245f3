import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { InstrumentationBase, InstrumentationNodeModuleDefinition, isWrapped } from '@opentelemetry/instrumentation';
import { trackRouting } from '@tracekit/express';
import type { IncomingMessage } from 'node:http';
import type { ServerRpcMetadata } from './server-instrumentation.js';

interface ExpressApplication {
  handle(this: ExpressApplication, req: IncomingMessage, ...rest: unknown[]): unknown;
  /** The prototype Express 5 gives each request in `handle`, before routing starts. */
  request?: object;
}

interface ExpressModule {
  application: ExpressApplication;
  Router?: { prototype?: { route?: unknown } };
}

/**
 * Names the server span after the matched Express route template (`GET /users/:id`) when
 * Express layer spans are off, tracekit's default. It wraps `app.handle` once, so a request
 * pays one call to start following its routing (@tracekit/express's route tracking, which
 * reads the assignments Express makes to `req.baseUrl`, `req.params` and `req.route`), and
 * the HTTP server instrumentation asks for the template when the response ends.
 *
 * Written for tracekit instead of using @opentelemetry/instrumentation-express with every
 * layer type ignored (what tracekit did before): that one still runs a wrapper in every layer a
 * request passes through, which builds the layer's metadata and keeps the layer paths on a
 * property it defines on the request. On the bench's hello route (one layer) route naming cost
 * 2.6 µs of CPU per request that way and 1.8 µs this way (A/B in one session, 4 rounds); the
 * gap grows with every middleware an app adds, since this cost does not depend on the number
 * of layers. With TRACEKIT_EXPRESS_LAYER_SPANS=true the upstream instrumentation is used, for
 * its spans.
 */
export class ExpressRouteInstrumentation extends InstrumentationBase {
  constructor(version: string) {
    super('@tracekit/node/express-routes', version, {});
  }

  protected init() {
    return [
      new InstrumentationNodeModuleDefinition(
        'express',
        ['>=4.0.0 <6'],
        (moduleExports: ExpressModule) => {
          const application = moduleExports?.application;
          if (application === undefined || typeof application.handle !== 'function') return moduleExports;
          if (isWrapped(application.handle)) this._unwrap(application, 'handle');
          // Express 5 sets the request's prototype in `handle`, before routing; Express 4 only
          // in its first middleware, after routing already assigned to the request.
          const setsPrototypeFirst = typeof moduleExports.Router?.prototype?.route === 'function';
          this._wrap(application, 'handle', (original) => wrapHandle(original as ExpressApplication['handle'], setsPrototypeFirst));
          return moduleExports;
        },
        (moduleExports: ExpressModule | undefined) => {
          if (moduleExports?.application !== undefined) this._unwrap(moduleExports.application, 'handle');
        },
      ),
    ];
  }
}

function wrapHandle(original: ExpressApplication['handle'], setsPrototypeFirst: boolean): ExpressApplication['handle'] {
  return function handle(this: ExpressApplication, req: IncomingMessage, ...rest: unknown[]): unknown {
    const rpc = getRPCMetadata(context.active()) as ServerRpcMetadata | undefined;
    if (rpc?.type === RPCType.HTTP && rpc.routing === undefined) {
      try {
        rpc.routing = trackRouting(req, setsPrototypeFirst ? this.request : undefined);
      } catch {
        // Never let route naming break the request: the span is then named by the method.
      }
    }
    return original.call(this, req, ...rest);
  };
}
