// Preloaded into the CLI child (node --import): at exit, writes the child's own CPU time, peak
// RSS and the largest size each V8 heap space reached to $BENCH_CPU_FILE, so the bench measures
// the CLI and not its servers, and says which part of the heap the peak RSS is (issue 11 item 4:
// on Node 24 the young generation alone grew to 128 MiB before src/heap-growth-cap.ts).
import { writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const file = process.env.BENCH_CPU_FILE;
if (file) {
  /** MiB, largest committed size seen per space. */
  const spaces = {};
  const sample = () => {
    for (const s of getHeapSpaceStatistics()) {
      spaces[s.space_name] = Math.max(spaces[s.space_name] ?? 0, s.space_size / 1048576);
    }
  };
  // Sampling costs microseconds; 100 ms is fine enough for spaces that grow over seconds.
  setInterval(sample, 100).unref();
  process.on('exit', () => {
    sample();
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({
        userUs: cpu.user,
        systemUs: cpu.system,
        maxRssKiB: process.resourceUsage().maxRSS,
        heapSpacesMiB: spaces,
      }),
    );
  });
}
