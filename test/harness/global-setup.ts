/**
 * Vitest global setup: runs once in the main process before any worker starts.
 * OWNER: smtp/pki helper (creates the throwaway CA and exports NODE_EXTRA_CA_CERTS to workers).
 */
export default function setup(): void {}
