import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRules } from '../../policies/index.js';
import { collectGcp } from '../../src/collectors/gcp/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { defineRule, inPack } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';
import {
  evaluateCompliance,
  type Framework,
  loadFramework,
  loadFrameworks,
  NOTHING_EXAMINED,
  parseFramework,
  rulesForFrameworks,
} from '../../src/engine/frameworks.js';
import type { ControlResult, EvaluationResult, Finding, FrameworkResult, Rule, RuleResult, Suppression } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { CoverageEntry, Snapshot } from '../../src/model/types.js';
import { InputError } from '../../src/util/errors.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { looseResource as resource } from '../support/loose.js';
import { gap, snapshotOf } from '../support/rule-tester.js';
import type { ResourceType } from '../../src/model/registry.js';

const FIX_DIR = join(PACKAGE_ROOT, 'test', 'fixtures', 'frameworks');
const fixture = (name: string) => join(FIX_DIR, name);

function testRule(id: string, type: ResourceType, check: (data: any) => RuleResult['status']): Rule {
  return inPack(
    'test',
    defineRule({
      id,
      title: id,
      severity: 'high',
      resourceTypes: [type],
      description: 'd',
      risk: 'r',
      remediation: 'fix',
      references: ['https://example.invalid/'],
      messages: { bad: '{{id}} is bad', good: '{{id}} is good', unread: '{{id}} could not be read' },
      evaluate(r) {
        const status = check(r.data);
        const messageId = status === 'fail' ? ('bad' as const) : status === 'pass' ? ('good' as const) : ('unread' as const);
        return { status, messageId, data: { id: r.ref.id }, ...(status === 'fail' ? { evidence: { offending: r.data } } : {}) };
      },
    }),
  );
}

const sgOpen = testRule('test-sg-open', 'aws.ec2.security-group', (d) => (d.open ? 'fail' : 'pass'));
const volEncrypted = testRule('test-volume-encrypted', 'aws.ebs.volume', (d) => (d.encrypted === null ? 'unknown' : d.encrypted ? 'pass' : 'fail'));
const tlsModern = testRule('test-tls-modern', 'tls.endpoint', (d) => (d.notTls ? 'not_applicable' : d.legacy ? 'fail' : 'pass'));
const rules = [sgOpen, volEncrypted, tlsModern];

const custom = (): Framework => loadFramework(fixture('custom.yaml'), { rules });
const NOW = new Date('2026-03-01T00:00:00Z');

function run(
  resources: Parameters<typeof snapshotOf>[0],
  opts: { coverage?: Parameters<typeof snapshotOf>[1]; rules?: Rule[]; suppressions?: Suppression[] } = {},
) {
  const result = evaluate(snapshotOf(resources, opts.coverage ?? []), opts.rules ?? rules, { now: NOW, suppressions: opts.suppressions });
  const [fw] = evaluateCompliance(result, [custom()]);
  if (!fw) throw new Error('evaluateCompliance returned no framework result');
  return { result, fw, control: (id: string) => fw.controls.find((c) => c.id === id)! };
}

const findingById = (result: EvaluationResult, id: string): Finding => {
  const f = result.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};

const baseline = () => [
  resource('aws.ec2.security-group', 'sg-open', { open: true }),
  resource('aws.ec2.security-group', 'sg-closed', { open: false }),
  resource('aws.ebs.volume', 'vol-1', { encrypted: true }),
];

