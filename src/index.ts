/** Action entry: everything happens in run() (src/main.ts). */
import { run } from './main.js';

void run();
