import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { InstrumentationBase, InstrumentationNodeModuleDefinition, isWrapped } from '@opentelemetry/instrumentation';
import { trackRouting } from '@tracekit/express';
import type { IncomingMessage } from 'node:http';
import type { ServerRpcMetadata } from './server-instrumentation.js';

interface ExpressApplication {
  handle(this: ExpressApplication, req: IncomingMessage, ...rest: unknown[]): unknown;
  /** The prototype the app gives each request (`app.request`). */
  request?: object;
}

interface ExpressModule {
  application: ExpressApplication;
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
 * property it defines on the request. On a one-route app, CPU per request that way and this
 * way (A/B in one session, 4 rounds each): Express 5 2.6 and 1.8 µs, Express 4 33.1 and 31.0 µs
 * in total; the gap grows with every middleware an app adds, since this cost does not depend
 * on the number of layers. With TRACEKIT_EXPRESS_LAYER_SPANS=true the upstream instrumentation is used, for
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
          this._wrap(application, 'handle', (original) => wrapHandle(original as ExpressApplication['handle']));
          return moduleExports;
        },
        (moduleExports: ExpressModule | undefined) => {
          if (moduleExports?.application !== undefined) this._unwrap(moduleExports.application, 'handle');
        },
      ),
    ];
  }
}

/**
 * Starts following the request before Express routes it. The request gets the app's request
 * prototype here, as Express 5's `handle` does next anyway; Express 4 would only do it in its
 * first middleware, after routing already set `req.baseUrl` and `req.params` as own properties,
 * which would leave route tracking on its slow per-request path.
 */
function wrapHandle(original: ExpressApplication['handle']): ExpressApplication['handle'] {
  return function handle(this: ExpressApplication, req: IncomingMessage, ...rest: unknown[]): unknown {
    const rpc = getRPCMetadata(context.active()) as ServerRpcMetadata | undefined;
    if (rpc?.type === RPCType.HTTP && rpc.routing === undefined) {
      try {
        if (this.request !== undefined && Object.getPrototypeOf(req) !== this.request) Object.setPrototypeOf(req, this.request);
        rpc.routing = trackRouting(req, this.request);
      } catch {
        // Never let route naming break the request: the span is then named by the method.
      }
    }
    return original.call(this, req, ...rest);
  };
}
