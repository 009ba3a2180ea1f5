import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/net/network-timer.ts
function setNetworkTimeout(onExpire, ms) {
  const timer = { cleared: false, timeout: null, immediate: null };
  timer.timeout = setTimeout(
    () => {
      timer.timeout = null;
      timer.immediate = setImmediate(() => {
        timer.immediate = null;
        if (!timer.cleared) {
          timer.cleared = true;
          onExpire();
        }
      });
    },
    Math.max(0, ms)
  );
  return timer;
}
function clearNetworkTimeout(timer) {
  if (!timer) return;
  timer.cleared = true;
  if (timer.timeout) clearTimeout(timer.timeout);
  if (timer.immediate) clearImmediate(timer.immediate);
}

export {
  setNetworkTimeout,
  clearNetworkTimeout
};
