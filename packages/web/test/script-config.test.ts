import { afterEach, describe, expect, it } from 'vitest';
import { messages, readScriptOptions, resolveConfig, scriptSettingSource } from '../src/index.js';

function scriptTag(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  document.head.append(script);
  return script;
}

describe('script-tag configuration', () => {
  afterEach(() => {
    document.head.innerHTML = '';
  });

  it('reads data- attributes into init() options', () => {
    const script = scriptTag({
      'data-service-name': 'shop-web',
      'data-service-version': '0.1.0',
      'data-collector-url': '/v1/traces',
      'data-propagate-to': 'self https://api.shop.example, https://pay.shop.example',
      'data-sampler': 'parentbased_traceidratio',
      'data-sample-ratio': '0.5',
      'data-user-interaction': 'click submit',
      'data-xhr': 'false',
      'data-session': 'sessionStorage',
      'data-resource-attributes': 'service.namespace=shop,deployment.environment.name=prod%20eu',
    });
    const { options, warnings } = readScriptOptions(scriptSettingSource(script, document));
    expect(warnings).toEqual([]);
    expect(options).toEqual({
      serviceName: 'shop-web',
      serviceVersion: '0.1.0',
      collectorUrl: '/v1/traces',
      propagateTo: ['self', 'https://api.shop.example', 'https://pay.shop.example'],
      sampler: 'parentbased_traceidratio',
      sampleRatio: 0.5,
      userInteraction: ['click', 'submit'],
      xhr: false,
      session: { storage: 'sessionStorage' },
      resourceAttributes: { 'service.namespace': 'shop', 'deployment.environment.name': 'prod eu' },
    });
  });

  it('falls back to <meta name="tracekit-…"> elements; the script tag wins', () => {
    document.head.innerHTML = '<meta name="tracekit-service-name" content="from-meta"><meta name="tracekit-collector-url" content="/otel">';
    const script = scriptTag({ 'data-collector-url': '/v1/traces' });
    const { options } = readScriptOptions(scriptSettingSource(script, document));
    expect(options).toEqual({ serviceName: 'from-meta', collectorUrl: '/v1/traces' });
  });

  it('works without a script element (a module script has no currentScript)', () => {
    document.head.innerHTML = '<meta name="tracekit-service-name" content="from-meta">';
    expect(readScriptOptions(scriptSettingSource(null, document)).options).toEqual({ serviceName: 'from-meta' });
  });

  it('bad values are warned about with the same sentences as code options', () => {
    const script = scriptTag({ 'data-service-name': 'shop-web', 'data-sample-ratio': 'half', 'data-fetch': 'yes', 'data-resource-attributes': 'team' });
    const { options, warnings } = readScriptOptions(scriptSettingSource(script, document));
    expect(warnings).toEqual([messages.badResourceAttributeEntry('team')]);
    const resolved = resolveConfig(options, 'https://shop.example/');
    expect(resolved.warnings).toEqual([messages.badSampleRatio('half'), messages.badBoolean('fetch', 'yes', true)]);
    expect(resolved.config).toMatchObject({ sampleRatio: 1, fetch: true });
  });
});
