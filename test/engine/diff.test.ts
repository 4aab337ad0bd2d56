import { describe, expect, it } from '@jest/globals';
import { type FindingsDoc, diffFindings, newFailuresAtOrAbove, parseFindingsJson, renderDiffJson, renderDiffText } from '../../src/engine/diff.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { FrameworkResult, Rule, Severity, Suppression } from '../../src/engine/types.js';
import type { CoverageEntry, Resource, SnapshotScope } from '../../src/model/types.js';
import { renderFindingsJson } from '../../src/reporters/json.js';
import { InputError } from '../../src/util/errors.js';
import { openGroupRule, weakTlsRule } from '../reporters/fixtures.js';
import { looseResource as resource } from '../support/loose.js';
import { gap, snapshotOf } from '../support/rule-tester.js';

const SG = 'aws.ec2.security-group';
const A1 = '123456789012';
const A2 = '210987654321';
const sg = (id: string, open: boolean, extra: Partial<Resource['ref']> = {}) => resource(SG, id, { open }, extra);
const tls = (id: string, old: boolean) =>
  resource('tls.endpoint', id, { protocols: old ? ['TLSv1'] : ['TLSv1.3'] }, { provider: 'tls', account: 'tls', region: 'global' });
const awsScope = (account: string, regions = ['us-east-1', 'eu-west-1']): SnapshotScope => ({ provider: 'aws', account, regions });

interface Run {
  resources: Resource[];
  coverage?: CoverageEntry[];
  scopes?: SnapshotScope[];
  rules?: Rule[];
  severity?: Record<string, Severity>;
  suppressions?: Suppression[];
  compliance?: FrameworkResult[];
}

/** A findings.json exactly as Vigil writes it (evaluate → JSON reporter → parse). */
function findingsDoc(run: Run, file: string): FindingsDoc {
  const scopes = run.scopes ?? [awsScope(A1), awsScope(A2), { provider: 'tls', account: 'tls', regions: ['global'] }];
  // Every scope was collected (ok coverage); the run's own gaps say where it was not.
  const ok = scopes.map((s): CoverageEntry => ({
    provider: s.provider,
    account: s.account,
    region: 'global',
    service: 'test',
    operation: 'Collect',
    resourceTypes: s.provider === 'tls' ? ['tls.endpoint'] : [SG, 'aws.rds.db-instance'],
    status: 'ok',
  }));
  const snap = snapshotOf(run.resources, [...ok, ...(run.coverage ?? [])]);
  snap.scopes = scopes;
  const result = evaluate(snap, run.rules ?? [openGroupRule, weakTlsRule], {
    now: new Date('2026-02-01T00:00:00Z'),
    severityOverrides: run.severity,
    suppressions: run.suppressions,
  });
  if (run.compliance) result.compliance = run.compliance;
  return parseFindingsJson(renderFindingsJson(result), file);
}

const ids = (list: { resource: { id: string } }[]) => list.map((f) => f.resource.id);

