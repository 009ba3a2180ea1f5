import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  RULES,
  RULE_IDS
} from "./chunk-4H27BXP7.js";

// src/render/sarif.ts
import { createHash } from "node:crypto";
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var LEVEL = {
  error: "error",
  warning: "warning",
  notice: "note"
};
var SECURITY_SEVERITY = { error: "7.5", warning: "5.0", notice: "2.0" };
function ruleDescriptor(id) {
  const spec = RULES[id];
  return {
    id,
    name: id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(""),
    shortDescription: { text: spec.title },
    fullDescription: { text: spec.description },
    help: {
      text: `${spec.description}

Fix: ${spec.remediation}`,
      markdown: `${spec.description}

**Fix:** ${spec.remediation}`
    },
    // The severity senders apply in enforce mode: what the rule means when it matters most.
    defaultConfiguration: { level: LEVEL[spec.severity.enforce] },
    properties: {
      tags: ["mta-sts", spec.family],
      "security-severity": SECURITY_SEVERITY[spec.severity.enforce]
    }
  };
}
function fingerprint(f) {
  const parts = [
    f.rule,
    f.domain ?? "",
    f.subject ?? "",
    f.location?.file ?? "",
    f.message.replace(/\d+/g, "#")
  ];
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}
function artifactUri(file) {
  return file.replace(/\\/g, "/").replace(/^\.\//, "").split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
function location(f, options) {
  if (f.location) {
    return {
      physicalLocation: {
        artifactLocation: { uri: artifactUri(f.location.file) },
        region: { startLine: Math.max(1, f.location.line) }
      },
      ...f.domain ? { logicalLocations: [{ name: f.domain, kind: "module" }] } : {}
    };
  }
  const name = f.domain ?? f.subject ?? "run";
  const fullyQualifiedName = f.subject && f.domain ? `${f.domain}/${f.subject}` : name;
  const anchor = options.anchorFile ?? `mta-sts-guard/${f.domain ?? "run"}`;
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(anchor) }, region: { startLine: 1 } },
    logicalLocations: [{ name, fullyQualifiedName, kind: "module" }]
  };
}
function renderSarif(result, options = {}) {
  const ruleIndex = new Map(RULE_IDS.map((id, index) => [id, index]));
  const results = result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: LEVEL[f.severity],
    message: {
      text: [f.domain ? `${f.domain}: ` : "", f.message, f.remediation ? `
Fix: ${f.remediation}` : ""].join(
        ""
      )
    },
    locations: [location(f, options)],
    partialFingerprints: { "mtaStsGuard/v1": fingerprint(f) },
    properties: {
      ...f.domain ? { domain: f.domain } : {},
      ...f.subject ? { subject: f.subject } : {},
      ...f.mode !== void 0 ? { mode: f.mode } : {},
      ...f.status ? { status: f.status } : {},
      ...f.resultType ? { resultType: f.resultType } : {}
    }
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            rules: RULE_IDS.map(ruleDescriptor)
          }
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: result.generatedAt }],
        columnKind: "unicodeCodePoints",
        results
      }
    ]
  };
  return JSON.stringify(log, null, 2) + "\n";
}

export {
  renderSarif
};
