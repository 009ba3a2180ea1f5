// Runs before `npm test`: the integration suite starts a real DNS server (unbound) from
// Debian's packages and uses openssl and git. As root on Debian/Ubuntu they are installed
// when missing; otherwise this says exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';

const needed = { unbound: 'unbound', openssl: 'openssl', git: 'git' };
const missing = Object.entries(needed)
  .filter(([command]) => spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0)
  .map(([, pkg]) => pkg);

if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (isRoot && hasApt) {
    console.error(`installing test dependencies: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    });
  } else {
    console.error(
      `The integration tests need: ${missing.join(' ')}. Install them (e.g. sudo apt-get install ${missing.join(' ')}) and run npm test again.`,
    );
    process.exit(1);
  }
}
