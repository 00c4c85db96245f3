/**
 * The configuration corpus: one test per row, named after its env pairs, grouped by variable.
 * Rows live in ./corpus/*.ts; see ./row.ts for the row shape.
 */
import { describe, it } from 'vitest';
import { corpus } from './corpus/index.js';
import { checkRow, rowName } from './row.js';

for (const [group, rows] of Object.entries(corpus)) {
  describe(group, () => {
    for (const row of rows) it(rowName(row), () => checkRow(row));
  });
}
