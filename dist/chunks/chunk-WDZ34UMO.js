import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/core/text-order.ts
var collator = null;
function compareText(a, b) {
  return (collator ??= new Intl.Collator()).compare(a, b);
}
function prepareTextOrder() {
  collator ??= new Intl.Collator();
}

export {
  compareText,
  prepareTextOrder
};
