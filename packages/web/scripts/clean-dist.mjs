// Empties dist/ before the two tsup builds (library and script tag), which run in parallel.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
