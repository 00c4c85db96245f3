/**
 * The parts of Express 4 and 5 this package reads, typed structurally so that Express itself
 * is never imported. Everything here is on the request or reachable from `req.app`.
 */
import type { IncomingMessage } from 'node:http';

export interface ExpressRoute {
  /** The template the route was registered with: a string, a RegExp or an array of them. */
  readonly path: unknown;
  readonly stack?: ExpressLayer[];
}

export interface ExpressLayer {
  handle: unknown;
  readonly name?: string;
  readonly route?: ExpressRoute;
}

export interface ExpressRouter {
  readonly stack?: ExpressLayer[];
}

export interface ExpressApp {
  /** Express 4 (a plain property once a middleware was added). */
  readonly _router?: ExpressRouter;
  /** Express 5 (a getter; in Express 4 it throws, so `_router` is read first). */
  readonly router?: ExpressRouter;
}

/** A request after Express's own initialisation. */
export interface ExpressRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: ExpressRoute;
  params?: Record<string, unknown>;
  app?: ExpressApp;
}

/** The root router of an app, for Express 4 and 5, or undefined. */
export function rootRouter(app: ExpressApp | undefined): ExpressRouter | undefined {
  if (app === undefined || app === null) return undefined;
  if ('_router' in app) return app._router;
  try {
    return app.router;
  } catch {
    return undefined;
  }
}
