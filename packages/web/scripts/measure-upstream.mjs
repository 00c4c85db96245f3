// Measures the comparison in README.md: the setup upstream's docs show for web
// auto-instrumentation (WebTracerProvider, BatchSpanProcessor, OTLPTraceExporter, ZoneContextManager,
// getWebAutoInstrumentations()), bundled and gzipped exactly like scripts/check-size.mjs does
// ours. Installs the pinned upstream packages with npm into a temporary folder; not part of the
// build (it needs the npm registry). Run: pnpm --filter @tracekit/web run size:upstream
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { measure } from './check-size.mjs';

// auto-instrumentations-web 0.68 is still on the 2.x SDK line (the newest release when measured).
const UPSTREAM = [
  '@opentelemetry/api@1.9.1',
  '@opentelemetry/auto-instrumentations-web@0.68.0',
  '@opentelemetry/sdk-trace-web@2.12.0',
  '@opentelemetry/exporter-trace-otlp-http@0.223.1',
  '@opentelemetry/context-zone@2.12.0',
  '@opentelemetry/instrumentation@0.223.0',
  '@opentelemetry/resources@2.12.0',
];

const SETUP = `
import { WebTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-web';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZoneContextManager } from '@opentelemetry/context-zone';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { getWebAutoInstrumentations } from '@opentelemetry/auto-instrumentations-web';
import { resourceFromAttributes } from '@opentelemetry/resources';
const provider = new WebTracerProvider({
  resource: resourceFromAttributes({ 'service.name': 'shop-web' }),
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: '/v1/traces' }))],
});
provider.register({ contextManager: new ZoneContextManager() });
registerInstrumentations({ instrumentations: [getWebAutoInstrumentations()] });
`;

const dir = mkdtempSync(join(tmpdir(), 'tracekit-upstream-size-'));
try {
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...UPSTREAM], { cwd: dir, stdio: 'inherit' });
  const result = await build({
    stdin: { contents: SETUP, resolveDir: dir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const upstream = result.outputFiles[0].contents;
  const ours = await measure();
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(`upstream auto-instrumentations-web setup: ${kb(gzipSync(upstream, { level: 9 }).length)} gzip (${kb(upstream.length)} minified)`);
  console.log(`@tracekit/web minimal setup:              ${kb(ours.minimal.gzip)} gzip (${kb(ours.minimal.bytes)} minified)`);
  console.log(`@tracekit/web script tag:                 ${kb(ours.script.gzip)} gzip (${kb(ours.script.bytes)} minified)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
