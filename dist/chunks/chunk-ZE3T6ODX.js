import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/reports/parser-argv.ts
var PARSER_ARGV = "--mta-sts-guard-report-parser";

export {
  PARSER_ARGV
};
