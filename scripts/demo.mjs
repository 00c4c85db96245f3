// Starts an OTLP receiver and the example services (gateway → orders) on loopback, each
// under @tracekit/node/register and configured only by OTEL_* variables, sends a happy, a
// failing and a slow request, and prints the traces the services exported.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { formatTraceTrees, startOtlpReceiver } from '@tracekit/test-utils';

const exitAfterPrinting = process.argv.includes('--exit');
const examples = fileURLToPath(new URL('../examples/', import.meta.url));
const receiver = await startOtlpReceiver();
const children = [];

function startService(name, entry, nodeFlag, env) {
  const child = spawn(process.execPath, [entry], {
    cwd: `${examples}${name}`,
    env: {
      ...process.env,
      NODE_OPTIONS: `${nodeFlag} @tracekit/node/register`,
      OTEL_SERVICE_NAME: name,
      OTEL_RESOURCE_ATTRIBUTES: 'service.namespace=shop,deployment.environment.name=local',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.httpEndpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_BSP_SCHEDULE_DELAY: '200',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /LISTENING (\d+)/.exec(output);
      if (match) resolve(`http://127.0.0.1:${match[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
}

async function stopAll() {
  await Promise.all(
    children.filter((child) => child.exitCode === null && child.signalCode === null).map((child) => {
      child.kill('SIGTERM');
      return once(child, 'exit');
    }),
  );
  await receiver.close();
}

try {
  const ordersUrl = await startService('orders', 'src/server.cjs', '--require', {});
  const gatewayUrl = await startService('gateway', 'src/server.mjs', '--import', { ORDERS_URL: ordersUrl });
  console.log(`gateway ${gatewayUrl}, orders ${ordersUrl}, OTLP receiver ${receiver.httpEndpoint}\n`);

  for (const id of ['42', 'fail', 'slow']) {
    const response = await fetch(`${gatewayUrl}/api/orders/${id}`);
    console.log(`GET /api/orders/${id} → ${response.status}`);
  }
  // 3 requests × (gateway server + client + orders server spans, plus express spans)
  await receiver.waitForSpans((spans) => new Set(spans.map((span) => span.traceId)).size >= 3 && spans.length >= 9, {
    timeoutMs: 15_000,
  });
  console.log(`\n${formatTraceTrees(receiver.spans)}`);
  if (!exitAfterPrinting) {
    console.log('\nServices are running; press Ctrl-C to stop.');
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  }
} finally {
  await stopAll();
}
