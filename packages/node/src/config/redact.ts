/** Removes `user:password@` from anything that looks like a URL, parsable or not. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/(\/\/)[^/@\s]*@/g, '$1[redacted]@');
}

/** Header values always carry credentials in practice (API keys, bearer tokens). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((key) => [key, '[redacted]']));
}
