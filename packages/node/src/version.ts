import { requireModule } from './load-module.js';

/** Read from our own package.json so changesets' version bumps need no code change. */
export const TRACEKIT_VERSION: string = (requireModule('../package.json') as { version: string }).version;
