/**
 * Connect errors that describe the machine running the check, not the peer: no route for the
 * address family (a runner without IPv6 meeting an AAAA record). Judging an MX or a policy host
 * on them would be a false alarm, so such attempts are left out of the judgement.
 */
const RUNNER_NETWORK_CODES = new Set(['ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** `code` is a Node error code, or a message that starts with one (`ENETUNREACH: ...`). */
export function isRunnerNetworkError(code: string): boolean {
  return RUNNER_NETWORK_CODES.has(code.split(/[:\s]/, 1)[0] ?? '');
}

/**
 * Errors that say this machine ran out of a resource (file descriptors), not that a peer failed.
 * Issue 9 class 10: with EMFILE every MX of every later domain looked unreachable or addressless.
 */
const LOCAL_RESOURCE_CODE = /\b(EMFILE|ENFILE)\b/;

/** The local resource error code `text` (an error message, or any text holding facts) names, or null. */
export function localResourceError(text: string): string | null {
  return LOCAL_RESOURCE_CODE.exec(text)?.[1] ?? null;
}
