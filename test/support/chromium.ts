import { execFileSync } from 'child_process';
import { existsSync } from 'fs';

/** Where Debian's package `chromium` puts the browser; CHROMIUM_PATH names another one. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * The browser suites need a real Chromium. When it is missing the test run installs Debian's package
 * itself where it can (as root, with apt-get) and says so; otherwise it stops with how to install it.
 * It never skips the browser suites.
 */
export function ensureChromium(): string {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = existsSync('/usr/bin/apt-get');
  if (!root || !apt || process.env.CHROMIUM_PATH) {
    throw new Error(
      `The browser tests need Chromium at ${path}, and it is missing. Install it with \`sudo apt-get install -y chromium\` ` +
        '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.',
    );
  }
  console.log(`\nChromium is missing at ${path}: installing Debian's package chromium with apt-get (needed by the browser suites, once)…`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!existsSync(path)) throw new Error(`apt-get installed chromium, but ${path} is still missing`);
  return path;
}