describe('evaluateCompliance with inline rules and a custom framework', () => {
  it('gives fail / pass / not_applicable / manual per control, counts and the score', () => {
    const { fw, control } = run(baseline());
    expect(fw.controls.map((c) => [c.id, c.status])).toEqual([
      ['NET-1', 'fail'],
      ['ENC-1', 'pass'],
      ['TLS-1', 'not_applicable'],
      ['MIX-1', 'pass'],
      ['ORG-1', 'manual'],
    ]);
    expect(fw.counts).toEqual({ pass: 2, fail: 1, unknown: 0, manual: 1, not_applicable: 1 });
    expect(fw.score).toBeCloseTo(2 / 3, 10);
    expect({ id: fw.id, title: fw.title, version: fw.version, source: fw.source }).toEqual({
      id: 'test-fw',
      title: 'Test framework',
      version: '1',
      source: 'https://example.invalid/test-fw',
    });
    expect(control('MIX-1').rules.map((r) => [r.ruleId, r.status])).toEqual([
      ['test-volume-encrypted', 'pass'],
      ['test-tls-modern', 'not_applicable'],
    ]);
    expect(control('TLS-1').rules[0]!.counts).toEqual({ pass: 0, fail: 0, unknown: 0, not_applicable: 0 });
    expect(control('TLS-1').rules[0]!.note).toBe(NOTHING_EXAMINED);
    expect(control('MIX-1').rules[0]!.note).toBeUndefined();
    expect(control('ORG-1')).toMatchObject({ status: 'manual', rationale: 'Training records exist.', rules: [], failingFindingIds: [] });
  });

  it('pass needs a passing check: rules that only saw not-applicable resources leave the control not applicable', () => {
    // The issue reads "pass when all pass or are not applicable"; a control with no passing check has no
    // evidence, so it is not counted as passed (frameworks/README.md, "How controls are evaluated").
    const { fw, control } = run([...baseline(), resource('tls.endpoint', 'ep-plain', { notTls: true })]);
    expect(control('TLS-1')).toMatchObject({ status: 'not_applicable', failingFindingIds: [], unknownFindingIds: [] });
    expect(control('TLS-1').rules).toEqual([
      {
        ruleId: 'test-tls-modern',
        rationale: 'Old protocols are weak.',
        status: 'not_applicable',
        counts: { pass: 0, fail: 0, unknown: 0, not_applicable: 1 },
      },
    ]);
    // A passing rule beside a not-applicable one passes the control.
    expect(control('MIX-1').rules.map((r) => [r.ruleId, r.status])).toEqual([
      ['test-volume-encrypted', 'pass'],
      ['test-tls-modern', 'not_applicable'],
    ]);
    expect(control('MIX-1').status).toBe('pass');
    // Once one endpoint passes, TLS-1 passes too; the not-applicable one does not hold it back.
    const withModern = run([...baseline(), resource('tls.endpoint', 'ep-plain', { notTls: true }), resource('tls.endpoint', 'ep-1', { legacy: false })]);
    expect(withModern.control('TLS-1').status).toBe('pass');
    expect(fw.counts).toEqual({ pass: 2, fail: 1, unknown: 0, manual: 1, not_applicable: 1 });
    expect(withModern.fw.counts).toEqual({ pass: 3, fail: 1, unknown: 0, manual: 1, not_applicable: 0 });
    expect(withModern.fw.score).toBe(3 / 4);
  });

  it('keeps the evidence chain control → rule → finding → resource', () => {
    const { result, control } = run(baseline());
    const net = control('NET-1');
    expect(net.rules).toEqual([
      { ruleId: 'test-sg-open', rationale: 'Open groups admit the internet.', status: 'fail', counts: { pass: 1, fail: 1, unknown: 0, not_applicable: 0 } },
    ]);
    expect(net.failingFindingIds).toHaveLength(1);
    const f = findingById(result, net.failingFindingIds[0]!);
    expect(f).toMatchObject({ ruleId: 'test-sg-open', status: 'fail', message: 'sg-open is bad', evidence: { offending: { open: true } } });
    expect(f.resource).toMatchObject({ type: 'aws.ec2.security-group', id: 'sg-open', account: '123456789012' });
  });

  it('fills finding.controls with framework/control references, and only for mapped rules', () => {
    const { result } = run(baseline());
    const byResource = Object.fromEntries(result.findings.map((f) => [f.resource.id, f.controls]));
    expect(byResource).toEqual({ 'sg-open': ['test-fw/NET-1'], 'sg-closed': ['test-fw/NET-1'], 'vol-1': ['test-fw/ENC-1', 'test-fw/MIX-1'] });
    // Re-evaluating against a framework that maps only the volume rule clears stale references.
    const onlyEnc: Framework = { ...custom(), id: 'enc-only', controls: custom().controls.filter((c) => c.id === 'ENC-1') };
    evaluateCompliance(result, [onlyEnc]);
    expect(result.findings.find((f) => f.resource.id === 'sg-open')!.controls).toBeUndefined();
    expect(result.findings.find((f) => f.resource.id === 'vol-1')!.controls).toEqual(['enc-only/ENC-1']);
  });

  it('a coverage gap turns a control unknown instead of pass', () => {
    const resources = [resource('aws.ec2.security-group', 'sg-closed', { open: false }), resource('aws.ebs.volume', 'vol-1', { encrypted: true })];
    const clean = run(resources);
    expect(clean.control('ENC-1').status).toBe('pass');
    expect(clean.fw.score).toBe(1);

    // Same resources, but DescribeVolumes was denied in the region: other volumes may exist unseen.
    const gapped = run(resources, { coverage: [gap(['aws.ebs.volume'], { service: 'ec2', operation: 'DescribeVolumes' })] });
    const enc = gapped.control('ENC-1');
    expect(enc.status).toBe('unknown');
    expect(enc.rules[0]).toMatchObject({ status: 'unknown', counts: { pass: 1, fail: 0, unknown: 1, not_applicable: 0 } });
    expect(enc.unknownFindingIds).toHaveLength(1);
    const f = findingById(gapped.result, enc.unknownFindingIds[0]!);
    expect(f).toMatchObject({
      ruleId: 'test-volume-encrypted',
      status: 'unknown',
      messageId: '_coverage',
      resource: { type: 'aws.ebs.volume', id: '*', region: 'us-east-1' },
    });
    expect(gapped.control('MIX-1').status).toBe('unknown');
    expect(gapped.control('NET-1').status).toBe('pass');
    expect(gapped.fw.counts).toMatchObject({ pass: 1, unknown: 2, fail: 0 });
    expect(gapped.fw.score).toBeCloseTo(1 / 3, 10);
  });

  it('an unreadable value (null) makes the control unknown; a failure still wins over unknown', () => {
    const { control } = run([resource('aws.ebs.volume', 'vol-1', { encrypted: null }), resource('aws.ebs.volume', 'vol-2', { encrypted: true })]);
    expect(control('ENC-1').status).toBe('unknown');
    const mixed = run([resource('aws.ebs.volume', 'vol-1', { encrypted: null }), resource('aws.ebs.volume', 'vol-2', { encrypted: false })]);
    expect(mixed.control('ENC-1').status).toBe('fail');
    expect(mixed.control('ENC-1').unknownFindingIds).toHaveLength(1);
    expect(mixed.control('ENC-1').failingFindingIds).toHaveLength(1);
  });

  it('suppressed failures do not fail the control; they are listed as exceptions', () => {
    const { result, control } = run(baseline(), {
      suppressions: [{ rule: 'test-sg-open', resource: 'sg-open', justification: 'bastion behind port knocking' }],
    });
    const net = control('NET-1');
    expect(net.status).toBe('pass');
    expect(net.failingFindingIds).toEqual([]);
    expect(net.rules[0]).toMatchObject({ status: 'pass', suppressed: 1, counts: { pass: 1, fail: 0 } });
    expect(net.suppressedFindingIds).toHaveLength(1);
    expect(findingById(result, net.suppressedFindingIds![0]!).suppressed).toEqual({ justification: 'bastion behind port knocking' });
    // An expired suppression no longer applies.
    const expired = run(baseline(), { suppressions: [{ rule: 'test-sg-open', resource: 'sg-open', justification: 'old', expires: '2025-01-01' }] });
    expect(expired.control('NET-1').status).toBe('fail');
  });

  it('a rule the run did not evaluate makes its controls unknown, never pass', () => {
    const { control, result } = run(baseline(), { rules: [sgOpen, tlsModern] });
    expect(result.rules.map((r) => r.id)).not.toContain('test-volume-encrypted');
    expect(control('ENC-1').status).toBe('unknown');
    expect(control('ENC-1').rules[0]!.note).toMatch(/not evaluated/);
    expect(control('MIX-1').status).toBe('unknown');
  });

  it('score is null when no control is pass, fail or unknown', () => {
    const { fw } = run([]);
    expect(fw.controls.map((c) => c.status)).toEqual(['not_applicable', 'not_applicable', 'not_applicable', 'not_applicable', 'manual']);
    expect(fw.score).toBeNull();
  });

  it('rulesForFrameworks lists the rules a run needs, and evaluating only those gives the same compliance', () => {
    const extra = testRule('test-unrelated', 'aws.ec2.security-group', () => 'fail');
    expect([...rulesForFrameworks([custom()])].sort()).toEqual(['test-sg-open', 'test-tls-modern', 'test-volume-encrypted']);
    const needed = rulesForFrameworks([custom()]);
    const all = run(baseline(), { rules: [...rules, extra] });
    const limited = run(baseline(), { rules: [...rules, extra].filter((r) => needed.has(r.id)) });
    expect(limited.result.rules.map((r) => r.id)).not.toContain('test-unrelated');
    expect(limited.fw).toEqual(all.fw);
  });

  it('rejects a programmatic framework with an empty automated control', () => {
    const fw: Framework = { ...custom(), controls: [{ id: 'X', title: 'x', description: 'x', rules: [] }] };
    expect(() => evaluateCompliance(run(baseline()).result, [fw])).toThrow(/neither rules nor manual/);
  });
});

