/**
 * In the argv of every parser thread (./pool.ts starts them): ./worker-guard.ts reads it without
 * loading node:worker_threads, then workerData confirms it (./worker-mark.ts). No imports here,
 * so that neither module waits on the other.
 */
export const PARSER_ARGV = '--mta-sts-guard-report-parser';
