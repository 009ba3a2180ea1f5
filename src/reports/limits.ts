/**
 * Limits on what report ingestion reads, each with its reason. Reports come from outside
 * (anyone can mail the rua address), so every size is bounded: a hostile input gives one
 * `report-invalid`, never an out-of-memory.
 */

/**
 * Decompressed JSON of one report. Real reports are small (Google and Microsoft send a few
 * hundred bytes to a few hundred KiB per domain and day); 16 MiB leaves room for very large
 * senders while a parsed report (several times its text in memory) stays well under 200 MiB.
 * A gzip bomb stops here.
 */
export const MAX_REPORT_JSON_BYTES = 16 * 1024 * 1024;

/**
 * One mail message (an .eml file or one message of a mailbox). A 16 MiB report gzips to far
 * less, and base64 adds a third; anything larger is not a TLS-RPT message.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** A plain .json or .json.gz file read whole (same reasoning as MAX_REPORT_JSON_BYTES). */
export const MAX_FILE_BYTES = MAX_REPORT_JSON_BYTES;

/**
 * One header value kept, unfolded (Content-Type, Content-Disposition…). RFC 5322 §2.1.1 allows
 * 998 characters a line; a real Content-Type with a long file name is well under 1 KiB. A 31 MiB
 * Content-Type once took 1.2 GiB of memory (parameters are read a character at a time); the rest
 * of a longer value is dropped, so what follows it in that header is lost, the message is not.
 */
export const MAX_HEADER_VALUE_CHARS = 16 * 1024;

/** MIME nesting (multipart in multipart, forwarded message/rfc822); real reports use one level. */
export const MAX_MIME_DEPTH = 8;

/** MIME parts per message; a report message has two or three. */
export const MAX_MIME_PARTS = 200;

/** Entries in one zip archive; a workflow artifact of a year of daily reports has a few thousand. */
export const MAX_ZIP_ENTRIES = 50_000;

/** Decompressed bytes of one zip entry held in memory (mailboxes inside a zip are streamed). */
export const MAX_ZIP_ENTRY_BYTES = MAX_MESSAGE_BYTES;

/**
 * Decompressed bytes read from one top-level input in total, over every zip nested in it
 * (DecompressionBudget, zip.ts): a zip bomb, or a zip of zip bombs, stops here. A year of daily
 * reports for a few hundred domains is well under 100 MiB; 1 GiB of zeros inflates in a few
 * seconds, so a bomb costs seconds, not the 437 s of CPU a zip of zips once took.
 */
export const MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024;

/** Zip archives inside zip archives (an artifact of artifacts); deeper nesting is not followed. */
export const MAX_ZIP_NESTING = 2;
