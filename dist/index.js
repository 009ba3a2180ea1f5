import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  MIN_DOMAINS_FOR_LINES,
  capHeapGrowth,
  check,
  createNetwork,
  failingFindings,
  pacedProgress,
  plural,
  renderJson,
  renderMarkdown,
  safeAnnotation,
  safeLogLine,
  systemClock
} from "./chunks/chunk-HTQU2OHX.js";
import "./chunks/chunk-IPJNBDBX.js";
import "./chunks/chunk-EDC3MA54.js";
import "./chunks/chunk-MQW6HBKM.js";
import {
  splitFileLines
} from "./chunks/chunk-4P7QQLAG.js";
import "./chunks/chunk-64CDEVP6.js";
import "./chunks/chunk-ZE3T6ODX.js";
import "./chunks/chunk-UBQU3XIK.js";
import "./chunks/chunk-WDZ34UMO.js";
import "./chunks/chunk-KWZRHUKW.js";
import "./chunks/chunk-VDO6YHCU.js";
import {
  RULES
} from "./chunks/chunk-4H27BXP7.js";
import {
  ConfigurationError,
  defaultConfig,
  normalizeDomain,
  parseChoice,
  parseDohUrl,
  parseInteger,
  parsePolicyFileSpec,
  parseResolver,
  parseShard,
  runIdentityFromEnv
} from "./chunks/chunk-UEMDV4PQ.js";
import "./chunks/chunk-ABG7CS52.js";
import "./chunks/chunk-G6YZZX3V.js";
import "./chunks/chunk-NHRCP74O.js";
import "./chunks/chunk-QNAOXB7A.js";
import "./chunks/chunk-FDGYIFXX.js";

