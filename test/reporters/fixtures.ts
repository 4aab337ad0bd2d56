import { defineRule, inPack } from '../../src/engine/define-rule.js';
import { looseData } from '../support/loose.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, Finding, FrameworkResult, Rule } from '../../src/engine/types.js';
import type { InputType, ResourceType } from '../../src/model/registry.js';
import type { ReportInput } from '../../src/reporters/types.js';
import { SNAPSHOT_SCHEMA_VERSION, type CoverageEntry, type Resource, type ResourceRef, type Snapshot } from '../../src/model/types.js';

// Same shapes as test/support/rule-tester.ts, without its jest import so scripts can reuse this file.
function resource(type: ResourceType, id: string, data: Record<string, unknown>, extra: Partial<ResourceRef> = {}): Resource {
  return { ref: { provider: 'aws', account: '123456789012', region: 'us-east-1', type, id, ...extra }, data };
}
function gap(resourceTypes: InputType[], extra: Partial<CoverageEntry> = {}): CoverageEntry {
  return {
    provider: 'aws',
    account: '123456789012',
    region: 'us-east-1',
    service: 'test',
    operation: 'Describe',
    resourceTypes,
    status: 'denied',
    errorCode: 'AccessDenied',
    ...extra,
  };
}
function snapshotOf(resources: Resource[], coverage: CoverageEntry[] = []): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 'test' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scopes: [],
    resources,
    coverage,
  };
}

export const XSS = '<img src=x onerror=alert(1)>';

/** A small inline rule: fails a security group whose `open` is true; unknown inputs come from coverage. */
export const openGroupRule: Rule = inPack(
  'network',
  defineRule({
    id: 'test-sg-open',
    title: 'Security group open to the world',
    severity: 'high',
    resourceTypes: ['aws.ec2.security-group'],
    description: 'Flags security groups that allow ingress from 0.0.0.0/0.',
    risk: 'Anyone on the internet can reach the ports.',
    remediation: 'Remove the rule:\n\n```\naws ec2 revoke-security-group-ingress --group-id sg-123 --protocol tcp --port 22 --cidr 0.0.0.0/0\n```',
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html'],
    messages: { open: 'Security group {{name}} allows {{rule}}.', closed: 'Security group {{name}} allows no public ingress.' },
    evaluate: (r) =>
      looseData(r).open
        ? {
            status: 'fail',
            messageId: 'open' as const,
            data: { name: r.ref.name ?? r.ref.id, rule: '0.0.0.0/0 tcp 22' },
            evidence: { rule: '0.0.0.0/0 tcp 22', groupName: r.ref.name },
          }
        : { status: 'pass', messageId: 'closed' as const, data: { name: r.ref.name ?? r.ref.id } },
  }),
);

export const weakTlsRule: Rule = inPack(
  'tls',
  defineRule({
    id: 'test-tls-old-protocol',
    title: 'TLS endpoint accepts TLS 1.0',
    severity: 'medium',
    resourceTypes: ['tls.endpoint'],
    description: 'Flags endpoints that still negotiate TLS 1.0.',
    risk: 'Downgrade attacks.',
    remediation: 'Disable TLS 1.0 on the listener.',
    references: ['https://datatracker.ietf.org/doc/html/rfc8996'],
    messages: { old: 'Endpoint {{id}} accepts {{p}}.', ok: 'Endpoint {{id}} accepts only modern TLS.' },
    evaluate: (r) =>
      looseData(r).protocols.includes('TLSv1')
        ? { status: 'fail', messageId: 'old' as const, data: { id: r.ref.id, p: 'TLSv1' }, evidence: { protocols: looseData(r).protocols } }
        : { status: 'pass', messageId: 'ok' as const, data: { id: r.ref.id } },
  }),
);

