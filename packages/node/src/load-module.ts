import { createRequire } from 'node:module';

/**
 * Synchronous loading of optional dependencies, so only what the configuration and the app
 * need is ever loaded (start-up time is spent per package loaded).
 */
export const requireModule = createRequire(import.meta.url);
