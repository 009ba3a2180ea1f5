/**
 * Entry of dist/report-worker.js: a small bundle holding only the report parser, so that each
 * parser thread loads ~100 KiB of code instead of the whole CLI or action bundle (about 10 MiB
 * of heap less per worker on a large mailbox). pool.ts starts it when it sits beside the bundle.
 */
import './pool.js';
