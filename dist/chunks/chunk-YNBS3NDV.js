import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/reports/worker-mark.ts
import { isMainThread, parentPort, workerData } from "node:worker_threads";
var WORKER_MARK = "mta-sts-guard/report-parser";
function isParserThread() {
  return !isMainThread && parentPort !== null && workerData?.[WORKER_MARK] === true;
}

export {
  WORKER_MARK,
  isParserThread
};