describe('diffFindings', () => {
  const before = findingsDoc(
    {
      resources: [
        sg('sg-still', true),
        sg('sg-regress', false),
        sg('sg-fixed', true),
        sg('sg-blind', false),
        sg('sg-deleted', true),
        sg('sg-region', true, { region: 'eu-west-1' }),
        sg('sg-other-account', true, { account: A2 }),
        tls('db:5432', true),
      ],
    },
    'old.json',
  );
  const after = findingsDoc(
    {
      resources: [sg('sg-still', true), sg('sg-regress', true), sg('sg-fixed', false), sg('sg-blind', false), sg('sg-brand-new', true), tls('db:5432', true)],
      coverage: [
        // sg-blind's details could not be read: its check is unknown, which must not read as "fixed".
        gap([SG], { resourceId: 'sg-blind', service: 'ec2', operation: 'DescribeSecurityGroupRules' }),
        // Listing security groups in eu-west-1 was denied: sg-region vanished, but nobody can say it is gone.
        gap([SG], { region: 'eu-west-1', service: 'ec2', operation: 'DescribeSecurityGroups' }),
      ],
      scopes: [awsScope(A1), { provider: 'tls', account: 'tls', regions: ['global'] }],
    },
    'new.json',
  );
  const diff = diffFindings(before, after);

  it('new failures: a pass that now fails and a brand-new resource', () => {
    expect(diff.newFailures.map((f) => [f.resource.id, f.previousStatus])).toEqual([
      ['sg-brand-new', 'absent'],
      ['sg-regress', 'pass'],
    ]);
    expect(diff.summary.newFailuresBySeverity).toMatchObject({ high: 2, critical: 0 });
  });

  it('resolved: fail → pass, and fail → resource gone where the new run did read that scope', () => {
    expect(diff.resolved.map((f) => [f.resource.id, f.now])).toEqual([
      ['sg-deleted', 'gone'],
      ['sg-fixed', 'pass'],
    ]);
  });

  it('still failing: fail → fail (both rules)', () => {
    expect(ids(diff.stillFailing).sort()).toEqual(['db:5432', 'sg-still']);
  });

  it('coverage loss is called out and never counted as resolved: pass → unknown, gap in a region, account not scanned', () => {
    const lost = new Map(diff.coverageLost.map((f) => [f.resource.id, f]));
    expect([...lost.keys()].sort()).toEqual(['sg-blind', 'sg-other-account', 'sg-region']);
    expect(lost.get('sg-blind')).toMatchObject({ was: 'pass', now: 'unknown', reason: expect.stringContaining('Not evaluated') });
    expect(lost.get('sg-region')).toMatchObject({
      was: 'fail',
      now: 'missing',
      reason: expect.stringContaining('could not collect aws.ec2.security-group there (ec2:DescribeSecurityGroups in eu-west-1: denied, AccessDenied)'),
    });
    expect(lost.get('sg-other-account')).toMatchObject({ was: 'fail', now: 'missing', reason: `aws account ${A2} was not scanned in the new run` });
    const resolvedIds = ids(diff.resolved);
    for (const id of lost.keys()) expect(resolvedIds).not.toContain(id);
    expect(diff.summary).toMatchObject({ newFailures: 2, resolved: 2, stillFailing: 2, coverageLost: 3, coverageRegained: 0, unknownBefore: 0 });
    // sg-blind (per resource) plus the scope-level unknown for eu-west-1.
    expect(diff.summary.unknownNow).toBe(2);
  });

  it('a rule that did not run in the new evaluation: its old failures are coverage loss, not resolved', () => {
    const noTls = findingsDoc({ resources: [sg('sg-still', true), tls('db:5432', true)], rules: [openGroupRule] }, 'new.json');
    const d = diffFindings(before, noTls);
    const db = d.coverageLost.find((f) => f.resource.id === 'db:5432');
    expect(db).toMatchObject({ was: 'fail', now: 'missing', reason: 'rule test-tls-old-protocol was not evaluated in the new run' });
    expect(ids(d.resolved)).not.toContain('db:5432');
  });

  it('coverage regained: unknown → pass / fail', () => {
    const d = diffFindings(after, findingsDoc({ resources: [sg('sg-blind', true), sg('sg-still', true)] }, 'later.json'));
    expect(d.coverageRegained.map((f) => [f.resource.id, f.now])).toEqual([['sg-blind', 'fail']]);
    expect(d.newFailures.find((f) => f.resource.id === 'sg-blind')?.previousStatus).toBe('unknown');
  });

  it('severity changes of failing findings', () => {
    const d = diffFindings(
      before,
      findingsDoc({ resources: [sg('sg-still', true), sg('sg-regress', false)], severity: { 'test-sg-open': 'critical' } }, 'new.json'),
    );
    expect(d.severityChanges.map((f) => [f.resource.id, f.from, f.to, f.status])).toEqual([['sg-still', 'high', 'critical', 'fail']]);
  });

  it('suppressed new failures are listed but do not trip --fail-on-new', () => {
    const d = diffFindings(
      before,
      findingsDoc(
        { resources: [sg('sg-regress', true)], suppressions: [{ rule: 'test-sg-open', resource: 'sg-regress', justification: 'accepted (SEC-1)' }] },
        'new.json',
      ),
    );
    expect(d.newFailures.map((f) => [f.resource.id, f.suppressed])).toEqual([['sg-regress', true]]);
    expect(newFailuresAtOrAbove(d, 'info')).toEqual([]);
    expect(ids(newFailuresAtOrAbove(diff, 'high')).sort()).toEqual(['sg-brand-new', 'sg-regress']);
    expect(newFailuresAtOrAbove(diff, 'critical')).toEqual([]);
  });

  it('identical runs: nothing new, nothing resolved, nothing lost', () => {
    const d = diffFindings(before, before);
    expect(d.summary).toMatchObject({ newFailures: 0, resolved: 0, coverageLost: 0, coverageRegained: 0, severityChanged: 0, stillFailing: 6 });
  });

  it('compliance: score delta per framework in both files and control status changes', () => {
    const fw = (score: number | null, status: 'pass' | 'fail', extra: FrameworkResult['controls'] = []): FrameworkResult => ({
      id: 'hipaa',
      title: 'HIPAA',
      version: '1',
      source: 'https://example.org',
      score,
      counts: { pass: 0, fail: 0, unknown: 0, manual: 0, not_applicable: 0 },
      controls: [{ id: '164.312(e)(1)', title: 'Transmission security', status, rules: [], failingFindingIds: [], unknownFindingIds: [] }, ...extra],
    });
    const soc2 = { ...fw(1, 'pass'), id: 'soc2' };
    const o = findingsDoc({ resources: [sg('a', true)], compliance: [fw(0.5, 'fail'), soc2] }, 'o');
    const n = findingsDoc(
      {
        resources: [sg('a', false)],
        compliance: [fw(0.75, 'pass', [{ id: 'new-ctl', title: 'New', status: 'unknown', rules: [], failingFindingIds: [], unknownFindingIds: [] }])],
      },
      'n',
    );
    const d = diffFindings(o, n);
    expect(d.compliance).toEqual([
      {
        id: 'hipaa',
        title: 'HIPAA',
        oldScore: 0.5,
        newScore: 0.75,
        delta: 0.25,
        controlChanges: [
          { id: '164.312(e)(1)', title: 'Transmission security', from: 'fail', to: 'pass' },
          { id: 'new-ctl', title: 'New', from: 'absent', to: 'unknown' },
        ],
      },
    ]);
    expect(d.frameworksOnlyIn).toEqual({ old: ['soc2'], new: [] });
    expect(renderDiffText(d)).toContain('compliance hipaa: 50.0% → 75.0% (+25.0 pts)');
    expect(diffFindings(o, findingsDoc({ resources: [] }, 'x')).compliance).toBeUndefined();
    expect(diffFindings(findingsDoc({ resources: [], compliance: [fw(null, 'fail')] }, 'o'), n).compliance?.[0]!.delta).toBeNull();
  });
});

