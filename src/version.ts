/** Tool identity in results (JSON `tool`, SARIF driver). Kept in step with package.json by a test. */
export const TOOL_NAME = 'mta-sts-guard';
export const TOOL_VERSION = '1.0.0';
