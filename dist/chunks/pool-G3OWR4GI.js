import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  FILE_WORKER_YOUNG_GENERATION_MB,
  MAX_WORKERS,
  ParserPool,
  WORKERS_ENV,
  filePoolSize,
  poolSize,
  readFileJob,
  workerScript,
  workersAvailable
} from "./chunk-GFJXMAFC.js";
import "./chunk-ZE3T6ODX.js";
import "./chunk-UBQU3XIK.js";
import "./chunk-YNBS3NDV.js";
import "./chunk-WDZ34UMO.js";
import "./chunk-4H27BXP7.js";
import "./chunk-UEMDV4PQ.js";
import "./chunk-NHRCP74O.js";
import "./chunk-QNAOXB7A.js";
import "./chunk-FDGYIFXX.js";
export {
  FILE_WORKER_YOUNG_GENERATION_MB,
  MAX_WORKERS,
  ParserPool,
  WORKERS_ENV,
  filePoolSize,
  poolSize,
  readFileJob,
  workerScript,
  workersAvailable
};
