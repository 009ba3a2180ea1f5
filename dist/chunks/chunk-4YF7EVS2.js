import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  certificateFacts
} from "./chunk-SO4UGQ5I.js";

// src/net/cert-facts-cache.ts
var CERT_FACTS_CACHE_ENTRIES = 2e4;
var cache = /* @__PURE__ */ new Map();
function cachedCertificateFacts(fingerprint256, der) {
  let facts = cache.get(fingerprint256);
  if (!facts) {
    facts = certificateFacts(der);
    if (cache.size >= CERT_FACTS_CACHE_ENTRIES) cache.delete(cache.keys().next().value);
    cache.set(fingerprint256, facts);
  }
  return { ...facts, san: [...facts.san], ocspUrls: [...facts.ocspUrls], crlUrls: [...facts.crlUrls] };
}

// src/net/socket-teardown.ts
var TEARDOWN_GRACE_MS = 1e3;
function destroyLater(socket) {
  if (socket.destroyed) return;
  socket.on("error", () => void 0);
  setImmediate(() => socket.destroy());
}
function closeGently(layers) {
  const outer = layers.at(-1);
  if (!outer) return;
  for (const socket of layers) socket.on("error", () => void 0);
  let done = false;
  const destroyAll = () => {
    if (done) return;
    done = true;
    clearTimeout(grace);
    setImmediate(() => {
      for (const socket of [...layers].reverse()) if (!socket.destroyed) socket.destroy();
    });
  };
  const grace = setTimeout(destroyAll, TEARDOWN_GRACE_MS);
  grace.unref();
  if (outer.destroyed || !outer.writable) {
    destroyAll();
    return;
  }
  outer.once("finish", destroyAll);
  outer.once("close", destroyAll);
  outer.end();
}

// src/net/tls-context.ts
import { createSecureContext } from "node:tls";
var contexts = /* @__PURE__ */ new Map();
function sharedSecureContext(options) {
  const key = JSON.stringify(options);
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext(options);
    contexts.set(key, context);
  }
  return context;
}

export {
  cachedCertificateFacts,
  destroyLater,
  closeGently,
  sharedSecureContext
};
