// Finds Debian's Chromium for the browser tests, installing the `chromium` package with apt
// when it is missing (the tests run as root on a fresh machine). Never downloads a browser
// build of its own: playwright-core only drives the system binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for headless Chromium as root in a container, with no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const messages = {
  notRoot: (path: string) =>
    `Chromium is not installed at ${path} and this process is not root, so it cannot install it. ` +
    'Install it with `sudo apt-get update && sudo apt-get install -y chromium` and run the tests again.',
  noApt: (path: string) =>
    `Chromium is not installed at ${path} and apt-get is not available. The browser tests need ` +
    "Debian's `chromium` package (any Chromium at that path will do).",
  installFailed: (path: string, detail: string) =>
    `Installing Debian's chromium package did not put a browser at ${path}: ${detail}`,
};

/** The path of a usable Chromium, installed with apt-get first when missing. */
export function ensureChromium(log: (line: string) => void = () => {}): string {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.getuid?.() !== 0) throw new Error(messages.notRoot(CHROMIUM_PATH));
  if (!existsSync('/usr/bin/apt-get')) throw new Error(messages.noApt(CHROMIUM_PATH));
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    log('chromium missing: apt-get update');
    execFileSync('apt-get', ['update'], { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    log('apt-get install -y chromium');
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 1_200_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().slice(-1500);
    throw new Error(messages.installFailed(CHROMIUM_PATH, stderr || String(error)));
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(messages.installFailed(CHROMIUM_PATH, 'the file is still missing'));
  return CHROMIUM_PATH;
}
