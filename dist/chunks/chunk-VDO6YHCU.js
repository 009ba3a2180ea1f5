import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/input-file.ts
import { constants } from "node:fs";
import { open } from "node:fs/promises";
var MAX_DOMAINS_FILE_BYTES = 32 * 1024 * 1024;
var MAX_ZONE_FILE_BYTES = 8 * 1024 * 1024;
async function readInputFile(path, maxBytes) {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const e = error;
    return { kind: "error", code: e.code, message: e.message };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: "not-regular", what: fileType(info) };
    if (info.size > maxBytes) return { kind: "too-large", size: info.size };
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { kind: "too-large", size: filled };
    return { kind: "ok", bytes: buffer.subarray(0, filled) };
  } catch (error) {
    const e = error;
    return { kind: "error", code: e.code, message: e.message };
  } finally {
    await handle.close().catch(() => void 0);
  }
}
function fileType(info) {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a FIFO";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  if (info.isSocket()) return "a socket";
  return "not a regular file";
}
function describeInputProblem(read, maxBytes) {
  switch (read.kind) {
    case "not-regular":
      return `is not a regular file (${read.what})`;
    case "too-large":
      return `is larger than the limit of ${maxBytes} bytes (${read.size} bytes)`;
    case "error":
      return read.code === "ENOENT" ? "no such file" : read.code === "EISDIR" ? "is a folder" : `cannot be read (${read.code ?? read.message})`;
  }
}

export {
  MAX_DOMAINS_FILE_BYTES,
  MAX_ZONE_FILE_BYTES,
  readInputFile,
  describeInputProblem
};
