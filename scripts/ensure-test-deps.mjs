// Runs before `npm test`: the integration suite starts a real DNS server (unbound) from its
// binary on loopback and uses openssl and git; the screenshot test (test/docs/screenshots.test.ts)
// renders the job summary in headless Chromium, with the colour emoji font its icons need. This never changes the host unasked: it installs
// what is missing only on CI (CI=true) or when asked (MTA_STS_GUARD_INSTALL_TEST_DEPS=1), as
// root with apt-get, and then no service may start or stay enabled (a Debian package such as
// unbound enables and starts unbound.service, which can take over the host's resolver).
// Anywhere else it prints the one command to run and stops.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/** Debian package for each command the tests run. */
const NEEDED = { unbound: 'unbound', openssl: 'openssl', git: 'git', chromium: 'chromium' };
/** Debian package for each file the tests need that is not a command. */
const NEEDED_FILES = { '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf': 'fonts-noto-color-emoji' };
/** Units the unbound package enables on install; disabled again at once (never started: policy-rc.d). */
const UNITS_ENABLED_BY_PACKAGES = ['unbound.service', 'unbound-resolvconf.service'];
/** invoke-rc.d asks this script before starting a service; exit 101 means "not allowed" (policy-rc.d(8)). */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const missing = [
  ...Object.entries(NEEDED).filter(([command]) => !has(command)),
  ...Object.entries(NEEDED_FILES).filter(([file]) => !existsSync(file)),
].map(([, pkg]) => pkg);

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const allowed = process.env.CI === 'true' || process.env.MTA_STS_GUARD_INSTALL_TEST_DEPS === '1';
  if (isRoot && allowed && has('apt-get')) install(missing);
  else {
    console.error(
      `The integration tests need: ${missing.join(' ')}. Install them once with\n` +
        `  sudo apt-get install --no-install-recommends ${missing.join(' ')}\n` +
        `(or run as root with MTA_STS_GUARD_INSTALL_TEST_DEPS=1, which installs them without ` +
        `enabling or starting any service) and run npm test again.`,
    );
    process.exit(1);
  }
}

function install(packages) {
  console.error(`installing test dependencies: ${packages.join(' ')} (no service is started or enabled)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env,
    });
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  // The tests start unbound from its binary; the packaged units must not stay enabled.
  if (has('systemctl')) {
    for (const unit of UNITS_ENABLED_BY_PACKAGES) {
      spawnSync('systemctl', ['disable', '--now', unit], { stdio: 'ignore' });
    }
  }
}
