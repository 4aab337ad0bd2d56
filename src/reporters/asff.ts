import type { EvaluationResult, Finding, RuleMeta, Severity, Status } from '../engine/types.js';
import { controlsByRule, findingControls, jsonArrayLines } from './common.js';
import type { ReportFile, Reporter } from './types.js';
import { maskSecretTags } from '../model/redaction.js';

/**
 * The field limits `BatchImportFindings` enforces (AWS Security Hub API reference, `AwsSecurityFinding` and
 * its members): a finding that breaks one is rejected, so every string is cut to fit here, never by Security Hub.
 */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  types: 50,
  resources: 32,
  resourceId: 512,
  resourceType: 256,
  resourceTags: 50,
  tagKey: 128,
  tagValue: 256,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  remediationText: 512,
  noteText: 512,
  relatedRequirements: 32,
  /** Bytes of one finding as JSON. */
  findingBytes: 240 * 1024,
  /** Findings per `BatchImportFindings` call. */
  batch: 100,
} as const;

/** Security Hub's resource types for the Vigil types that have one; every other type is `Other`. */
const RESOURCE_TYPE: Record<string, string> = {
  'aws.ec2.security-group': 'AwsEc2SecurityGroup',
  'aws.ec2.instance': 'AwsEc2Instance',
  'aws.ec2.vpc': 'AwsEc2Vpc',
  'aws.ec2.network-acl': 'AwsEc2NetworkAcl',
  'aws.ec2.route-table': 'AwsEc2RouteTable',
  'aws.ebs.volume': 'AwsEc2Volume',
  'aws.s3.bucket': 'AwsS3Bucket',
  'aws.iam.user': 'AwsIamUser',
  'aws.iam.role': 'AwsIamRole',
  'aws.iam.group': 'AwsIamGroup',
  'aws.iam.policy': 'AwsIamPolicy',
  'aws.kms.key': 'AwsKmsKey',
  'aws.rds.db-instance': 'AwsRdsDbInstance',
  'aws.rds.db-cluster': 'AwsRdsDbCluster',
  'aws.cloudtrail.trail': 'AwsCloudTrailTrail',
};

const LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFORMATIONAL' };
/** `unknown` is NOT_AVAILABLE: "the check could not be performed" — never PASSED. */
const COMPLIANCE: Partial<Record<Status, string>> = { fail: 'FAILED', pass: 'PASSED', unknown: 'NOT_AVAILABLE' };

/** Cuts to `max` characters (by code point, so no surrogate is split), marking the cut with `…`. */
export function fit(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Where a global resource's finding goes when the scan covered no region of its account. */
const DEFAULT_REGION: Record<string, string> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

const partitionOf = (arn: string | undefined, fallback: string): string => (arn?.startsWith('arn:') ? arn.split(':')[1] || fallback : fallback);

/**
 * The Region Security Hub imports a finding into: the resource's own, or for global resources (IAM) the first
 * region the scan covered in that account (Security Hub has no `global` region).
 */
function homeRegions(result: EvaluationResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const sc of result.snapshot.scopes) {
    const r = sc.regions.find((x) => x !== 'global');
    if (sc.provider === 'aws' && r && !out.has(sc.account)) out.set(sc.account, r);
  }
  return out;
}

function scopePartition(result: EvaluationResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const sc of result.snapshot.scopes) if (sc.provider === 'aws' && typeof sc.detail?.partition === 'string') out.set(sc.account, sc.detail.partition);
  return out;
}

function productFields(f: Finding, meta: RuleMeta | undefined): Record<string, string> {
  const fields: Record<string, string> = {
    'vigil/FindingId': f.id,
    'vigil/RuleId': f.ruleId,
    'vigil/Status': f.status,
    'vigil/ResourceType': f.resource.type,
  };
  if (meta) fields['vigil/Pack'] = meta.pack;
  if (f.resource.name) fields['vigil/ResourceName'] = f.resource.name;
  if (f.suppressed) fields['vigil/Suppression'] = f.suppressed.justification + (f.suppressed.expires ? ` (expires ${f.suppressed.expires})` : '');
  if (f.evidence) fields['vigil/Evidence'] = JSON.stringify(f.evidence);
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [fit(k, ASFF_LIMITS.productFieldKey), fit(v, ASFF_LIMITS.productFieldValue)]));
}

