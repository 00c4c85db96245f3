// pricing (Python): a virtual environment per content of requirements.txt (and interpreter
// version) in <cacheDir>/venvs/pricing-<hash>, filled by pip from PyPI. The service runs from
// the repository under `opentelemetry-instrument`, the upstream zero-code launcher.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_BUILD_TIMEOUT_MS,
  EXAMPLES_DIR,
  defaultCacheDir,
  elapsedSince,
  exists,
  hashInputs,
  requireTool,
  run,
  withLock,
} from './build-tools.mjs';

const SERVICE = 'pricing';
const COMPLETE_MARKER = '.tracekit-complete';

export async function preparePythonService({
  cacheDir = defaultCacheDir(),
  log = () => {},
  timeoutMs = DEFAULT_BUILD_TIMEOUT_MS,
} = {}) {
  const source = path.join(EXAMPLES_DIR, SERVICE);
  const python = await requireTool(
    'python3',
    `The ${SERVICE} example is written in Python: install Python 3.9 or newer with its venv module (Debian/Ubuntu: apt-get install python3 python3-venv) and put \`python3\` on PATH.`,
  );
  const version = (
    await run(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3]); sys.exit(0 if sys.version_info >= (3, 9) else 1)'], {
      label: 'python3 --version',
      timeoutMs: 60_000,
    }).catch((error) => {
      throw new Error(`${SERVICE} needs Python 3.9 or newer. ${error.message}`);
    })
  ).trim();

  const hash = await hashInputs(source, ['requirements.txt'], [`python ${version}`]);
  const venv = path.join(cacheDir, 'venvs', `${SERVICE}-${hash}`);
  const bin = path.join(venv, 'bin');

  const marker = path.join(venv, COMPLETE_MARKER);
  if (await exists(marker)) {
    log(`${SERVICE}: using cached virtualenv ${venv}`);
  } else {
    await withLock(
      venv,
      async () => {
        if (await exists(marker)) return; // made by another process meanwhile
        const startedAt = performance.now();
        log(`${SERVICE}: creating virtualenv (Python ${version}) in ${venv} and installing requirements.txt`);
        // A virtualenv cannot be moved once made, so an unfinished one is recognised by its
        // missing marker and made again.
        await rm(venv, { recursive: true, force: true });
        await run(python, ['-m', 'venv', venv], { timeoutMs, label: `${SERVICE}: python3 -m venv` }).catch((error) => {
          throw new Error(`${SERVICE}: could not create a virtualenv; on Debian/Ubuntu install python3-venv. ${error.message}`);
        });
        await run(
          path.join(bin, 'python'),
          ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '-r', path.join(source, 'requirements.txt')],
          { timeoutMs, label: `${SERVICE}: pip install`, env: { ...process.env, PIP_NO_INPUT: '1' } },
        );
        await writeFile(marker, `${new Date().toISOString()}\n`);
        log(`${SERVICE}: virtualenv ready in ${elapsedSince(startedAt)}`);
      },
      { timeoutMs, log: (line) => log(`${SERVICE}: ${line}`) },
    );
  }

  return {
    command: path.join(bin, 'opentelemetry-instrument'),
    args: [path.join(bin, 'python'), 'app.py'],
    cwd: source,
    env: {
      // Keep __pycache__ out of the repository; print LISTENING at once.
      PYTHONDONTWRITEBYTECODE: '1',
      PYTHONUNBUFFERED: '1',
      // Standard OpenTelemetry Python settings, overridable by the caller:
      // no span for the health check, stable HTTP semantic conventions (as Go and Java emit),
      // traces only (the Python distro would also export metrics and logs over OTLP).
      OTEL_PYTHON_FLASK_EXCLUDED_URLS: 'healthz',
      OTEL_SEMCONV_STABILITY_OPT_IN: 'http',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    },
  };
}
