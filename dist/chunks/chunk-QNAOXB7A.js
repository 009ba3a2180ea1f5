import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/core/idn.ts
import { domainToASCII, domainToUnicode } from "node:url";
var LABEL_SEPARATORS = /[.\u3002\uff0e\uff61]/;
var ASCII_ONLY = /^[\u0000-\u007f]*$/;
var UNSAFE_ASCII = /[^\u0080-\u{10ffff}A-Za-z0-9_-]/u;
var A_LABEL = /^[a-z0-9-]+$/;
function toALabels(name) {
  if (ASCII_ONLY.test(name)) return { name: name.toLowerCase() };
  const labels = name.split(LABEL_SEPARATORS);
  const out = [];
  for (const label of labels) {
    if (ASCII_ONLY.test(label)) {
      out.push(label.toLowerCase());
      continue;
    }
    const bad = UNSAFE_ASCII.exec(label);
    if (bad) return { problem: `the label "${label}" contains "${bad[0]}"` };
    const ascii = domainToASCII(label);
    if (ascii === "" || !A_LABEL.test(ascii)) {
      return { problem: `the label "${label}" is not a valid internationalized label (UTS #46)` };
    }
    out.push(ascii);
  }
  return { name: out.join(".") };
}
function toULabels(name) {
  if (!/(^|\.)xn--/i.test(name)) return null;
  const unicode = domainToUnicode(name);
  if (unicode === "" || unicode === name.toLowerCase()) return null;
  return unicode;
}

export {
  toALabels,
  toULabels
};
