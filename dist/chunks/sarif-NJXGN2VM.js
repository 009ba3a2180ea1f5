import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  renderSarif
} from "./chunk-4JHX6ZYV.js";
import "./chunk-4H27BXP7.js";
import "./chunk-FDGYIFXX.js";
export {
  renderSarif
};
