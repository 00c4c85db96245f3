import { messages } from './messages.js';
import type { SessionStorageKind, TracekitWebOptions } from './types.js';

/**
 * The settings a page without a build step gives the script tag, as `data-<name>` attributes
 * of the `<script>` element or `<meta name="tracekit-<name>" content="…">` elements.
 */
export const SCRIPT_SETTINGS = [
  'service-name',
  'service-version',
  'collector-url',
  'propagate-to',
  'sampler',
  'sample-ratio',
  'user-interaction',
  'document-load',
  'server-timing',
  'fetch',
  'xhr',
  'errors',
  'session',
  'resource-attributes',
  'debug',
] as const;
export type ScriptSetting = (typeof SCRIPT_SETTINGS)[number];

/** Reads a setting: the script's `data-` attribute first, then the page's `<meta>`. */
export function scriptSettingSource(script: Element | null, doc: Document): (name: ScriptSetting) => string | undefined {
  return (name) => {
    const fromScript = script?.getAttribute(`data-${name}`);
    if (fromScript != null) return fromScript;
    return doc.querySelector(`meta[name="tracekit-${name}"]`)?.getAttribute('content') ?? undefined;
  };
}

/**
 * Turns the text settings into `init()` options. Values are converted, not judged: a value
 * that is not `true`/`false` or not a number is passed on as written, so `resolveConfig`
 * warns about it with the same sentence as for code options.
 */
export function readScriptOptions(get: (name: ScriptSetting) => string | undefined): { options: TracekitWebOptions; warnings: string[] } {
  const warnings: string[] = [];
  const options: Record<string, unknown> = {};
  const text = (name: ScriptSetting) => {
    const value = get(name)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const list = (value: string) => value.split(/[\s,]+/).filter(Boolean);
  const flag = (value: string): boolean | string => {
    const lower = value.toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : value;
  };
  const set = (key: keyof TracekitWebOptions, name: ScriptSetting, convert: (value: string) => unknown = (value) => value) => {
    const value = text(name);
    if (value !== undefined) options[key] = convert(value);
  };

  set('serviceName', 'service-name');
  set('serviceVersion', 'service-version');
  set('collectorUrl', 'collector-url');
  set('propagateTo', 'propagate-to', list);
  set('sampler', 'sampler');
  set('sampleRatio', 'sample-ratio', (value) => (Number.isNaN(Number(value)) ? value : Number(value)));
  set('userInteraction', 'user-interaction', (value) => {
    const parsed = flag(value);
    return typeof parsed === 'boolean' ? parsed : list(value);
  });
  set('documentLoad', 'document-load', flag);
  set('serverTiming', 'server-timing', flag);
  set('fetch', 'fetch', flag);
  set('xhr', 'xhr', flag);
  set('errors', 'errors', flag);
  set('debug', 'debug', flag);
  set('session', 'session', (value) => {
    const parsed = flag(value);
    if (parsed === false) return false;
    return parsed === true ? {} : { storage: value as SessionStorageKind };
  });
  set('resourceAttributes', 'resource-attributes', (value) => {
    const attributes: Record<string, string> = {};
    for (const entry of value.split(',')) {
      const at = entry.indexOf('=');
      const key = at > 0 ? safeDecode(entry.slice(0, at).trim()) : undefined;
      const content = at > 0 ? safeDecode(entry.slice(at + 1).trim()) : undefined;
      if (key && content !== undefined) attributes[key] = content;
      else warnings.push(messages.badResourceAttributeEntry(entry));
    }
    return attributes;
  });
  return { options: options as unknown as TracekitWebOptions, warnings };
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
