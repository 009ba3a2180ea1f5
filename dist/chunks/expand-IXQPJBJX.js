import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  compareText,
  prepareTextOrder
} from "./chunk-WDZ34UMO.js";
import {
  glob,
  isDynamicPattern
} from "./chunk-VTOUCKGS.js";
import {
  ConfigurationError
} from "./chunk-UEMDV4PQ.js";
import "./chunk-QNAOXB7A.js";
import "./chunk-FDGYIFXX.js";

// src/reports/expand.ts
import { readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
var FOLDER_BYTES_PER_ENTRY = 32;
async function expandReportPaths(values, progress = {}) {
  const onListed = progress.listed ?? (() => void 0);
  const out = [];
  const seen = values.length > 1 ? /* @__PURE__ */ new Set() : null;
  const push = (file) => {
    if (seen !== null) {
      if (seen.has(file.path)) return;
      seen.add(file.path);
    }
    out.push(file);
  };
  for (const value of values) {
    const info = await stat(value).catch(() => null);
    if (info && !info.isDirectory()) {
      push({ path: value, explicit: true });
    } else if (info?.isDirectory()) {
      progress.folderEstimate?.(Math.floor(info.size / FOLDER_BYTES_PER_ENTRY));
      const root = await realpath(value);
      for (const file of await walk(value, root, onListed)) push(file);
    } else if (isDynamicPattern(value)) {
      const matches = await glob(value, { onlyFiles: true, dot: false, followSymbolicLinks: false });
      for (const file of matches.sort()) push({ path: file, explicit: false });
    } else {
      throw new ConfigurationError(`--reports: no such file or folder: ${value}`);
    }
  }
  return out;
}
async function walk(dir, root, onListed) {
  const out = [];
  const listing = readdir(dir, { withFileTypes: true });
  prepareTextOrder();
  const entries = await listing;
  onListed(entries.length);
  entries.sort((a, b) => compareText(a.name, b.name));
  const parent = join(dir, ".");
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = childPath(parent, entry.name);
    if (entry.isDirectory()) {
      for (const file of await walk(path, root, onListed)) out.push(file);
    } else if (entry.isFile()) out.push({ path, explicit: false });
    else if (entry.isSymbolicLink()) out.push(await followLink(path, root));
    else out.push({ path, explicit: false, refused: "is not a regular file" });
  }
  return out;
}
async function followLink(path, root) {
  const refused = await linkRefusal(path, root);
  return refused === null ? { path, explicit: false } : { path, explicit: false, refused };
}
async function linkRefusal(path, root) {
  const target = await realpath(path).catch(() => null);
  if (target === null) return "is a symlink to nothing";
  const inside = relative(root, target);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside))
    return `is a symlink to ${target}, outside ${root}; not read`;
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) return "is a symlink to a folder; symlinked folders are not walked";
  if (!info?.isFile()) return "is a symlink to something that is not a regular file";
  return null;
}
function childPath(parent, name) {
  if (parent === ".") return name;
  return parent.endsWith(sep) ? parent + name : parent + sep + name;
}
export {
  expandReportPaths
};
