/** Every sentence @tracekit/express shows a user, named so tests can assert them. */

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export const messages = {
  badIgnorePath: (value: unknown) =>
    `ignorePaths entry ${describe(value)} is not a path starting with "/"; it is skipped, the other entries still apply.`,
  badRequestHeader: (value: unknown) =>
    `requestHeaders entry ${describe(value)} is not a header name; it is skipped, the other entries still apply.`,
  badKnownMethod: (value: unknown) =>
    `knownMethods entry ${describe(value)} is not an HTTP method name; it is skipped, the other entries still apply.`,
  requestAttributesFailed: (error: unknown) =>
    `requestAttributes threw (${describe(error)}); its attributes are left out of the span and the request goes on. ` +
    'This is reported once: fix the function so it returns attributes for every request.',
} as const;
