/** How a parser thread knows it is one (./pool.ts starts them, ./worker-guard.ts stops entries). */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Set in workerData by the parser pool, so that only threads it started turn into parsers. */
export const WORKER_MARK = 'mta-sts-guard/report-parser';

export function isParserThread(): boolean {
  return (
    !isMainThread &&
    parentPort !== null &&
    (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true
  );
}
