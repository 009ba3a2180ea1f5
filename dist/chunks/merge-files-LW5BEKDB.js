import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  MAX_RESULTS_FILE_BYTES,
  expandResultsPaths,
  mergeResultsFiles
} from "./chunk-RW6I5JLU.js";
import "./chunk-IPJNBDBX.js";
import "./chunk-UBQU3XIK.js";
import "./chunk-WDZ34UMO.js";
import "./chunk-VDO6YHCU.js";
import "./chunk-VTOUCKGS.js";
import "./chunk-4H27BXP7.js";
import "./chunk-UEMDV4PQ.js";
import "./chunk-NHRCP74O.js";
import "./chunk-QNAOXB7A.js";
import "./chunk-FDGYIFXX.js";
export {
  MAX_RESULTS_FILE_BYTES,
  expandResultsPaths,
  mergeResultsFiles
};
