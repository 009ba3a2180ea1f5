/**
 * What the runner says about this run (the event, its payload, the run id), read from the
 * environment as @actions/github's `context` reads it, without loading @actions/github: the
 * GitHub client (Octokit, undici) loads only when a run talks to the API (issue 11 item 6).
 */
import { existsSync, readFileSync } from 'node:fs';

export interface RunnerContext {
  /** GITHUB_EVENT_NAME, '' outside a runner. */
  eventName: string;
  /** The event payload (GITHUB_EVENT_PATH), {} when there is none. */
  payload: Record<string, unknown>;
  /** GITHUB_RUN_ID, or null. */
  runId: number | null;
  /** GITHUB_SERVER_URL, https://github.com by default. */
  serverUrl: string;
}

export function readRunnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  let payload: Record<string, unknown> = {};
  const eventPath = env['GITHUB_EVENT_PATH'];
  if (eventPath) {
    if (existsSync(eventPath)) {
      const parsed: unknown = JSON.parse(readFileSync(eventPath, 'utf8'));
      if (parsed !== null && typeof parsed === 'object') payload = parsed as Record<string, unknown>;
    } else {
      // As @actions/github says it: the run goes on without a payload.
      process.stdout.write(`GITHUB_EVENT_PATH ${eventPath} does not exist\n`);
    }
  }
  const runId = Number.parseInt(env['GITHUB_RUN_ID'] ?? '', 10);
  return {
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    payload,
    runId: Number.isNaN(runId) ? null : runId,
    serverUrl: env['GITHUB_SERVER_URL'] ?? 'https://github.com',
  };
}
