/**
 * Deadlines that measure the network, not our own backlog (issue 11 item 2). After the event
 * loop was busy, Node runs due timers BEFORE it polls for I/O: an answer that arrived in time,
 * and waits in the kernel, would lose to its own deadline. A network timer therefore decides
 * only from the check phase of the same loop turn (setImmediate), after that poll has run the
 * callbacks of every answer already received, and any of them can still clear it.
 */
export interface NetworkTimer {
  cleared: boolean;
  timeout: NodeJS.Timeout | null;
  immediate: NodeJS.Immediate | null;
}

/** setTimeout(onExpire, ms), decided after I/O already received has been handled. */
export function setNetworkTimeout(onExpire: () => void, ms: number): NetworkTimer {
  const timer: NetworkTimer = { cleared: false, timeout: null, immediate: null };
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
    Math.max(0, ms),
  );
  return timer;
}

export function clearNetworkTimeout(timer: NetworkTimer | null | undefined): void {
  if (!timer) return;
  timer.cleared = true;
  if (timer.timeout) clearTimeout(timer.timeout);
  if (timer.immediate) clearImmediate(timer.immediate);
}
