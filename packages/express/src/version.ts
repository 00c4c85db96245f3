import { createRequire } from 'node:module';

export const PACKAGE_NAME = '@tracekit/express';

/** Read from our own package.json so changesets' version bumps need no code change. */
export const PACKAGE_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
