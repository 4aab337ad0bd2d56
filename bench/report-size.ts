/**
 * Report sizes and render times for an evaluation of 100,000 findings (mixed statuses, three AWS accounts,
 * 20 rules, three frameworks). Prints one line per output file. Run: `npx tsx bench/report-size.ts [count]`.
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { findingId } from '../src/engine/finding-id.js';
import type { ControlResult, EvaluationResult, Finding, FrameworkResult, RuleMeta, Severity, Status } from '../src/engine/types.js';
import { SEVERITIES } from '../src/engine/types.js';
import type { ResourceRef } from '../src/model/types.js';
import { renderHtml } from '../src/reporters/html.js';
import { renderComplianceJson, renderFindingsJson } from '../src/reporters/json.js';
import { renderSarif } from '../src/reporters/sarif.js';
import { renderTerminal } from '../src/reporters/terminal.js';

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const PACKS = ['network', 'least-privilege', 'encryption', 'logging'];

/** Item `i` of `xs`, wrapping around. */
function cycle<T>(xs: readonly T[], i: number): T {
  const x = xs[i % xs.length];
  if (x === undefined) throw new Error('report-size: cycle through an empty list');
  return x;
}

function rules(): RuleMeta[] {
  return Array.from({ length: 20 }, (_, i) => ({
    id: `bench-rule-${String(i).padStart(2, '0')}`,
    pack: cycle(PACKS, i),
    title: `Benchmark rule ${i}: security group allows a sensitive port from the internet`,
    severity: cycle(SEVERITIES, i),
    description: 'Flags security groups whose ingress rules allow a sensitive port from 0.0.0.0/0 or ::/0. '.repeat(2),
    risk: 'Anyone on the internet can reach the service and try credentials or exploits against it.',
    remediation:
      'Remove the rule in the console (EC2 > Security groups > Inbound rules), or:\n\n```\naws ec2 revoke-security-group-ingress --group-id sg-0123 --protocol tcp --port 22 --cidr 0.0.0.0/0\n```',
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html'],
    resourceTypes: ['aws.ec2.security-group'],
    precision: 'high',
  }));
}

/** 60 % pass, 25 % fail, 10 % unknown, 5 % not applicable, a few suppressed. */
function statusOf(i: number): Status {
  const k = i % 20;
  return k < 12 ? 'pass' : k < 17 ? 'fail' : k < 19 ? 'unknown' : 'not_applicable';
}

