/**
 * Imported first by each bundle entry (src/index.ts, src/cli.ts). The parser pool (./pool.ts)
 * starts its threads on dist/report-worker.js, or on the very file it is in when that one is
 * missing (a bundle of its own, as the tests build). In such a thread the pool module serves
 * parse requests, and this module never settles, so the rest of the bundle (the CLI or the
 * action) does not run there. On the main path it costs one look at process.argv: node:worker_threads
 * and the pool load only in a parser thread (issue 11 item 6, cold start).
 */
import { PARSER_ARGV } from './parser-argv.js';

if (process.argv.includes(PARSER_ARGV)) {
  const { isParserThread } = await import('./worker-mark.js');
  if (isParserThread()) {
    await import('./pool.js');
    // The thread lives on its message port until the pool terminates it.
    await new Promise<never>(() => {});
  }
}