/** Two AWS accounts and a TLS target: fails (one named with an XSS payload), passes, a suppressed fail, a coverage gap, a framework. */
export function sampleResult(): EvaluationResult {
  const snap = snapshotOf(
    [
      resource('aws.ec2.security-group', 'sg-0001', { open: true }, { name: XSS, arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0001' }),
      resource('aws.ec2.security-group', 'sg-0002', { open: false }, { name: 'internal' }),
      resource('aws.ec2.security-group', 'sg-0003', { open: true }, { name: 'legacy-bastion' }),
      resource('aws.ec2.security-group', 'sg-0009', { open: true }, { account: '210987654321', region: 'eu-west-1', name: 'web\u001b[31m' }),
      resource('tls.endpoint', 'db.example.internal:5432', { protocols: ['TLSv1', 'TLSv1.2'] }, { provider: 'tls', account: 'tls', region: 'global' }),
    ],
    [
      {
        provider: 'aws',
        account: '123456789012',
        region: 'us-east-1',
        service: 'ec2',
        operation: 'DescribeSecurityGroups',
        resourceTypes: ['aws.ec2.security-group'],
        status: 'ok',
      },
      {
        provider: 'aws',
        account: '210987654321',
        region: 'eu-west-1',
        service: 'ec2',
        operation: 'DescribeSecurityGroups',
        resourceTypes: ['aws.ec2.security-group'],
        status: 'ok',
      },
      { provider: 'tls', account: 'tls', region: 'global', service: 'tls', operation: 'Handshake', resourceTypes: ['tls.endpoint'], status: 'ok' },
      gap(['aws.ec2.security-group'], { region: 'ap-south-1', service: 'ec2', operation: 'DescribeSecurityGroups', message: `denied for ${XSS}` }),
    ],
  );
  snap.scopes = [
    { provider: 'aws', account: '123456789012', regions: ['us-east-1', 'ap-south-1'], detail: { partition: 'aws', note: XSS } },
    { provider: 'aws', account: '210987654321', regions: ['eu-west-1'] },
    { provider: 'tls', account: 'tls', regions: ['global'] },
  ];
  const result = evaluate(snap, [openGroupRule, weakTlsRule], {
    now: new Date('2026-01-02T03:04:05.000Z'),
    suppressions: [{ rule: 'test-sg-open', resource: 'sg-0003', justification: 'Bastion, restricted by NACL (ticket SEC-12)' }],
  });
  result.compliance = [framework(result.findings)];
  return result;
}

/** A HIPAA-like framework result over the sample findings, as the engine would produce it. */
export function framework(findings: Finding[]): FrameworkResult {
  const ids = (ruleId: string, status: string) => findings.filter((f) => f.ruleId === ruleId && f.status === status && !f.suppressed).map((f) => f.id);
  const counts = (ruleId: string) => ({
    pass: findings.filter((f) => f.ruleId === ruleId && f.status === 'pass').length,
    fail: ids(ruleId, 'fail').length,
    unknown: ids(ruleId, 'unknown').length,
    not_applicable: 0,
  });
  return {
    id: 'hipaa',
    title: 'HIPAA Security Rule',
    version: '45 CFR 164 Subpart C',
    source: 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C',
    score: 0,
    counts: { pass: 0, fail: 2, unknown: 0, manual: 1, not_applicable: 0 },
    controls: [
      {
        id: '164.312(e)(1)',
        title: 'Transmission security',
        status: 'fail',
        rules: [
          { ruleId: 'test-tls-old-protocol', rationale: 'Old TLS weakens transmission security.', status: 'fail', counts: counts('test-tls-old-protocol') },
          { ruleId: 'test-sg-open', rationale: 'Open ingress exposes ePHI systems.', status: 'fail', counts: counts('test-sg-open') },
        ],
        failingFindingIds: [...ids('test-tls-old-protocol', 'fail'), ...ids('test-sg-open', 'fail')],
        unknownFindingIds: ids('test-sg-open', 'unknown'),
      },
      {
        id: '164.312(a)(1)',
        title: 'Access control',
        status: 'fail',
        rules: [{ ruleId: 'test-sg-open', rationale: 'Network access control.', status: 'fail', counts: counts('test-sg-open'), suppressed: 1 }],
        failingFindingIds: ids('test-sg-open', 'fail'),
        unknownFindingIds: ids('test-sg-open', 'unknown'),
        suppressedFindingIds: findings.filter((f) => f.suppressed).map((f) => f.id),
      },
      {
        id: '164.308(a)(5)(i)',
        title: 'Security awareness and training',
        status: 'manual',
        rationale: 'Training records must be attested by the security officer.',
        rules: [],
        failingFindingIds: [],
        unknownFindingIds: [],
      },
    ],
  };
}

/** A rule that cannot always establish its input: returns `unknown` itself (not from a coverage gap). */
export const dbTlsRule: Rule = inPack(
  'encryption',
  defineRule({
    id: 'test-db-tls-forced',
    title: 'Database does not force TLS',
    severity: 'medium',
    resourceTypes: ['aws.rds.db-instance'],
    description: 'Flags databases that accept plaintext connections.',
    risk: 'Credentials and data cross the network in clear text.',
    remediation: 'Set the parameter that forces TLS.',
    references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html'],
    messages: {
      unknown: 'Database {{id}}: whether TLS is forced cannot be established (parameter not listed).',
      ok: 'Database {{id}} forces TLS.',
      off: 'Database {{id}} accepts plaintext.',
    },
    evaluate: (r) =>
      looseData(r).forced === 'not-listed'
        ? { status: 'unknown', messageId: 'unknown' as const, data: { id: r.ref.id }, evidence: { reason: 'not-listed' } }
        : {
            status: looseData(r).forced ? ('pass' as const) : ('fail' as const),
            messageId: looseData(r).forced ? ('ok' as const) : ('off' as const),
            data: { id: r.ref.id },
          },
  }),
);

/** Full coverage, yet two unknown checks: the rule could not establish a value (no coverage gap explains them). */
export function undeterminedResult(): EvaluationResult {
  const snap = snapshotOf(
    [
      resource('aws.rds.db-instance', 'db-1', { forced: 'not-listed' }),
      resource('aws.rds.db-instance', 'db-1', { forced: 'not-listed' }, { region: 'eu-west-1' }),
      resource('aws.rds.db-instance', 'db-2', { forced: true }),
    ],
    ['us-east-1', 'eu-west-1'].map((region) => ({
      provider: 'aws' as const,
      account: '123456789012',
      region,
      service: 'rds',
      operation: 'DescribeDBInstances',
      resourceTypes: ['aws.rds.db-instance' as const],
      status: 'ok' as const,
    })),
  );
  snap.scopes = [{ provider: 'aws', account: '123456789012', regions: ['us-east-1', 'eu-west-1'], detail: { partition: 'aws' } }];
  return evaluate(snap, [dbTlsRule], { now: new Date('2026-01-02T03:04:05.000Z') });
}

/**
 * The sample result with a history from the store (a `HistoryContext`, as the store hands it over): three runs,
 * the current one last, and the delta since the second run — one finding new (sg-0009), two resolved, one whose
 * coverage was lost; the resolved and lost ones carry hostile names.
 */
export function sampleWithHistory(): ReportInput {
  const result: ReportInput = sampleResult();
  const fresh = result.findings.find((f) => f.resource.id === 'sg-0009')!;
  const sev = (critical: number, high: number, medium: number, low: number) => ({ critical, high, medium, low, info: 0 });
  result.history = {
    trend: [
      { runId: 'r1', startedAt: '2025-12-01T00:00:00.000Z', scores: { hipaa: 50 }, openBySeverity: sev(1, 4, 2, 0), unknown: 3, coverageGaps: 1 },
      { runId: 'r2', startedAt: '2025-12-15T00:00:00.000Z', scores: { hipaa: null }, openBySeverity: sev(0, 3, 2, 1), unknown: 0, coverageGaps: 0 },
      { runId: 'r3', startedAt: '2026-01-02T03:04:05.000Z', scores: { hipaa: 0 }, openBySeverity: sev(0, 2, 1, 0), unknown: 2, coverageGaps: 1 },
    ],
    delta: {
      baselineRunId: 'r2',
      newFindings: [
        {
          id: fresh.id,
          ruleId: fresh.ruleId,
          severity: fresh.severity,
          title: fresh.title,
          resourceId: fresh.resource.id,
          account: fresh.resource.account,
          region: fresh.resource.region,
        },
      ],
      resolvedFindings: [
        {
          id: '0123456789abcdef0123456789abcdef',
          ruleId: 'test-sg-open',
          severity: 'high',
          title: 'Security group open',
          resourceId: 'sg-0100',
          resourceName: XSS,
          account: '123456789012',
          region: 'us-east-1',
        },
        {
          id: 'fedcba9876543210fedcba9876543210',
          ruleId: 'test-sg-open',
          severity: 'high',
          title: 'Security group open',
          resourceId: 'sg-0101',
          account: '123456789012',
          region: 'us-east-1',
        },
      ],
      coverageLost: [
        {
          id: 'aaaabbbbccccddddaaaabbbbccccdddd',
          ruleId: 'test-tls-old-protocol',
          severity: 'medium',
          title: `Old TLS ${XSS}`,
          resourceId: 'legacy.example:443',
          account: 'tls',
          region: 'global',
        },
      ],
    },
  };
  return result;
}
