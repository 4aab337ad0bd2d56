import { describe, expect, it } from '@jest/globals';
import { builtinRules } from '../../policies/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { evaluateCompliance, parseFramework } from '../../src/engine/frameworks.js';
import { accountGroups } from '../../src/fleet/accounts.js';
import { SNAPSHOT_SCHEMA_VERSION, type Resource, type Snapshot } from '../../src/model/types.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { renderTerminal } from '../../src/reporters/terminal.js';
import { perm, sg } from '../support/aws-ec2.js';
import { gap } from '../support/rule-tester.js';

const GOOD = '111111111111';
const BAD = '222222222222';
const DOWN = '333333333333';
const rules = builtinRules.filter((r) => r.id === 'aws-sg-open-admin-port');

const inAccount = (r: Resource, account: string): Resource => ({ ...r, ref: { ...r.ref, account } });

function fleetSnapshot(): Snapshot {
  const scope = (account: string, name: string, ouPath: string[], fleetOutcome: string) => ({
    provider: 'aws' as const,
    account,
    regions: ['us-east-1'],
    detail: { accountName: name, ouPath, fleetOutcome },
  });
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 't' },
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:01:00Z',
    scopes: [scope(GOOD, 'payments', ['Prod'], 'audited'), scope(BAD, 'sandbox\u001b[31m', ['Dev'], 'audited'), scope(DOWN, 'legacy', ['Prod'], 'failed')],
    resources: [
      inAccount(sg('sg-1', [perm('tcp', 443, 443, '0.0.0.0/0')]), GOOD),
      inAccount(sg('sg-2', [perm('tcp', 22, 22, '0.0.0.0/0')]), BAD),
      inAccount(sg('sg-3', []), BAD),
    ],
    // Positive coverage: the audited accounts' security groups (and what the rule reads) were read in full.
    coverage: [
      ...[GOOD, BAD].map((account) => ({
        provider: 'aws' as const,
        account,
        region: 'us-east-1',
        service: 'ec2',
        operation: 'DescribeSecurityGroups',
        resourceTypes: [...rules[0]!.resourceTypes, ...(rules[0]!.inputs ?? [])],
        status: 'ok' as const,
      })),
      gap(['aws.ec2.security-group'], {
        account: DOWN,
        region: 'global',
        service: 'sts',
        operation: 'AssumeRole',
        message: `account ${DOWN} was not audited: not authorized`,
      }),
    ] as Snapshot['coverage'],
  };
}

describe('accountGroups', () => {
  const result = evaluate(fleetSnapshot(), rules);
  const fw = parseFramework(
    'id: net\ntitle: Net\nversion: "1"\nsource: https://example.invalid/net\ndescription: d\ncontrols:\n  - id: N-1\n    title: t\n    description: d\n    rules:\n      - id: aws-sg-open-admin-port\n        rationale: r\n  - id: M-1\n    title: t\n    description: d\n    manual: true\n    rationale: a person checks\n',
    'net.yaml',
    { rules },
  );
  result.compliance = evaluateCompliance(result, [fw]);

  it('one group per account, ordered by OU, with its counts, score and outcome', () => {
    const groups = accountGroups(result);
    expect(groups.map((g) => [g.path.join('/'), g.account, g.outcome])).toEqual([
      ['Dev', BAD, 'audited'],
      ['Prod', GOOD, 'audited'],
      ['Prod', DOWN, 'failed'],
    ]);
    const [bad, good, down] = groups;
    if (!bad || !good || !down) throw new Error('expected three account groups');
    expect(good.counts).toMatchObject({ pass: 1, fail: 0 });
    expect(good.checkScore).toBe(1);
    expect(bad.counts).toMatchObject({ pass: 1, fail: 1 });
    expect(bad.failuresBySeverity.high).toBe(1);
    expect(down.counts).toMatchObject({ pass: 0, unknown: 1 });
    expect(down.checkScore).toBe(0);
    expect(down.gaps).toBe(1);
  });

  it('scores each account with the framework on its own findings: a failing account fails, the one not audited is unknown, never pass', () => {
    const [bad, good, down] = accountGroups(result);
    if (!bad || !good || !down) throw new Error('expected three account groups');
    const soc2 = (g: { compliance: { id: string; score: number | null }[] }) => g.compliance.find((c) => c.id === 'net')!.score;
    expect(soc2(good)).toBe(1);
    expect(soc2(bad)).toBe(0);
    expect(soc2(down)).toBe(0);
  });

  it('is empty for a single account (nothing to group)', () => {
    const one = fleetSnapshot();
    one.scopes = one.scopes.slice(0, 1);
    one.resources = one.resources.slice(0, 1);
    one.coverage = [];
    expect(accountGroups(evaluate(one, rules))).toEqual([]);
  });

  it('the terminal groups by OU, strips control characters from account names and lists the account not audited', () => {
    const out = renderTerminal(result, { color: false });
    expect(out).toContain('By accounts: 3 (1 not audited)');
    expect(out).toMatch(/aws Dev\n +222222222222 +sandbox\[31m +net 0%/);
    expect(out).not.toContain('\u001b');
    expect(out).toMatch(/Not audited: 1 .*\n +333333333333 legacy: sts:AssumeRole denied \(AccessDenied\) — not authorized/);
  });

  it('findings.json carries the accounts and each finding its account name', () => {
    const doc = JSON.parse(renderFindingsJson(result)) as {
      accounts: { account: string }[];
      findings: { resource: { account: string; accountName?: string } }[];
    };
    expect(doc.accounts.map((a) => a.account)).toEqual([BAD, GOOD, DOWN]);
    expect(doc.findings.find((f) => f.resource.account === GOOD)!.resource.accountName).toBe('payments');
  });
});

describe('GCP organization exports', () => {
  it('group by project, under its folders, with the project display name', async () => {
    const { collect } = await import('../../src/collectors/index.js');
    const { join } = await import('node:path');
    const { PACKAGE_ROOT } = await import('../../src/version.js');
    const dir = join(PACKAGE_ROOT, 'test', 'fixtures', 'gcp');
    const snap = await collect({ gcp: { exportFiles: [join(dir, 'resources.jsonl'), join(dir, 'iam.jsonl')] } });
    const groups = accountGroups(evaluate(snap, builtinRules));
    const prod = groups.find((g) => g.account === 'acme-prod')!;
    expect(prod).toMatchObject({ provider: 'gcp', name: 'Acme Production', path: ['folders/444444444444'] });
    expect(prod.counts.fail).toBeGreaterThan(0);
    expect(groups.find((g) => g.account === 'acme-dev')!.path).toEqual(['folders/444444444444']);
  });
});