export function syntheticResult(count = 100_000): EvaluationResult {
  const metas = rules();
  const findings: Finding[] = [];
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0 };
  const failuresBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let suppressed = 0;
  for (let i = 0; i < count; i++) {
    const rule = cycle(metas, i);
    const account = cycle(ACCOUNTS, i);
    const region = cycle(REGIONS, Math.floor(i / 7));
    const id = `sg-${(0x10000000 + Math.floor(i / metas.length)).toString(16)}${(i % 97).toString(16).padStart(9, '0')}`;
    const ref: ResourceRef = {
      provider: 'aws',
      account,
      region,
      type: 'aws.ec2.security-group',
      id,
      arn: `arn:aws:ec2:${region}:${account}:security-group/${id}`,
      name: `app-${i % 500}-web`,
    };
    const status = statusOf(i);
    const f: Finding = {
      id: findingId(rule.id, ref),
      ruleId: rule.id,
      status,
      severity: rule.severity,
      title: rule.title,
      messageId: status,
      message:
        status === 'fail'
          ? `Security group ${ref.name} (${id}) allows tcp 22 from 0.0.0.0/0.`
          : status === 'unknown'
            ? `Not evaluated: input data missing (ec2:DescribeSecurityGroups in ${region} denied (AccessDenied)).`
            : `Security group ${ref.name} (${id}) allows no sensitive port from the internet.`,
      resource: ref,
    };
    if (status === 'fail') f.evidence = { rule: '0.0.0.0/0 tcp 22', permission: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' } };
    if (status === 'unknown') f.evidence = { coverageGaps: [`ec2:DescribeSecurityGroups in ${region} denied (AccessDenied)`] };
    if (status === 'fail' && i % 50 === 0) {
      f.suppressed = { justification: 'Accepted risk, ticket SEC-42' };
      suppressed++;
    }
    byStatus[status]++;
    if (status === 'fail' && !f.suppressed) failuresBySeverity[f.severity]++;
    findings.push(f);
  }
  const compliance = ['hipaa', 'soc2', 'pci-dss-4.0'].map((fwId, fi): FrameworkResult => {
    const controls: ControlResult[] = Array.from({ length: 30 }, (_, ci) => {
      if (ci % 6 === 5)
        return {
          id: `${fwId.toUpperCase()}-${ci}`,
          title: `Manual control ${ci}`,
          status: 'manual',
          rationale: 'Policy document, attested yearly.',
          rules: [],
          failingFindingIds: [],
          unknownFindingIds: [],
        };
      const mapped = [cycle(metas, ci + fi), cycle(metas, ci * 3 + fi)];
      const ids = new Set(mapped.map((m) => m.id));
      const mine = findings.filter((f) => ids.has(f.ruleId) && !f.suppressed);
      const failing = mine.filter((f) => f.status === 'fail').map((f) => f.id);
      const unknown = mine.filter((f) => f.status === 'unknown').map((f) => f.id);
      return {
        id: `${fwId.toUpperCase()}-${ci}`,
        title: `Control ${ci}`,
        status: failing.length ? 'fail' : unknown.length ? 'unknown' : 'pass',
        rules: mapped.map((m) => ({
          ruleId: m.id,
          rationale: 'Evidences the control.',
          status: 'fail',
          counts: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 },
        })),
        failingFindingIds: failing,
        unknownFindingIds: unknown,
      };
    });
    const counts = { pass: 0, fail: 0, unknown: 0, manual: 0, not_applicable: 0 };
    for (const c of controls) counts[c.status]++;
    return {
      id: fwId,
      title: fwId.toUpperCase(),
      version: '1',
      source: 'https://example.org/standard',
      score: counts.pass / (counts.pass + counts.fail + counts.unknown),
      counts,
      controls,
    };
  });
  const gaps = REGIONS.slice(0, 2).map((region) => ({
    provider: 'aws' as const,
    account: cycle(ACCOUNTS, 2),
    region,
    service: 'ec2',
    operation: 'DescribeSecurityGroups',
    resourceTypes: ['aws.ec2.security-group' as const],
    status: 'denied' as const,
    errorCode: 'AccessDenied',
  }));
  return {
    tool: { name: 'vigil', version: 'bench' },
    evaluatedAt: '2026-01-01T00:10:00.000Z',
    snapshot: {
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:05:00.000Z',
      scopes: ACCOUNTS.map((account) => ({ provider: 'aws', account, regions: REGIONS })),
      resourceCount: Math.ceil(count / metas.length),
      coverage: { total: 40, ok: 38, notApplicable: 0, gaps },
    },
    rules: metas,
    findings,
    summary: { byStatus, failuresBySeverity, suppressed },
    compliance,
  };
}

const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;

export async function main(count = 100_000): Promise<void> {
  const result = syntheticResult(count);
  const s = result.summary.byStatus;
  process.stdout.write(
    `report sizes for ${count.toLocaleString('en-US')} findings (${s.fail} fail, ${s.pass} pass, ${s.unknown} unknown, ${s.not_applicable} n/a)\n`,
  );
  const measure = (label: string, render: () => { name: string; content: string }[]): void => {
    const t0 = performance.now();
    const files = render();
    const ms = performance.now() - t0;
    for (const f of files) {
      const bytes = Buffer.byteLength(f.content);
      process.stdout.write(
        `  ${label.padEnd(8)} ${f.name.padEnd(16)} ${mb(bytes).padStart(10)}  gzip ${mb(gzipSync(f.content).length).padStart(9)}  render ${ms.toFixed(0).padStart(5)} ms\n`,
      );
    }
  };
  measure('html', () => [{ name: 'report.html', content: renderHtml(result) }]);
  measure('sarif', () => renderSarif(result));
  measure('json', () => [{ name: 'findings.json', content: renderFindingsJson(result) }]);
  measure('json', () => [{ name: 'compliance.json', content: renderComplianceJson(result) }]);
  const t0 = performance.now();
  renderTerminal(result, { color: false });
  process.stdout.write(`  terminal summary ${(performance.now() - t0).toFixed(0)} ms; peak RSS ${mb(process.memoryUsage().rss)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv[2] ? Number(process.argv[2]) : undefined);
}
