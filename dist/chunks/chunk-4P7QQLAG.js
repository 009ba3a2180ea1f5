import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/core/fix/edit.ts
function splitFileLines(text) {
  const lines = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 10 && ch !== 13) continue;
    const crlf = ch === 13 && text.charCodeAt(i + 1) === 10;
    lines.push({ content: text.slice(start, i), ending: crlf ? "\r\n" : ch === 10 ? "\n" : "\r" });
    if (crlf) i++;
    start = i + 1;
  }
  if (start < text.length) lines.push({ content: text.slice(start), ending: "" });
  return lines;
}
function applyEdits(text, edits) {
  const lines = splitFileLines(text);
  const pieces = lines.map((l) => l.content + l.ending);
  const sorted = [...edits].sort((a, b) => b.startLine - a.startLine);
  let previousStart = Infinity;
  for (const edit of sorted) {
    const { startLine, endLine } = edit;
    const valid = startLine >= 1 && endLine >= startLine - 1 && endLine <= pieces.length && endLine < previousStart;
    if (!valid)
      throw new RangeError(`edit of ${edit.file} lines ${startLine}-${endLine} does not fit the file`);
    pieces.splice(startLine - 1, endLine - startLine + 1, edit.text);
    previousStart = startLine;
  }
  return pieces.join("");
}
function editsFromLineMap(file, before, replacement) {
  const edits = [];
  let i = 0;
  while (i < before.length) {
    if (same(before[i], replacement[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < before.length && !same(before[i], replacement[i])) i++;
    const text = replacement.slice(start, i).filter((l) => l !== null).map((l) => l.content + l.ending).join("");
    edits.push({ file, startLine: start + 1, endLine: i, text });
  }
  return edits;
}
function same(a, b) {
  return b !== null && b !== void 0 && a.content === b.content && a.ending === b.ending;
}
function singleEdit(file, before, after) {
  if (before === after) return null;
  const a = splitFileLines(before).map((l) => l.content + l.ending);
  const b = splitFileLines(after).map((l) => l.content + l.ending);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail])
    tail++;
  return {
    file,
    startLine: head + 1,
    endLine: a.length - tail,
    text: b.slice(head, b.length - tail).join("")
  };
}

export {
  splitFileLines,
  applyEdits,
  editsFromLineMap,
  singleEdit
};
