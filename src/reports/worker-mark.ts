/** How a parser thread knows it is one (./pool.ts starts them, ./worker-guard.ts stops entries). */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Set in workerData by the parser pool, so that only threads it started turn into parsers. */
export const WORKER_MARK = 'mta-sts-guard/report-parser';
/**
 * Also passed as the thread's argv (see PARSER_ARGV in ./worker-guard.ts), which an entry can
 * read without loading node:worker_threads.
 */
export { PARSER_ARGV } from './worker-guard.js';

export function isParserThread(): boolean {
  return (
    !isMainThread &&
    parentPort !== null &&
    (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true
  );
}
