/**
 * Action entry: inputs → Config → check() → summary, annotations, outputs, issues, exit.
 * OWNER: github helper. The one place that reads inputs and calls setFailed.
 */
import * as core from '@actions/core';

export async function run(): Promise<void> {
  try {
    core.setFailed('the action is not wired yet');
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
