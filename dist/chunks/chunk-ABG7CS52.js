import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/net/policy-url.ts
var POLICY_PATH = "/.well-known/mta-sts.txt";
var HTTPS_PORT = 443;
function policyHost(domain) {
  return `mta-sts.${domain.toLowerCase().replace(/\.$/, "")}`;
}
function policyUrl(domain, port) {
  const authority = port === HTTPS_PORT ? policyHost(domain) : `${policyHost(domain)}:${port}`;
  return `https://${authority}${POLICY_PATH}`;
}

// src/version.ts
var TOOL_NAME = "mta-sts-guard";
var TOOL_VERSION = "1.0.0";

export {
  policyHost,
  policyUrl,
  TOOL_NAME,
  TOOL_VERSION
};
