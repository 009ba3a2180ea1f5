import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
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
  const seen = /* @__PURE__ */ new Set();
  const push = (path, explicit, refused) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push(refused === void 0 ? { path, explicit } : { path, explicit, refused });
  };
  for (const value of values) {
    const info = await stat(value).catch(() => null);
    if (info && !info.isDirectory()) {
      push(value, true);
    } else if (info?.isDirectory()) {
      progress.folderEstimate?.(Math.floor(info.size / FOLDER_BYTES_PER_ENTRY));
      const root = await realpath(value);
      for (const file of await walk(value, root, onListed)) push(file.path, false, file.refused);
    } else if (isDynamicPattern(value)) {
      const matches = await glob(value, { onlyFiles: true, dot: false, followSymbolicLinks: false });
      for (const file of matches.sort()) push(file, false);
    } else {
      throw new ConfigurationError(`--reports: no such file or folder: ${value}`);
    }
  }
  return out;
}
var NAME_ORDER = new Intl.Collator();
async function walk(dir, root, onListed) {
  const out = [];
  const entries = await readdir(dir, { withFileTypes: true });
  onListed(entries.length);
  entries.sort((a, b) => NAME_ORDER.compare(a.name, b.name));
  const parent = join(dir, ".");
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = childPath(parent, entry.name);
    if (entry.isDirectory()) {
      for (const file of await walk(path, root, onListed)) out.push(file);
    } else if (entry.isFile()) out.push({ path });
    else if (entry.isSymbolicLink()) out.push(await followLink(path, root));
    else out.push({ path, refused: "is not a regular file" });
  }
  return out;
}
async function followLink(path, root) {
  const target = await realpath(path).catch(() => null);
  if (target === null) return { path, refused: "is a symlink to nothing" };
  const inside = relative(root, target);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside))
    return { path, refused: `is a symlink to ${target}, outside ${root}; not read` };
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory())
    return { path, refused: "is a symlink to a folder; symlinked folders are not walked" };
  if (!info?.isFile()) return { path, refused: "is a symlink to something that is not a regular file" };
  return { path };
}
function childPath(parent, name) {
  if (parent === ".") return name;
  return parent.endsWith(sep) ? parent + name : parent + sep + name;
}
export {
  expandReportPaths
};
