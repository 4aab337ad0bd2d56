import { FINDINGS_JSON_VERSION, type JsonFinding } from '../engine/findings-file.js';
import type { EvaluationResult, Finding } from '../engine/types.js';
import { accountGroups } from '../fleet/accounts.js';
import { controlsByRule, findingControls } from './common.js';
import type { ReportFile, Reporter } from './types.js';
import { maskSecretTags } from '../model/redaction.js';

export { FINDINGS_JSON_VERSION, type JsonFinding };

/** `provider|account` → account name, for the runs that know names (fleet scans). */
function accountNames(result: EvaluationResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of result.snapshot.scopes) {
    const name = (s.detail as { accountName?: unknown } | undefined)?.accountName;
    if (typeof name === 'string') out.set(`${s.provider}|${s.account}`, name);
  }
  return out;
}

export function toJsonFinding(f: Finding, byRule: Map<string, string[]>, names?: Map<string, string>): JsonFinding {
  const r = f.resource;
  const out: JsonFinding = {
    id: f.id,
    ruleId: f.ruleId,
    status: f.status,
    severity: f.severity,
    title: f.title,
    messageId: f.messageId,
    message: f.message,
    resource: { provider: r.provider, account: r.account, region: r.region, type: r.type, id: r.id, arn: r.arn ?? null, name: r.name ?? null },
    evidence: f.evidence ?? null,
  };
  if (r.tags && Object.keys(r.tags).length) out.resource.tags = maskSecretTags(r.tags); // `password=…` in a tag stays out of reports
  const accountName = names?.get(`${r.provider}|${r.account}`);
  if (accountName !== undefined) out.resource.accountName = accountName;
  if (f.suppressed) out.suppressed = f.suppressed;
  const controls = findingControls(f, byRule);
  if (controls) out.controls = controls;
  if (f.baselineState) out.baselineState = f.baselineState;
  return out;
}

/**
 * Pretty-prints the envelope with two-space indentation but writes each array item of the listed keys on
 * one line: 100,000 findings stay greppable and diffable line by line without the size of full indentation.
 */
function stringify(doc: Record<string, unknown>, oneLinePerItem: string[]): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    if (oneLinePerItem.includes(k) && Array.isArray(v)) {
      const items = v.map((x) => '    ' + JSON.stringify(x));
      parts.push(`  ${JSON.stringify(k)}: ${items.length ? `[\n${items.join(',\n')}\n  ]` : '[]'}`);
    } else {
      parts.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}`);
    }
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}

/** `compliance.json`: per framework and control, the status and the evidence chain control → rule → finding. */
export function renderComplianceJson(result: EvaluationResult): string {
  const byRule = controlsByRule(result);
  const referenced = new Set<string>();
  for (const fw of result.compliance ?? []) {
    for (const c of fw.controls) for (const id of [...c.failingFindingIds, ...c.unknownFindingIds, ...(c.suppressedFindingIds ?? [])]) referenced.add(id);
  }
  // The findings the controls point to, so the file stands alone for an auditor.
  const findings = result.findings.filter((f) => referenced.has(f.id)).map((f) => toJsonFinding(f, byRule, accountNames(result)));
  return stringify(
    {
      formatVersion: FINDINGS_JSON_VERSION,
      tool: result.tool,
      evaluatedAt: result.evaluatedAt,
      snapshot: { startedAt: result.snapshot.startedAt, finishedAt: result.snapshot.finishedAt, scopes: result.snapshot.scopes },
      frameworks: result.compliance ?? [],
      findings,
    },
    ['findings'],
  );
}

/** `findings.json` for pipelines: every finding (passes included), rule metadata, coverage, compliance. */
export function renderFindingsJson(result: EvaluationResult): string {
  const byRule = controlsByRule(result);
  const names = accountNames(result);
  const accounts = accountGroups(result);
  const s = result.snapshot;
  return stringify(
    {
      formatVersion: FINDINGS_JSON_VERSION,
      tool: result.tool,
      evaluatedAt: result.evaluatedAt,
      snapshot: {
        startedAt: s.startedAt,
        finishedAt: s.finishedAt,
        scopes: s.scopes,
        resourceCount: s.resourceCount,
        coverage: { total: s.coverage.total, ok: s.coverage.ok, notApplicable: s.coverage.notApplicable, gaps: s.coverage.gaps },
      },
      summary: result.summary,
      // Multi-account runs: per account (or GCP project), its counts and compliance score.
      ...(accounts.length ? { accounts } : {}),
      rules: result.rules,
      findings: result.findings.map((f) => toJsonFinding(f, byRule, names)),
      compliance: result.compliance,
      suppressions: result.suppressions,
      baseline: result.baseline,
    },
    ['findings'],
  );
}

export const jsonReporter: Reporter = {
  format: 'json',
  render(result: EvaluationResult): ReportFile[] {
    const files: ReportFile[] = [{ name: 'findings.json', content: renderFindingsJson(result) }];
    if (result.compliance) files.push({ name: 'compliance.json', content: renderComplianceJson(result) });
    return files;
  },
};
