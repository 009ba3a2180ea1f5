// Preloaded into the CLI child (node --import): at exit, writes the child's own CPU time and
// peak RSS to $BENCH_CPU_FILE, so the bench measures the CLI and not its servers.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ userUs: cpu.user, systemUs: cpu.system, maxRssKiB: process.resourceUsage().maxRSS }),
    );
  });
}