describe('renderDiffText / renderDiffJson', () => {
  const evil = '\u001b[2J\u001b[31mprod\u202egnp.exe';
  const o = findingsDoc({ resources: [sg('sg-1', false, { name: evil })] }, 'old.json');
  const n = findingsDoc({ resources: [sg('sg-1', true, { name: evil }), ...Array.from({ length: 5 }, (_, i) => sg(`sg-x${i}`, true))] }, 'new.json');
  const d = diffFindings(o, n);

  it('a short summary, then lists; cloud strings lose their control and bidi characters', () => {
    const text = renderDiffText(d);
    expect(text).toContain('vigil diff: old.json (2026-02-01T00:00:00.000Z) → new.json (2026-02-01T00:00:00.000Z)');
    expect(text).toContain('  new failures:      6 (high 6)');
    expect(text).toContain('New failures (6):');
    expect(text).toContain('[2J[31mprodgnp.exe (sg-1)');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('--limit cuts each list and says how many are left', () => {
    expect(renderDiffText(d, 2)).toContain('  … and 4 more (--limit 0 or --format json for all)');
    expect(renderDiffText(d, 0)).not.toContain('more (--limit');
  });

  it('coverage loss gets its own section saying NOT resolved', () => {
    const lost = diffFindings(o, findingsDoc({ resources: [sg('sg-1', false, { name: 'x' })], coverage: [gap([SG], { resourceId: 'sg-1' })] }, 'n'));
    expect(renderDiffText(lost)).toMatch(
      /Coverage lost \(NOT resolved\) \(1\):\n {2}HIGH {5}test-sg-open {2}x \(sg-1\) \[aws 123456789012 us-east-1\]: was pass, now unknown: Not evaluated/,
    );
  });

  it('JSON: the whole diff, machine-readable', () => {
    const j = JSON.parse(renderDiffJson(d));
    expect(j.diffVersion).toBe(1);
    expect(j.summary.newFailures).toBe(6);
    expect(j.newFailures[0]).toMatchObject({
      ruleId: 'test-sg-open',
      severity: 'high',
      previousStatus: expect.any(String),
      resource: { provider: 'aws', account: A1 },
    });
  });
});

describe('parseFindingsJson: bad input names the file and the JSON path', () => {
  const good = renderFindingsJson(evaluate(snapshotOf([sg('sg-1', true), sg('sg-2', false)]), [openGroupRule], { now: new Date('2026-01-01T00:00:00Z') }));
  const err = (text: string): InputError => {
    try {
      parseFindingsJson(text, 'bad.json');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  const edit = (f: (d: any) => void): string => {
    const d = JSON.parse(good);
    f(d);
    return JSON.stringify(d);
  };

  it('accepts what the JSON reporter writes', () => {
    expect(parseFindingsJson(good, 'ok.json').findings).toHaveLength(2);
  });

  it('rejects broken JSON, wrong shapes, other versions, duplicates and compliance.json', () => {
    const notJson = err('{"formatVersion": 1,,}');
    expect([notJson.file, notJson.message]).toEqual(['bad.json', expect.stringContaining('not valid JSON')]);
    expect(err(edit((d) => (d.findings[1].status = 'broken'))).place).toBe('$.findings[1].status');
    expect(err(edit((d) => delete d.findings[0].resource.account)).describe()).toContain(
      'bad.json: $.findings[0].resource: missing required property "account"',
    );
    expect(err(edit((d) => delete d.findings)).describe()).toContain('$: missing required property "findings"');
    expect(err(edit((d) => (d.formatVersion = 2))).place).toBe('$.formatVersion');
    const dup = err(edit((d) => (d.findings[1].id = d.findings[0].id)));
    expect([dup.place, dup.message]).toEqual(['$.findings[1].id', expect.stringContaining('duplicate finding id')]);
    expect(err(JSON.stringify({ formatVersion: 1, frameworks: [], findings: [] })).message).toContain('compliance.json');
    expect(err('[]').place).toBe('$');
  });
});
