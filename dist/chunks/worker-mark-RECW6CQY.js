import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  WORKER_MARK,
  isParserThread
} from "./chunk-YNBS3NDV.js";
import "./chunk-FDGYIFXX.js";
export {
  WORKER_MARK,
  isParserThread
};