// src/main.ts
import { mkdir, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve as resolve2 } from "node:path";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os3 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve3) {
      resolve3(value);
    });
  }
  return new (P || (P = Promise))(function(resolve3, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve3(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os3.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os3.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}

// src/action-inputs.ts
var DEFAULT_LABEL = "mta-sts-guard";
var MAX_LABEL_CHARS = 50;
var PULL_REQUEST_EVENTS = /* @__PURE__ */ new Set(["pull_request", "pull_request_target", "merge_group"]);
function isPullRequestEvent(eventName) {
  return PULL_REQUEST_EVENTS.has(eventName);
}
function words(raw) {
  return raw.split(/[\s,]+/).filter((w) => w !== "");
}
function lines(raw) {
  return raw.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}
function policyFileItems(raw) {
  return lines(raw).flatMap((l) => l.split(",")).map((item) => item.trim()).filter((item) => item !== "").flatMap((item) => /^\S+=\S+(\s+\S+=\S+)+$/.test(item) ? item.split(/\s+/) : [item]);
}
function parseBoolean(name, raw, fallback) {
  const text = raw.trim();
  if (text === "") return fallback;
  if (["true", "True", "TRUE"].includes(text)) return true;
  if (["false", "False", "FALSE"].includes(text)) return false;
  throw new ConfigurationError(`${name}: expected true or false, got '${raw}'`);
}
function optional(raw) {
  const text = raw.trim();
  return text === "" ? null : text;
}
function baseShaFromEvent(event) {
  const pr = event.payload["pull_request"];
  if (typeof pr?.base?.sha === "string") return pr.base.sha;
  const group = event.payload["merge_group"];
  if (typeof group?.base_sha === "string") return group.base_sha;
  return null;
}
function pullRequestFromEvent(event) {
  if (event.name !== "pull_request" && event.name !== "pull_request_target") return null;
  const pr = event.payload["pull_request"];
  if (typeof pr?.number !== "number" || typeof pr.head?.sha !== "string") return null;
  return { number: pr.number, headSha: pr.head.sha };
}
var INPUT_OF_FLAG = {
  "--domains-file": "domains-file",
  "--zone": "zone-files",
  "--policy-file": "policy-files",
  "--reports": "reports",
  "--base": "base-ref",
  "--include-root": "include-root",
  "--concurrency": "concurrency",
  "--resolver": "resolver",
  "--doh": "doh",
  "--shard": "shard",
  "--allow-missing-shards": "allow-missing-shards"
};
function nameInputs(message) {
  return message.replace(/--[a-z-]+/g, (flag) => INPUT_OF_FLAG[flag] ?? flag);
}
function readActionInputs(get, event) {
  const config = defaultConfig();
  const int = (name, min, max, fallback) => {
    const raw = get(name);
    return raw.trim() === "" ? fallback : parseInteger(name, raw, min, max);
  };
  config.domains = words(get("domains")).map((d) => normalizeDomain("domains", d));
  config.domainsFile = optional(get("domains-file"));
  config.zones = lines(get("zone-files"));
  config.unmatchedZonePattern = "warning";
  config.policyFiles = policyFileItems(get("policy-files")).map(
    (p) => parsePolicyFileSpec("policy-files", p)
  );
  config.reports = lines(get("reports"));
  config.reportsArtifact = optional(get("reports-artifact"));
  config.reportWindowDays = int("report-window-days", 1, 3650, config.reportWindowDays);
  config.enforceReadinessDays = int("enforce-readiness-days", 1, 3650, config.enforceReadinessDays);
  const resolver = optional(get("resolver"));
  const doh = optional(get("doh"));
  if (resolver !== null) config.resolver = parseResolver("resolver", resolver);
  if (doh !== null) config.doh = parseDohUrl("doh", doh);
  if (config.resolver && config.doh)
    throw new ConfigurationError("resolver and doh exclude each other: set one");
  const probe = optional(get("smtp-probe"));
  if (probe !== null) config.smtpProbe = parseChoice("smtp-probe", probe, ["auto", "on", "off"]);
  config.smtpPort = int("smtp-port", 1, 65535, config.smtpPort);
  config.policyPort = int("policy-port", 1, 65535, config.policyPort);
  config.timeoutSeconds = int("timeout-seconds", 1, 600, config.timeoutSeconds);
  config.concurrency = int("concurrency", 1, 256, config.concurrency);
  config.certExpiryWarningDays = int("cert-expiry-warning-days", 0, 3650, config.certExpiryWarningDays);
  const shard = optional(get("shard"));
  if (shard !== null) config.shard = parseShard("shard", shard);
  config.offline = parseBoolean("offline", get("offline"), false);
  const failOn = optional(get("fail-on"));
  if (failOn !== null) config.failOn = parseChoice("fail-on", failOn, ["error", "warning", "never"]);
  config.includeRoot = optional(get("include-root"));
  config.base = optional(get("base-ref")) ?? (isPullRequestEvent(event.name) ? baseShaFromEvent(event) : null);
  const openIssues = parseBoolean("open-issues", get("open-issues"), true);
  const listed = get("issue-labels").split(/[\n,]/).map((l) => l.trim()).filter((l) => l !== "");
  const labels = listed.length === 0 ? [DEFAULT_LABEL] : [...new Set(listed)];
  for (const label of labels) {
    if (label.length > MAX_LABEL_CHARS) {
      throw new ConfigurationError(`issue-labels: '${label}' is longer than ${MAX_LABEL_CHARS} characters`);
    }
  }
  return {
    config,
    openIssues,
    issueLabels: labels,
    closeResolvedIssues: parseBoolean("close-resolved-issues", get("close-resolved-issues"), true),
    token: get("github-token").trim(),
    sarifFile: optional(get("sarif-file")),
    jsonFile: optional(get("json-file")),
    suggestFixes: parseBoolean("suggest-fixes", get("suggest-fixes"), true),
    ...shardInputs(get, config)
  };
}
function shardInputs(get, config) {
  const mode = parseChoice("mode", optional(get("mode")) ?? "check", ["check", "shard"]);
  const merge = lines(get("merge-results"));
  const mergeResults = merge.length > 0 ? merge : null;
  if (mergeResults && config.shard) {
    throw new ConfigurationError(
      "merge-results and shard exclude each other: the merge job checks no shard itself"
    );
  }
  if (mergeResults && mode === "shard") {
    throw new ConfigurationError("merge-results and mode: shard exclude each other");
  }
  if (mode === "shard" && !config.shard)
    throw new ConfigurationError("mode: shard needs the shard input (I/N)");
  return {
    mode,
    mergeResults,
    allowMissingShards: parseBoolean("allow-missing-shards", get("allow-missing-shards"), false)
  };
}

// src/github/annotations.ts
import { isAbsolute, relative } from "node:path";
var ANNOTATIONS_PER_LEVEL = 10;
function workspacePath(file, workspace) {
  let path = file;
  if (isAbsolute(path)) {
    if (!workspace) return null;
    path = relative(workspace, path);
    if (path.startsWith("..") || isAbsolute(path)) return null;
  }
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}
var MAX_DIFF_LINES = 12;
var MAX_EDITS_SHOWN = 3;
function editDiff(edit, sources) {
  const file = sources.get(edit.file);
  const old = file ? splitFileLines(file.text).slice(edit.startLine - 1, edit.endLine) : [];
  const lines2 = [
    ...old.map((l) => `-${l.content}`),
    ...splitFileLines(edit.text).map((l) => `+${l.content}`)
  ];
  const range = edit.endLine < edit.startLine ? `insert before line ${edit.startLine}` : edit.endLine === edit.startLine ? `line ${edit.startLine}` : `lines ${edit.startLine}-${edit.endLine}`;
  const shown = lines2.slice(0, MAX_DIFF_LINES);
  const more = lines2.length - shown.length;
  return [`Edit ${edit.file} ${range}:`, ...shown, ...more > 0 ? [`(${more} more lines)`] : []].join("\n");
}
function annotationFor(f, workspace, sources) {
  const spec = RULES[f.rule];
  const edits = f.fix?.edits ?? [];
  const message = [
    f.domain ? `${f.domain}: ` : "",
    f.message,
    f.remediation ? `
Fix: ${f.remediation}` : "",
    ...edits.slice(0, MAX_EDITS_SHOWN).map((e) => `
${editDiff(e, sources)}`)
  ].join("");
  const annotation = { level: f.severity, title: `${spec.title} (${f.rule})`, message };
  const file = f.location ? workspacePath(f.location.file, workspace) : null;
  if (f.location && file) {
    annotation.file = file;
    annotation.startLine = Math.max(1, f.location.line);
  }
  return annotation;
}
function buildAnnotations(findings, workspace, sources = /* @__PURE__ */ new Map()) {
  const out = [];
  for (const level of ["error", "warning", "notice"]) {
    const matching = findings.filter((f) => f.severity === level).map((f, order) => ({ f, order })).sort((a, b) => Number(!a.f.location) - Number(!b.f.location) || a.order - b.order).map(({ f }) => annotationFor(f, workspace, sources));
    if (matching.length <= ANNOTATIONS_PER_LEVEL) {
      out.push(...matching);
      continue;
    }
    const shown = matching.slice(0, ANNOTATIONS_PER_LEVEL - 1);
    const more = matching.length - shown.length;
    out.push(...shown, {
      level,
      title: `${more} more ${level}s`,
      message: `${more} more ${level} findings are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step): see the job summary or the JSON result.`
    });
  }
  return out;
}

// src/github/edited-files.ts
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
var MAX_EDITED_FILE_BYTES = 4 * 1024 * 1024;
function gitBlobSha(bytes) {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
async function readEditedFiles(findings, cwd) {
  const files = /* @__PURE__ */ new Map();
  for (const f of findings) {
    for (const edit of f.fix?.edits ?? []) {
      if (files.has(edit.file)) continue;
      files.set(edit.file, await readOne(resolve(cwd, edit.file)));
    }
  }
  return files;
}
async function readOne(path) {
  try {
    if ((await stat(path)).size > MAX_EDITED_FILE_BYTES) return null;
    const bytes = await readFile(path);
    return { text: bytes.toString("utf8"), blobSha: gitBlobSha(bytes) };
  } catch {
    return null;
  }
}

// src/github/runner-context.ts
import { existsSync as existsSync2, readFileSync } from "node:fs";
function readRunnerContext(env = process.env) {
  let payload = {};
  const eventPath = env["GITHUB_EVENT_PATH"];
  if (eventPath) {
    if (existsSync2(eventPath)) {
      const parsed = JSON.parse(readFileSync(eventPath, "utf8"));
      if (parsed !== null && typeof parsed === "object") payload = parsed;
    } else {
      process.stdout.write(`GITHUB_EVENT_PATH ${eventPath} does not exist
`);
    }
  }
  const runId = Number.parseInt(env["GITHUB_RUN_ID"] ?? "", 10);
  return {
    eventName: env["GITHUB_EVENT_NAME"] ?? "",
    payload,
    runId: Number.isNaN(runId) ? null : runId,
    serverUrl: env["GITHUB_SERVER_URL"] ?? "https://github.com"
  };
}

// src/main.ts
var loggedWarnings = [];
var MAX_SUMMARY_WARNINGS = 20;
var logger = {
  // Issue 9 class 9: core.info writes the line as is, so a value starting a line with `::`
  // would be a workflow command; every log line goes through the one sanitiser. Messages from
  // code shared with the CLI name flags; here they name the inputs.
  debug: (m) => debug(safeLogLine(m)),
  info: (m) => info(safeLogLine(nameInputs(m))),
  warning: (m) => {
    const line = safeLogLine(nameInputs(m));
    loggedWarnings.push(line);
    warning(line);
  },
  progress: (m) => info(safeLogLine(m))
};
function actionProgress() {
  let grouped = false;
  return pacedProgress("lines", {
    begin(total) {
      if (total < MIN_DOMAINS_FOR_LINES) return;
      startGroup(`Checking ${plural(total, "domain")}`);
      grouped = true;
    },
    show: (line) => info(line),
    end() {
      if (grouped) endGroup();
      grouped = false;
    }
  });
}
var RESULTS_FILE_NAME = "mta-sts-guard-results.json";
function repository() {
  const [owner, repo] = (process.env["GITHUB_REPOSITORY"] ?? "").split("/");
  return owner && repo ? { owner, repo } : null;
}
function runUrl(context, repo) {
  return context.runId ? `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}` : null;
}
async function gitHub(settings) {
  const repo = repository();
  if (!repo) return "GITHUB_REPOSITORY is not set";
  if (!settings.token) return "github-token is empty";
  const { createGitHubClient } = await import("./chunks/client-LACLPLH5.js");
  const client = createGitHubClient({
    token: settings.token,
    timeoutMs: settings.config.timeoutSeconds * 1e3,
    logger
  });
  return { client, repo };
}
async function writeFileMaking(path, text) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile2(path, text);
}
function writeAnnotations(result, sources) {
  for (const a of buildAnnotations(result.findings, process.env["GITHUB_WORKSPACE"] ?? null, sources)) {
    const properties = { title: a.title };
    if (a.file) properties.file = a.file;
    if (a.startLine) properties.startLine = a.startLine;
    const message = safeAnnotation(a.message);
    if (a.level === "error") error(message, properties);
    else if (a.level === "warning") warning(message, properties);
    else notice(message, properties);
  }
}
function describeOutcome(outcome) {
  const news = outcome.newRisks === 1 ? "1 new risk" : `${outcome.newRisks} new risks`;
  switch (outcome.action) {
    case "opened":
      return "opened";
    case "updated":
      return outcome.newRisks > 0 ? `updated, ${news}` : "updated, fewer risks";
    case "reopened":
      return "reopened: risks are back";
    case "closed":
      return "closed: no risk left";
    case "unchanged":
      return "open, unchanged";
  }
}
async function run() {
  try {
    const context = readRunnerContext();
    const settings = readActionInputs((name) => getInput(name), {
      name: context.eventName,
      payload: context.payload
    });
    const { config } = settings;
    config.runId ??= runIdentityFromEnv(process.env);
    const pullRequest = isPullRequestEvent(context.eventName);
    const warnings = [];
    let github = null;
    const needGitHub = () => github ??= gitHub(settings);
    let reportArchives = [];
    if (config.reportsArtifact) {
      const gh = await needGitHub();
      if (typeof gh === "string") {
        warnings.push(`reports-artifact: not downloaded: ${gh}`);
      } else {
        const { fetchReportsArtifact, OctokitArtifactSource } = await import("./chunks/artifacts-JWLF4VLO.js");
        const fetched = await fetchReportsArtifact(
          new OctokitArtifactSource(gh.client, gh.repo),
          config.reportsArtifact,
          logger
        );
        reportArchives = fetched.archives;
        if (fetched.warning) warnings.push(fetched.warning);
      }
    }
    let result;
    const notes = [];
    if (settings.mergeResults) {
      capHeapGrowth();
      result = await mergeShardResults(settings, reportArchives);
      notes.push(shardCoverage(result));
    } else {
      capHeapGrowth();
      const network = config.offline ? void 0 : await createNetwork(config, logger);
      const progress = actionProgress();
      try {
        result = await check(config, { clock: systemClock, logger, network, reportArchives, progress });
      } finally {
        progress.finish();
        await network?.close();
      }
    }
    const shardJob = settings.mode === "shard";
    if (shardJob) {
      notes.push(
        `mode: shard (${config.shard.index}/${config.shard.total}): no issue writes and no annotations here; the merge job makes them.`
      );
    }
    let issues = [];
    if (shardJob) {
    } else if (settings.openIssues && pullRequest) {
      const note = `${context.eventName} event: issues are not touched; the check fails on risks instead.`;
      info(safeLogLine(note));
      notes.push(note);
    } else if (settings.openIssues) {
      const gh = await needGitHub();
      if (typeof gh === "string") {
        warnings.push(`issues: not updated: ${gh}`);
      } else {
        const [{ syncIssues }, { OctokitIssueTracker }] = await Promise.all([
          import("./chunks/issue-lifecycle-IGZZ2444.js"),
          import("./chunks/octokit-tracker-3DVSEI4X.js")
        ]);
        const sync = await syncIssues(
          result,
          new OctokitIssueTracker(gh.client, gh.repo),
          {
            labels: settings.issueLabels,
            closeResolved: settings.closeResolvedIssues,
            runUrl: runUrl(context, gh.repo),
            smtpProbeRan: config.smtpProbe !== "off"
          },
          logger
        );
        issues = sync.outcomes;
        if (sync.warning) warnings.push(sync.warning);
      }
    }
    const editedFiles = await readEditedFiles(result.findings, process.cwd());
    const pullRequestRef = pullRequestFromEvent({
      name: context.eventName,
      payload: context.payload
    });
    if (!shardJob && settings.suggestFixes && pullRequestRef) {
      const gh = await needGitHub();
      if (typeof gh === "string") {
        if (result.findings.some((f) => f.fix?.edits?.length))
          warnings.push(`suggest-fixes: not posted: ${gh}`);
      } else {
        const [{ describeSuggestions, syncSuggestions }, { OctokitPullRequestReviews }] = await Promise.all([
          import("./chunks/review-suggestions-6WDPXKD7.js"),
          import("./chunks/octokit-reviews-2GKVR72F.js")
        ]);
        const suggestions = await syncSuggestions(
          result,
          new OctokitPullRequestReviews(gh.client, gh.repo, pullRequestRef.number, pullRequestRef.headSha),
          {
            workspace: process.env["GITHUB_WORKSPACE"] || process.cwd(),
            cwd: process.cwd(),
            files: editedFiles
          },
          logger
        );
        notes.push(describeSuggestions(suggestions));
        if (suggestions.warning) warnings.push(suggestions.warning);
      }
    }
    for (const warning2 of warnings) warning(safeLogLine(warning2));
    const resultsFile = resolve2(
      settings.jsonFile ?? join(process.env["RUNNER_TEMP"] || tmpdir(), "mta-sts-guard", RESULTS_FILE_NAME)
    );
    await writeFileMaking(resultsFile, renderJson(result));
    if (settings.sarifFile) {
      const { renderSarif } = await import("./chunks/sarif-NJXGN2VM.js");
      await writeFileMaking(
        resolve2(settings.sarifFile),
        renderSarif(result, { anchorFile: sarifAnchor(config.domainsFile) })
      );
    }
    if (!shardJob) writeAnnotations(result, editedFiles);
    if (process.env["GITHUB_STEP_SUMMARY"]) {
      const links = issues.map((i) => ({ ...i, action: describeOutcome(i) }));
      const shown = [...loggedWarnings.slice(0, MAX_SUMMARY_WARNINGS), ...warnings];
      if (loggedWarnings.length > MAX_SUMMARY_WARNINGS)
        shown.push(`${loggedWarnings.length - MAX_SUMMARY_WARNINGS} more warnings are in the log`);
      await summary.addRaw(renderMarkdown(result, { issues: links, warnings: shown, notes }), true).write();
    }
    setOutput("errors", result.summary.errors);
    setOutput("warnings", result.summary.warnings);
    setOutput("enforce-risk", result.summary.enforceRisk);
    setOutput("results-file", resultsFile);
    const failing = failingFindings(result.findings, config.failOn);
    if (failing.length > 0) {
      setFailed(
        `${failing.length} finding${failing.length === 1 ? "" : "s"} at or above fail-on: ${config.failOn}` + (result.summary.enforceRisk ? " (enforce-mode risk: compliant senders will refuse mail)" : "")
      );
    }
  } catch (error2) {
    if (error2 instanceof Error && error2.stack) debug(error2.stack);
    if (error2 instanceof ConfigurationError) setFailed(nameInputs(error2.message));
    else setFailed(error2 instanceof Error ? error2.message : String(error2));
  }
}
async function mergeShardResults(settings, archives) {
  const { config } = settings;
  const { expandResultsPaths, mergeResultsFiles } = await import("./chunks/merge-files-LW5BEKDB.js");
  const paths = await expandResultsPaths("merge-results", settings.mergeResults);
  const withReports = config.reports.length > 0 || archives.length > 0;
  const { result } = await mergeResultsFiles(
    {
      flag: "merge-results",
      paths,
      allowMissingShards: settings.allowMissingShards,
      reports: withReports ? { paths: config.reports, archives, windowDays: config.reportWindowDays } : null
    },
    { clock: systemClock, logger }
  );
  return result;
}
function shardCoverage(result) {
  const shard = result.shard;
  const merged = shard.merged;
  const line = `Shard coverage: ${merged.shards.length} of ${shard.total} shards, ${result.summary.domains} of ${shard.list.count} domains checked.`;
  if (merged.missingShards.length === 0) return line;
  const shown = merged.uncheckedDomains.slice(0, MAX_UNCHECKED_SHOWN).map((d) => `\`${d}\``);
  const more = merged.uncheckedDomains.length - shown.length;
  return `${line} Missing shard${merged.missingShards.length === 1 ? "" : "s"} ${merged.missingShards.join(", ")}: not checked, their issues left untouched: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}
var MAX_UNCHECKED_SHOWN = 50;
function sarifAnchor(domainsFile) {
  if (domainsFile) return domainsFile;
  const ref = process.env["GITHUB_WORKFLOW_REF"] ?? "";
  const match = /^[^/]+\/[^/]+\/(.+?)@/.exec(ref);
  return match?.[1] ?? null;
}

// src/index.ts
void run();