describe('evaluateCompliance with the built-in packs', () => {
  const packs = loadFrameworks({ ids: ['hipaa', 'soc2', 'pci-dss-4.0'] });
  const fixtureFindings = (JSON.parse(readFileSync(fixture('real-pack-findings.json'), 'utf8')) as { findings: Finding[] }).findings;
  // Every rule the packs map ran (rules without a finding had no resource of their types).
  const result: EvaluationResult = {
    tool: { name: 'vigil', version: 'test' },
    evaluatedAt: NOW.toISOString(),
    snapshot: { startedAt: '', finishedAt: '', scopes: [], resourceCount: 9, coverage: { total: 0, ok: 0, notApplicable: 0, gaps: [] } },
    rules: [...rulesForFrameworks(packs)].map((id) => ({
      id,
      pack: 'x',
      title: id,
      severity: 'high',
      description: '',
      risk: '',
      remediation: '',
      references: [],
      resourceTypes: [],
      precision: 'high',
    })),
    findings: structuredClone(fixtureFindings),
    summary: {
      byStatus: { pass: 0, fail: 0, unknown: 0, not_applicable: 0 },
      failuresBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      suppressed: 1,
    },
  };
  const compliance = evaluateCompliance(result, packs);
  const fw = (id: string): FrameworkResult => compliance.find((f) => f.id === id)!;
  const ctl = (f: string, c: string): ControlResult => {
    const found = fw(f).controls.find((x) => x.id === c);
    if (!found) throw new Error(`no control ${f}/${c}`);
    return found;
  };

  it('evaluates the three packs in the order asked', () => {
    expect(compliance.map((f) => f.id)).toEqual(['hipaa', 'soc2', 'pci-dss-4.0']);
  });

  it('HIPAA: open SSH fails access control, a TLS coverage gap keeps transmission security unknown', () => {
    expect(ctl('hipaa', '164.312(a)(1)')).toMatchObject({ status: 'fail', failingFindingIds: ['f-sg-open'] });
    expect(ctl('hipaa', '164.312(e)(1)')).toMatchObject({ status: 'unknown', unknownFindingIds: ['f-tls-gap'], failingFindingIds: [] });
    expect(ctl('hipaa', '164.312(d)')).toMatchObject({ status: 'fail', failingFindingIds: ['f-mfa-alice'] });
    expect(ctl('hipaa', '164.312(b)').status).toBe('pass');
    expect(ctl('hipaa', '164.312(a)(2)(iv)')).toMatchObject({ status: 'pass', suppressedFindingIds: ['f-kms-rotation'] });
    expect(ctl('hipaa', '164.312(a)(2)(i)').status).toBe('not_applicable');
    expect(ctl('hipaa', '164.308(a)(2)')).toMatchObject({ status: 'manual', rules: [] });
    expect(ctl('hipaa', '164.308(a)(2)').rationale).toBeTruthy();
  });

  it('SOC 2 and PCI DSS: the same findings land on their own controls', () => {
    expect(ctl('soc2', 'CC6.6')).toMatchObject({ status: 'fail', failingFindingIds: ['f-sg-open'] });
    expect(ctl('soc2', 'CC6.7')).toMatchObject({ status: 'unknown', unknownFindingIds: ['f-tls-gap'] });
    expect(ctl('soc2', 'CC6.1')).toMatchObject({ status: 'fail', failingFindingIds: ['f-mfa-alice'], suppressedFindingIds: ['f-kms-rotation'] });
    expect(ctl('soc2', 'CC7.2').status).toBe('pass');
    expect(ctl('pci-dss-4.0', '1.3.1')).toMatchObject({ status: 'fail', failingFindingIds: ['f-sg-open'] });
    expect(ctl('pci-dss-4.0', '8.4.1').status).toBe('fail');
    expect(ctl('pci-dss-4.0', '4.2.1')).toMatchObject({ status: 'unknown', unknownFindingIds: ['f-tls-gap'] });
    expect(ctl('pci-dss-4.0', '3.7.4')).toMatchObject({ status: 'pass', suppressedFindingIds: ['f-kms-rotation'] });
    expect(ctl('pci-dss-4.0', '10.2.1.2').status).toBe('pass');
  });

  it('the evidence chain reaches the resource and its offending values', () => {
    const rule = ctl('hipaa', '164.312(a)(1)').rules.find((r) => r.status === 'fail')!;
    expect(rule.ruleId).toBe('aws-sg-open-admin-port');
    expect(rule.rationale).toMatch(/admin ports/);
    const f = findingById(result, ctl('hipaa', '164.312(a)(1)').failingFindingIds[0]!);
    expect(f.ruleId).toBe(rule.ruleId);
    expect(f.resource).toMatchObject({ type: 'aws.ec2.security-group', id: 'sg-0aaa', arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0aaa' });
    expect(f.evidence).toEqual({ rule: '0.0.0.0/0 tcp 22' });
  });

  it('tags each finding with every control its rule maps to, across packs', () => {
    const controls = findingById(result, 'f-sg-open').controls!;
    expect(controls).toEqual(expect.arrayContaining(['hipaa/164.312(a)(1)', 'soc2/CC6.6', 'pci-dss-4.0/1.3.1']));
    expect(controls.filter((c, i) => controls.indexOf(c) !== i)).toEqual([]);
    expect(findingById(result, 'f-sg-closed').controls).toEqual(controls);
    // Within GitHub's 20 tags per rule, with room left for the reporter's own tags.
    for (const f of result.findings) expect(f.controls!.length).toBeLessThanOrEqual(18);
  });

  it('controls whose rules found nothing are not applicable; counts add up and the score follows them', () => {
    const seenRules = new Set(fixtureFindings.map((f) => f.ruleId));
    for (const f of compliance) {
      const pack = packs.find((p) => p.id === f.id)!;
      for (const c of pack.controls) {
        const r = f.controls.find((x) => x.id === c.id)!;
        if (c.manual) expect(r.status).toBe('manual');
        else if (!c.rules!.some((x) => seenRules.has(x.id))) expect({ id: c.id, status: r.status }).toEqual({ id: c.id, status: 'not_applicable' });
      }
      const total = Object.values(f.counts).reduce((a, b) => a + b, 0);
      expect(total).toBe(pack.controls.length);
      expect(f.counts.manual).toBe(pack.controls.filter((c) => c.manual).length);
      expect(f.score).toBe(f.counts.pass / (f.counts.pass + f.counts.fail + f.counts.unknown));
      expect(f.counts.fail).toBeGreaterThan(0);
      expect(f.counts.unknown).toBeGreaterThan(0);
    }
  });
});

describe('fixture snapshots through each built-in pack (real rules, real collector)', () => {
  const packs = loadFrameworks({ ids: ['all'] });
  const GCP = join(PACKAGE_ROOT, 'test', 'fixtures', 'gcp');
  const options = { now: new Date('2026-01-15T00:00:00Z'), ruleOptions: { 'gcp-iam-external-member': { allowedDomains: ['acme.example'] } } };
  let dirty: Snapshot;
  let clean: Snapshot;

  /** `gcloud asset export` files → the GCP collector → a schema-checked snapshot. */
  async function snapshotOf(files: string[]): Promise<Snapshot> {
    const out = await collectGcp({ exportFiles: files });
    return parseSnapshot(JSON.stringify(mergeOutputs([out], '2026-01-15T00:00:00.000Z', '2026-01-15T00:00:01.000Z')), 'fixture-snapshot.json');
  }
  function comply(snapshot: Snapshot, opts: typeof options | { now: Date } = options) {
    const result = evaluate(snapshot, builtinRules, opts);
    const compliance = evaluateCompliance(result, packs);
    const fw = (id: string) => compliance.find((f) => f.id === id)!;
    const ctl = (f: string, c: string) => fw(f).controls.find((x) => x.id === c)!;
    const byId = new Map(result.findings.map((f) => [f.id, f]));
    /** Control → its failing (or unknown) findings, as "rule resource-name" lines. */
    const chain = (f: string, c: string, which: 'failingFindingIds' | 'unknownFindingIds' = 'failingFindingIds') =>
      ctl(f, c)
        [which].map((id) => `${byId.get(id)!.ruleId} ${byId.get(id)!.resource.name}`)
        .sort();
    return { result, fw, ctl, byId, chain, counts: (id: string) => ({ ...fw(id).counts, score: fw(id).score }) };
  }

  beforeAll(async () => {
    dirty = await snapshotOf([join(GCP, 'resources.jsonl'), join(GCP, 'iam.jsonl'), join(GCP, 'search-iam.json')]);
    clean = await snapshotOf([fixture('gcp-clean-export.jsonl')]);
  });

  it('misconfigured GCP export: every automated control its findings reach fails; counts and scores per pack', () => {
    const { counts, ctl } = comply(dirty);
    expect(counts('hipaa')).toEqual({ pass: 0, fail: 9, unknown: 0, manual: 20, not_applicable: 10, score: 0 });
    expect(counts('soc2')).toEqual({ pass: 0, fail: 7, unknown: 0, manual: 17, not_applicable: 13, score: 0 });
    expect(counts('pci-dss-4.0')).toEqual({ pass: 0, fail: 18, unknown: 0, manual: 30, not_applicable: 22, score: 0 });
    // AWS-only and TLS-only controls examined nothing in a GCP audit: not applicable, each rule saying so.
    for (const [f, c] of [
      ['hipaa', '164.312(b)'],
      ['soc2', 'CC7.2'],
      ['pci-dss-4.0', '10.2.1'],
      ['pci-dss-4.0', '8.4.1'],
    ] satisfies [string, string][]) {
      expect({ c, status: ctl(f, c).status }).toEqual({ c, status: 'not_applicable' });
      expect(ctl(f, c).rules.every((r) => r.note === NOTHING_EXAMINED)).toBe(true);
    }
    expect(ctl('hipaa', '164.308(a)(2)')).toMatchObject({ status: 'manual', rules: [] });
  });

  it('the evidence chain goes control → rule → finding → resource and its offending values, in each pack', () => {
    const { ctl, chain, byId } = comply(dirty);
    const firewalls = [
      'gcp-firewall-open-admin-port allow-all-world',
      'gcp-firewall-open-admin-port allow-ssh-rdp-world',
      'gcp-firewall-open-all-ports allow-all-world',
      'gcp-firewall-open-sensitive-port allow-all-world',
      'gcp-firewall-open-sensitive-port allow-db-world',
    ];
    expect(chain('pci-dss-4.0', '1.3.1')).toEqual(firewalls);
    expect(chain('soc2', 'CC6.6')).toEqual(expect.arrayContaining([...firewalls, 'gcp-iam-public-member acme-dev', 'gcp-sql-public-ip-open orders-db']));
    expect(chain('hipaa', '164.312(e)(1)')).toEqual([
      'gcp-https-proxy-no-ssl-policy web-proxy',
      'gcp-sql-ssl-not-enforced legacy-db',
      'gcp-sql-ssl-not-enforced orders-db',
    ]);
    expect(chain('pci-dss-4.0', '3.7.4')).toEqual(['gcp-kms-key-rotation-long archive-key', 'gcp-kms-key-rotation-long bucket-key']);
    expect(chain('pci-dss-4.0', '8.2.7')).toEqual(['gcp-iam-external-member acme-prod']);

    const rule = ctl('pci-dss-4.0', '1.3.1').rules.find((r) => r.ruleId === 'gcp-firewall-open-admin-port')!;
    expect(rule).toMatchObject({ status: 'fail', counts: { fail: 2, pass: 4, not_applicable: 2, unknown: 0 } });
    expect(rule.rationale).toBeTruthy();
    const ssh = ctl('pci-dss-4.0', '1.3.1')
      .failingFindingIds.map((id) => byId.get(id)!)
      .find((f) => f.resource.name === 'allow-ssh-rdp-world' && f.ruleId === rule.ruleId)!;
    expect(ssh.resource).toMatchObject({
      provider: 'gcp',
      account: 'acme-prod',
      type: 'gcp.compute.firewall',
      id: '//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-ssh-rdp-world',
    });
    expect(ssh.evidence).toMatchObject({ openings: ['0.0.0.0/0 tcp 22 (SSH)', '0.0.0.0/0 tcp 3389 (RDP)'], targets: 'all instances in the network' });
    expect(ssh.controls).toEqual(['hipaa/164.312(a)(1)', 'soc2/CC6.6', 'pci-dss-4.0/1.3.1', 'cis-gcp-foundations/3.6', 'cis-gcp-foundations/3.7']);
  });

  it('compliant GCP export: the controls its rules evidence pass, score 100 % in each pack', () => {
    const { counts, ctl, result } = comply(clean);
    expect(result.findings.filter((f) => f.status === 'fail' || f.status === 'unknown')).toEqual([]);
    expect(counts('hipaa')).toEqual({ pass: 9, fail: 0, unknown: 0, manual: 20, not_applicable: 10, score: 1 });
    expect(counts('soc2')).toEqual({ pass: 7, fail: 0, unknown: 0, manual: 17, not_applicable: 13, score: 1 });
    expect(counts('pci-dss-4.0')).toEqual({ pass: 18, fail: 0, unknown: 0, manual: 30, not_applicable: 22, score: 1 });
    expect(ctl('hipaa', '164.312(a)(1)').status).toBe('pass');
    expect(ctl('soc2', 'CC6.6').status).toBe('pass');
    expect(ctl('pci-dss-4.0', '1.3.1').status).toBe('pass');
  });

  it('a coverage gap (firewall listing denied) turns the firewall controls unknown instead of pass', () => {
    const denied: CoverageEntry = {
      provider: 'gcp',
      account: 'acme-clean',
      region: 'global',
      service: 'cloudasset',
      operation: 'ListAssets:compute.googleapis.com/Firewall',
      resourceTypes: ['gcp.compute.firewall'],
      status: 'denied',
      errorCode: 'PERMISSION_DENIED',
      message: 'The caller does not have permission',
    };
    const gapped = comply({ ...clean, coverage: [...clean.coverage, denied] });
    for (const [f, c] of [
      ['hipaa', '164.312(a)(1)'],
      ['soc2', 'CC6.6'],
      ['pci-dss-4.0', '1.2.5'],
      ['pci-dss-4.0', '1.3.1'],
      ['pci-dss-4.0', '1.4.2'],
      ['pci-dss-4.0', '1.4.4'],
    ] satisfies [string, string][]) {
      expect({ c, status: gapped.ctl(f, c).status }).toEqual({ c, status: 'unknown' });
    }
    expect(gapped.chain('pci-dss-4.0', '1.3.1', 'unknownFindingIds')).toEqual([
      'gcp-firewall-open-admin-port all gcp.compute.firewall in global',
      'gcp-firewall-open-all-ports all gcp.compute.firewall in global',
      'gcp-firewall-open-sensitive-port all gcp.compute.firewall in global',
    ]);
    const f = gapped.byId.get(gapped.ctl('pci-dss-4.0', '1.3.1').unknownFindingIds[0]!)!;
    expect(f).toMatchObject({
      status: 'unknown',
      messageId: '_coverage',
      resource: { type: 'gcp.compute.firewall', id: '*', account: 'acme-clean' },
      evidence: { coverageGap: 'cloudasset:ListAssets:compute.googleapis.com/Firewall in global denied (PERMISSION_DENIED)' },
    });
    // Controls that do not read firewalls keep their pass.
    expect(gapped.ctl('pci-dss-4.0', '4.2.1').status).toBe('pass');
    expect(gapped.counts('hipaa')).toEqual({ pass: 8, fail: 0, unknown: 1, manual: 20, not_applicable: 10, score: 8 / 9 });
    expect(gapped.counts('soc2')).toEqual({ pass: 6, fail: 0, unknown: 1, manual: 17, not_applicable: 13, score: 6 / 7 });
    expect(gapped.counts('pci-dss-4.0')).toEqual({ pass: 14, fail: 0, unknown: 4, manual: 30, not_applicable: 22, score: 14 / 18 });
  });

  it('a control whose only findings are not applicable is not counted as passed (external members without allowedDomains)', () => {
    const configured = comply(clean);
    const unconfigured = comply(clean, { now: options.now });
    expect(configured.ctl('pci-dss-4.0', '8.2.7').status).toBe('pass');
    const c = unconfigured.ctl('pci-dss-4.0', '8.2.7');
    expect(c.status).toBe('not_applicable');
    expect(c.rules.find((r) => r.ruleId === 'gcp-iam-external-member')).toMatchObject({ status: 'not_applicable', counts: { not_applicable: 2, pass: 0 } });
    expect(unconfigured.counts('pci-dss-4.0')).toMatchObject({ pass: 17, not_applicable: 23, score: 1 });
  });
});

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loading framework files', () => {
  it('loads a valid custom framework and remembers its file', () => {
    const fw = custom();
    expect(fw.id).toBe('test-fw');
    expect(fw.file).toBe(fixture('custom.yaml'));
    expect(fw.controls.map((c) => c.id)).toEqual(['NET-1', 'ENC-1', 'TLS-1', 'MIX-1', 'ORG-1']);
  });

  it('bad YAML syntax names the file, line and column', () => {
    const e = inputError(() => loadFramework(fixture('bad-syntax.yaml')));
    expect(e.file).toBe(fixture('bad-syntax.yaml'));
    expect(e.message).toMatch(/^invalid YAML/);
    expect(e.place).toMatch(/^line (8|9), column \d+$/);
    expect(e.describe()).toContain('bad-syntax.yaml: line');
  });

  it('a control with neither rules nor manual names the control, its path and line', () => {
    const e = inputError(() => loadFramework(fixture('no-rules-no-manual.yaml')));
    expect(e.file).toBe(fixture('no-rules-no-manual.yaml'));
    expect(e.place).toBe('$.controls[1] (line 12, column 5)');
    expect(e.message).toBe(
      'control "A-2": no `rules` and no `manual: true`: list at least one rule, or mark it `manual: true` with a `rationale` saying what a person must attest',
    );
  });

  it('an empty rules list is rejected', () => {
    const e = inputError(() => loadFramework(fixture('empty-rules.yaml')));
    expect(e.place).toBe('$.controls[0].rules (line 10, column 12)');
    expect(e.message).toMatch(/empty `rules`/);
  });

  it('an unknown property points at the property', () => {
    const e = inputError(() => loadFramework(fixture('unknown-property.yaml')));
    expect(e.place).toBe('$.controls[0].severity (line 10, column 15)');
    expect(e.message).toBe('control "A-1": unknown property "severity"');
  });

  it('a manual control cannot list rules', () => {
    const e = inputError(() => loadFramework(fixture('manual-with-rules.yaml')));
    expect(e.place).toBe('$.controls[0].rules (line 13, column 7)');
    expect(e.message).toMatch(/manual control cannot also list rules/);
  });

  it('a number where a string is required names the path', () => {
    const e = inputError(() => loadFramework(fixture('numeric-version.yaml')));
    expect(e.place).toBe('$.version (line 3, column 10)');
    expect(e.message).toBe('must be string');
  });

  it('an unknown rule names the control, the path, the line and a likely fix', () => {
    const e = inputError(() => loadFramework(fixture('unknown-rule.yaml'), { rules }));
    expect(e.file).toBe(fixture('unknown-rule.yaml'));
    expect(e.place).toBe('$.controls[0].rules[1].id (line 13, column 13)');
    expect(e.message).toBe('control "A-1": unknown rule "test-sg-opne" (did you mean "test-sg-open"?)');
    // Without a rule list the reference is not checked.
    expect(loadFramework(fixture('unknown-rule.yaml')).controls[0]!.rules).toHaveLength(2);
  });

  it('duplicate control ids and a rule listed twice are rejected with their place', () => {
    const dup = inputError(() => loadFramework(fixture('duplicate-control.yaml')));
    expect(dup.place).toBe('$.controls[1].id (line 12, column 9)');
    expect(dup.message).toBe('duplicate control id "A-1" (first at $.controls[0])');
    const twice = inputError(() => loadFramework(fixture('rule-twice.yaml')));
    expect(twice.place).toBe('$.controls[0].rules[1].id (line 13, column 13)');
    expect(twice.message).toBe('control "A-1" lists rule "test-sg-open" twice');
  });

  it('a missing file is an input error naming it', () => {
    const e = inputError(() => loadFramework(fixture('does-not-exist.yaml')));
    expect(e.message).toMatch(/cannot read framework file \(ENOENT\)/);
    expect(e.file).toBe(fixture('does-not-exist.yaml'));
  });

  it('an empty document is rejected', () => {
    const e = inputError(() => parseFramework('# nothing\n', 'empty.yaml'));
    expect(e).toMatchObject({ file: 'empty.yaml', message: 'empty framework file' });
  });
});

