/**
 * The layout of `findings.json`: written by the JSON reporter, read back by `vigil diff` and the history
 * store. It lives in the engine, beside the findings it serialises, so readers need no reporter.
 */
import type { Finding } from './types.js';

/** Version of the findings.json / compliance.json layout; bumped on incompatible changes. */
export const FINDINGS_JSON_VERSION = 1;

/** One entry of `findings.json` `findings[]`: one per (rule, resource) evaluated, passes included. */
export interface JsonFinding {
  id: string;
  ruleId: string;
  status: Finding['status'];
  severity: Finding['severity'];
  title: string;
  messageId: string;
  message: string;
  resource: {
    provider: string;
    account: string;
    region: string;
    type: string;
    id: string;
    /** `null` when the resource has no ARN / full name. */
    arn: string | null;
    name: string | null;
    tags?: Record<string, string>;
    /** Multi-account runs: the account's (AWS) or project's (GCP) name, from the snapshot scopes. */
    accountName?: string;
  };
  /** `null` when the rule gave none. */
  evidence: Record<string, unknown> | null;
  suppressed?: { justification: string; expires?: string };
  controls?: string[];
  /** Failures of a run compared with a baseline run (`--baseline`): new since it, or failing then too. */
  baselineState?: 'new' | 'unchanged';
}
