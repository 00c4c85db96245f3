// payments (Java): `mvn -q -B package` once per content of pom.xml and src/, in a copy of the
// project at <cacheDir>/build/payments-<hash> (the repository gets no target/). Maven fetches
// the OpenTelemetry Java agent from Maven Central into target/agent/ (repository: ~/.m2).
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_BUILD_TIMEOUT_MS,
  EXAMPLES_DIR,
  defaultCacheDir,
  elapsedSince,
  exists,
  findOnPath,
  hashInputs,
  listFiles,
  requireTool,
  run,
  withLock,
} from './build-tools.mjs';

const SERVICE = 'payments';
const COMPLETE_MARKER = '.tracekit-complete';
const JDK_HINT =
  'install a JDK 17 or newer (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless, or Eclipse Temurin 17+) and put `java` and `javac` on PATH or set JAVA_HOME.';

export async function prepareJavaService({
  cacheDir = defaultCacheDir(),
  log = () => {},
  timeoutMs = DEFAULT_BUILD_TIMEOUT_MS,
} = {}) {
  const source = path.join(EXAMPLES_DIR, SERVICE);
  const java = await findJdkTool('java');
  await findJdkTool('javac');
  const mvn = await requireTool(
    'mvn',
    `The ${SERVICE} example is built with Maven: install Maven 3.8 or newer (Debian/Ubuntu: apt-get install maven, or https://maven.apache.org/download.cgi) and put \`mvn\` on PATH.`,
  );
  const versionText = await run(java, ['-version'], { label: 'java -version', timeoutMs: 60_000 });
  const major = javaMajorVersion(versionText);
  if (major === undefined || major < 17) {
    throw new Error(`${SERVICE} needs Java 17 or newer, but \`${java} -version\` says: ${versionText.split('\n')[0]}. Please ${JDK_HINT}`);
  }

  const inputs = ['pom.xml', ...(await listFiles(path.join(source, 'src'))).map((file) => path.join('src', file))];
  const hash = await hashInputs(source, inputs);
  const buildDir = path.join(cacheDir, 'build', `${SERVICE}-${hash}`);
  const jar = path.join(buildDir, 'target', `${SERVICE}.jar`);
  const agent = path.join(buildDir, 'target', 'agent', 'opentelemetry-javaagent.jar');

  const marker = path.join(buildDir, COMPLETE_MARKER);
  if (await exists(marker)) {
    log(`${SERVICE}: using cached build ${buildDir}`);
  } else {
    await withLock(
      buildDir,
      async () => {
        if (await exists(marker)) return; // built by another process meanwhile
        const startedAt = performance.now();
        log(`${SERVICE}: mvn -q -B package (Java ${major}) in ${buildDir}`);
        await rm(buildDir, { recursive: true, force: true });
        await mkdir(buildDir, { recursive: true });
        await cp(path.join(source, 'pom.xml'), path.join(buildDir, 'pom.xml'));
        await cp(path.join(source, 'src'), path.join(buildDir, 'src'), { recursive: true });
        await run(mvn, ['-q', '-B', 'package'], { cwd: buildDir, timeoutMs, label: `${SERVICE}: mvn package` });
        for (const file of [jar, agent]) {
          if (!(await exists(file))) throw new Error(`${SERVICE}: mvn package succeeded but did not produce ${file}`);
        }
        await writeFile(marker, `${new Date().toISOString()}\n`);
        log(`${SERVICE}: built in ${elapsedSince(startedAt)}`);
      },
      { timeoutMs, log: (line) => log(`${SERVICE}: ${line}`) },
    );
  }

  return {
    command: java,
    args: [`-javaagent:${agent}`, '-jar', jar],
    cwd: buildDir,
    env: {
      // Traces only by default (the agent would also export metrics and logs over OTLP);
      // the caller's values win.
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    },
  };
}

/** $JAVA_HOME/bin/<name> when JAVA_HOME is set, else <name> on PATH. */
async function findJdkTool(name) {
  const javaHome = process.env.JAVA_HOME;
  if (javaHome) {
    const candidate = path.join(javaHome, 'bin', name);
    if (await exists(candidate)) return candidate;
  }
  const found = await findOnPath(name);
  if (!found) throw new Error(`\`${name}\` was not found (JAVA_HOME/bin or PATH). The ${SERVICE} example is written in Java: ${JDK_HINT}`);
  return found;
}

/** 17 from `openjdk version "17.0.15"`, 8 from `java version "1.8.0_402"`. */
export function javaMajorVersion(versionText) {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
