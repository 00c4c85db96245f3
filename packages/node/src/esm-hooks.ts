import { register } from 'node:module';
import { requireModule } from './load-module.js';

/**
 * Lets the instrumentations patch ES modules: import-in-the-middle's loader, limited to the
 * modules the enabled instrumentations patch so every other import stays untouched. Runs
 * in-thread (module.registerHooks) where Node supports it, else as an off-thread loader.
 */
export function registerEsmHooks(moduleNames: readonly string[]): void {
  const include = [...new Set(moduleNames)];
  const syncHooks = requireModule('import-in-the-middle/register-hooks.mjs') as {
    supportsSyncHooks: () => boolean;
    register: (options: { include: string[] }) => void;
  };
  if (syncHooks.supportsSyncHooks()) {
    syncHooks.register({ include });
    return;
  }
  register('import-in-the-middle/hook.mjs', import.meta.url, { data: { include } });
}
