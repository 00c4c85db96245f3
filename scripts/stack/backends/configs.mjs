// Port layout of the local backends and the rendering of their config templates.
//
// Every port is portBase + an offset; the offset is the last three digits of the upstream
// default port, plus 1000 for Jaeger. With the default portBase 14000:
//
//   Collector  OTLP gRPC 14317  OTLP HTTP 14318  Zipkin 14411  Jaeger gRPC 14250
//              Jaeger Thrift HTTP 14268  health_check 14133  pprof 14777  zpages 14679
//              own metrics 14888
//   Jaeger     OTLP gRPC 15317  OTLP HTTP 15318  query UI/API 15686  query gRPC 15685
//              sampling HTTP 15778  sampling gRPC 15779  own metrics 15888
//
// So one stack takes ports portBase .. portBase+1999, and stacks whose bases are 2000 apart
// never collide (the demo uses 14000; tests pass their own base).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_PORT_BASE = 14000;
const PORT_SPAN = 2000;

const OFFSETS = Object.freeze({
  collectorOtlpGrpc: 317,
  collectorOtlpHttp: 318,
  collectorZipkin: 411,
  collectorJaegerGrpc: 250,
  collectorJaegerThriftHttp: 268,
  collectorHealth: 133,
  collectorPprof: 777,
  collectorZpages: 679,
  collectorMetrics: 888,
  jaegerOtlpGrpc: 1317,
  jaegerOtlpHttp: 1318,
  jaegerQuery: 1686,
  jaegerQueryGrpc: 1685,
  jaegerSamplingHttp: 1778,
  jaegerSamplingGrpc: 1779,
  jaegerMetrics: 1888,
});

/** What each port is for, for error messages. */
export const PORT_PURPOSES = Object.freeze({
  collectorOtlpGrpc: 'Collector OTLP gRPC',
  collectorOtlpHttp: 'Collector OTLP HTTP',
  collectorZipkin: 'Collector Zipkin',
  collectorJaegerGrpc: 'Collector Jaeger gRPC',
  collectorJaegerThriftHttp: 'Collector Jaeger Thrift HTTP',
  collectorHealth: 'Collector health_check',
  collectorPprof: 'Collector pprof',
  collectorZpages: 'Collector zpages',
  collectorMetrics: 'Collector own metrics',
  jaegerOtlpGrpc: 'Jaeger OTLP gRPC',
  jaegerOtlpHttp: 'Jaeger OTLP HTTP',
  jaegerQuery: 'Jaeger query UI/API',
  jaegerQueryGrpc: 'Jaeger query gRPC',
  jaegerSamplingHttp: 'Jaeger remote sampling HTTP',
  jaegerSamplingGrpc: 'Jaeger remote sampling gRPC',
  jaegerMetrics: 'Jaeger own metrics',
});

/**
 * @param {number} [portBase]
 * @returns {Readonly<Record<keyof typeof OFFSETS, number>>}
 */
export function portLayout(portBase = DEFAULT_PORT_BASE) {
  if (!Number.isInteger(portBase) || portBase < 1024 || portBase + PORT_SPAN > 65536) {
    throw new RangeError(`portBase must be an integer from 1024 to ${65536 - PORT_SPAN}, got ${portBase}`);
  }
  return Object.freeze(Object.fromEntries(Object.entries(OFFSETS).map(([name, offset]) => [name, portBase + offset])));
}

/** Replaces every {{key}} with values[key]; an unknown name is an error, not an empty string. */
export function renderTemplate(template, values) {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}} in a backends config template`);
    return String(values[name]);
  });
}

const here = (name) => new URL(name, import.meta.url);

/**
 * Writes the Collector config, the Jaeger config and the sampling strategies into dir.
 * @returns {Promise<{ collectorConfig: string, jaegerConfig: string, samplingStrategiesFile: string }>}
 */
export async function writeConfigs(dir, ports) {
  const samplingStrategiesFile = join(dir, 'sampling-strategies.json');
  const collectorConfig = join(dir, 'collector-config.yaml');
  const jaegerConfig = join(dir, 'jaeger-config.yaml');
  const values = { ...ports, samplingStrategiesFile: JSON.stringify(samplingStrategiesFile) };
  await writeFile(samplingStrategiesFile, await readFile(here('sampling-strategies.json')));
  await writeFile(collectorConfig, renderTemplate(await readFile(here('collector-config.yaml.tmpl'), 'utf8'), values));
  await writeFile(jaegerConfig, renderTemplate(await readFile(here('jaeger-config.yaml.tmpl'), 'utf8'), values));
  return { collectorConfig, jaegerConfig, samplingStrategiesFile };
}