describe('loadFrameworks', () => {
  it('loads built-in packs by id (comma lists and `all` accepted) plus user files', () => {
    expect(loadFrameworks({ ids: ['hipaa,soc2'] }).map((f) => f.id)).toEqual(['hipaa', 'soc2']);
    expect(loadFrameworks({ ids: ['all'] }).map((f) => f.id)).toEqual(['hipaa', 'soc2', 'pci-dss-4.0', 'cis-aws-foundations', 'cis-gcp-foundations']);
    expect(loadFrameworks({ ids: [], files: [fixture('custom.yaml')], rules }).map((f) => f.id)).toEqual(['test-fw']);
    expect(loadFrameworks({})).toEqual([]);
  });

  it('an unknown framework id lists the available ones', () => {
    const e = inputError(() => loadFrameworks({ ids: ['hipa'] }));
    expect(e.message).toBe('unknown framework "hipa" (did you mean "hipaa"?)');
    expect(e.place).toBe('--framework');
    expect(e.fix).toContain('hipaa, soc2, pci-dss-4.0');
  });

  it('a user framework reusing a loaded id is rejected', () => {
    const e = inputError(() => loadFrameworks({ ids: ['hipaa'], files: [fixture('clash-hipaa.yaml')] }));
    expect(e.message).toBe('framework id "hipaa" is already used by hipaa.yaml');
    expect(e.file).toBe(fixture('clash-hipaa.yaml'));
  });

  it('rules referenced by a user framework must exist', () => {
    const e = inputError(() => loadFrameworks({ files: [fixture('custom.yaml')], rules: [sgOpen, tlsModern] }));
    expect(e.message).toMatch(/^control "ENC-1": unknown rule "test-volume-encrypted"/);
    expect(e.place).toBe('$.controls[1].rules[0].id (line 17, column 13)');
  });
});
