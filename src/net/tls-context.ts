/**
 * One SecureContext per TLS configuration (issue 11): tls.connect without `secureContext`
 * builds a new one per connection, loading the whole root store again (4 % of a live run's
 * CPU). The contexts here are made on first use and shared by every connection of the run.
 */
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';

const contexts = new Map<string, SecureContext>();

/** The shared context for these options (plain JSON values only; the default trust store). */
export function sharedSecureContext(options: SecureContextOptions): SecureContext {
  const key = JSON.stringify(options);
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext(options);
    contexts.set(key, context);
  }
  return context;
}