function tags(t: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!t) return undefined;
  const entries = Object.entries(maskSecretTags(t)).slice(0, ASFF_LIMITS.resourceTags);
  return entries.length ? Object.fromEntries(entries.map(([k, v]) => [fit(k, ASFF_LIMITS.tagKey), fit(v, ASFF_LIMITS.tagValue)])) : undefined;
}

export type AsffFinding = Record<string, unknown>;

/**
 * One ASFF finding per AWS finding that has a compliance outcome (fail, pass, unknown; not-applicable results
 * have nothing to import). GCP and TLS findings have no AWS account to import into and are left out.
 */
export function toAsff(result: EvaluationResult): AsffFinding[] {
  const metas = new Map(result.rules.map((r) => [r.id, r]));
  const byRule = controlsByRule(result);
  const home = homeRegions(result);
  const partitions = scopePartition(result);
  const out: AsffFinding[] = [];
  for (const f of result.findings) {
    const status = COMPLIANCE[f.status];
    if (f.resource.provider !== 'aws' || !status || !/^\d{12}$/.test(f.resource.account)) continue;
    const ref = f.resource;
    const meta = metas.get(f.ruleId);
    const partition = partitionOf(ref.arn, partitions.get(ref.account) ?? 'aws');
    const region = ref.region !== 'global' ? ref.region : (home.get(ref.account) ?? DEFAULT_REGION[partition] ?? 'us-east-1');
    const controls = findingControls(f, byRule) ?? [];
    const url = meta?.references.find((u) => /^https:\/\//.test(u));
    const resource: Record<string, unknown> = {
      Type: RESOURCE_TYPE[ref.type] ?? 'Other',
      Id: fit(ref.arn ?? ref.id, ASFF_LIMITS.resourceId),
      Partition: partition,
      Region: region,
    };
    const t = tags(ref.tags);
    if (t) resource.Tags = t;
    const finding: AsffFinding = {
      SchemaVersion: '2018-10-08',
      Id: fit(`vigil/${f.id}`, ASFF_LIMITS.id),
      // The default product ARN of a custom integration: the account imports its own findings.
      ProductArn: `arn:${partition}:securityhub:${region}:${ref.account}:product/${ref.account}/default`,
      ProductName: 'Vigil',
      CompanyName: 'Vigil',
      GeneratorId: fit(`vigil/${f.ruleId}`, ASFF_LIMITS.generatorId),
      AwsAccountId: ref.account,
      Types: [fit(`Software and Configuration Checks/AWS Security Best Practices/${f.ruleId}`, 256)],
      FirstObservedAt: result.snapshot.finishedAt,
      LastObservedAt: result.snapshot.finishedAt,
      CreatedAt: result.evaluatedAt,
      UpdatedAt: result.evaluatedAt,
      // A pass carries no risk: Security Hub's own control findings use INFORMATIONAL for PASSED.
      Severity: { Label: f.status === 'pass' ? 'INFORMATIONAL' : LABEL[f.severity], Original: f.severity },
      Title: fit(f.title || f.ruleId, ASFF_LIMITS.title),
      Description: fit(f.message || f.title || f.ruleId, ASFF_LIMITS.description),
      ProductFields: productFields(f, meta),
      Resources: [resource],
      Compliance: {
        Status: status,
        ...(controls.length ? { RelatedRequirements: controls.slice(0, ASFF_LIMITS.relatedRequirements).map((c) => fit(c, 128)) } : {}),
      },
      Workflow: { Status: f.suppressed ? 'SUPPRESSED' : f.status === 'pass' ? 'RESOLVED' : 'NEW' },
      RecordState: 'ACTIVE',
    };
    if (meta?.remediation) finding.Remediation = { Recommendation: { Text: fit(meta.remediation, ASFF_LIMITS.remediationText), ...(url ? { Url: url } : {}) } };
    if (f.suppressed)
      finding.Note = { Text: fit(f.suppressed.justification || 'suppressed', ASFF_LIMITS.noteText), UpdatedBy: 'vigil', UpdatedAt: result.evaluatedAt };
    out.push(finding);
  }
  return out;
}

/**
 * `securityhub-findings.json`: a JSON array of ASFF findings, the shape `aws securityhub batch-import-findings
 * --findings file://…` takes. One call takes at most 100: larger files are sent in slices (README).
 */
export function renderAsff(result: EvaluationResult): string {
  return jsonArrayLines(toAsff(result));
}

export const asffReporter: Reporter = {
  format: 'asff',
  render: (result): ReportFile[] => [{ name: 'securityhub-findings.json', content: renderAsff(result) }],
};
