/** Action entry: everything happens in run() (src/main.ts). */
// First: in a report-parser thread started on this bundle, nothing after it runs.
import './reports/worker-guard.js';
import { run } from './main.js';

void run();
