/**
 * Builds the real network adapters from the Config. OWNER: live-check helper.
 */
import type { Config } from '../config.js';
import type { Logger } from '../ports.js';
import type { ObserveDeps } from './observe.js';

export async function createNetwork(
  _config: Config,
  _logger: Logger,
): Promise<ObserveDeps & { close(): Promise<void> }> {
  throw new Error('live network checks are not implemented yet');
}
