declare const __TRACEKIT_WEB_VERSION__: string | undefined;

export const PACKAGE_NAME = '@tracekit/web';

/** Injected from package.json by the build (tsup and vitest `define`), so releases need no code change. */
export const PACKAGE_VERSION: string = typeof __TRACEKIT_WEB_VERSION__ === 'string' ? __TRACEKIT_WEB_VERSION__ : '0.0.0-dev';
