import { describe, expect, it } from '@jest/globals';
import { jsonReporter, renderComplianceJson, renderFindingsJson } from '../../src/reporters/json.js';
import { XSS, sampleResult } from './fixtures.js';

describe('JSON reporter', () => {
  const result = sampleResult();
  const doc = JSON.parse(renderFindingsJson(result));

  it('has the tool, the snapshot scope and coverage summary, the summary and the rule metadata', () => {
    expect(doc.tool).toEqual({ name: 'vigil', version: result.tool.version });
    expect(doc.evaluatedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(Object.keys(doc.snapshot)).toEqual(['startedAt', 'finishedAt', 'scopes', 'resourceCount', 'coverage']);
    expect(doc.snapshot.resourceCount).toBe(5);
    expect(doc.snapshot.scopes.map((s: { account: string }) => s.account)).toEqual(['123456789012', '210987654321', 'tls']);
    expect(doc.snapshot.coverage).toMatchObject({ total: 4, ok: 3, notApplicable: 0 });
    expect(doc.snapshot.coverage.gaps).toHaveLength(1);
    expect(doc.snapshot.coverage.gaps[0]).toMatchObject({ region: 'ap-south-1', status: 'denied', errorCode: 'AccessDenied' });
    expect(doc.summary).toEqual({
      byStatus: { pass: 1, fail: 4, unknown: 1, not_applicable: 0 },
      failuresBySeverity: { critical: 0, high: 2, medium: 1, low: 0, info: 0 },
      suppressed: 1,
    });
    expect(doc.rules.map((r: { id: string }) => r.id)).toEqual(['test-sg-open', 'test-tls-old-protocol']);
    expect(doc.rules[0]).toMatchObject({
      pack: 'network',
      severity: 'high',
      precision: 'high',
      remediation: expect.stringContaining('revoke-security-group-ingress'),
    });
  });

  it('has one entry per (rule, resource) evaluated, passes included, in the documented shape', () => {
    expect(doc.findings).toHaveLength(result.findings.length);
    expect(doc.findings.map((f: { status: string }) => f.status).sort()).toEqual(['fail', 'fail', 'fail', 'fail', 'pass', 'unknown']);
    for (const f of doc.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['id', 'ruleId', 'status', 'severity', 'title', 'message', 'resource', 'evidence']));
      expect(Object.keys(f.resource)).toEqual(expect.arrayContaining(['provider', 'account', 'region', 'type', 'id', 'arn', 'name']));
      expect(f.id).toMatch(/^[0-9a-f]{32}$/);
    }
    const xss = doc.findings.find((f: { resource: { id: string } }) => f.resource.id === 'sg-0001');
    expect(xss).toMatchObject({
      ruleId: 'test-sg-open',
      status: 'fail',
      severity: 'high',
      title: 'Security group open to the world',
      message: `Security group ${XSS} allows 0.0.0.0/0 tcp 22.`,
      resource: {
        provider: 'aws',
        account: '123456789012',
        region: 'us-east-1',
        type: 'aws.ec2.security-group',
        id: 'sg-0001',
        arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0001',
        name: XSS,
      },
      evidence: { rule: '0.0.0.0/0 tcp 22' },
      controls: ['hipaa/164.312(e)(1)', 'hipaa/164.312(a)(1)'],
    });
    const pass = doc.findings.find((f: { status: string }) => f.status === 'pass');
    expect(pass.evidence).toBeNull();
    const tls = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'test-tls-old-protocol');
    expect(tls.resource.arn).toBeNull();
    expect(tls.controls).toEqual(['hipaa/164.312(e)(1)']);
    const unknown = doc.findings.find((f: { status: string }) => f.status === 'unknown');
    expect(unknown.resource).toMatchObject({ region: 'ap-south-1', id: '*' });
    const sup = doc.findings.find((f: { resource: { id: string } }) => f.resource.id === 'sg-0003');
    expect(sup.suppressed).toEqual({ justification: 'Bastion, restricted by NACL (ticket SEC-12)' });
    expect(doc.findings.filter((f: { suppressed?: unknown }) => f.suppressed)).toHaveLength(1);
  });

  it('writes one finding per line so large files stay greppable', () => {
    const text = renderFindingsJson(result);
    const lines = text.split('\n').filter((l) => l.startsWith('    {"id":'));
    expect(lines).toHaveLength(result.findings.length);
    for (const l of lines) expect(() => JSON.parse(l.replace(/,$/, ''))).not.toThrow();
  });

  it('includes the compliance result, and writes compliance.json with the evidence chain control → rule → finding', () => {
    expect(doc.compliance[0]).toMatchObject({ id: 'hipaa', counts: { fail: 2, manual: 1 } });
    const files = jsonReporter.render(result);
    expect(files.map((f) => f.name)).toEqual(['findings.json', 'compliance.json']);
    const comp = JSON.parse(renderComplianceJson(result));
    expect(comp.frameworks[0].controls.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual([
      '164.312(e)(1):fail',
      '164.312(a)(1):fail',
      '164.308(a)(5)(i):manual',
    ]);
    expect(comp.frameworks[0].controls[2].rationale).toContain('attested');
    const byId = new Map(comp.findings.map((f: { id: string }) => [f.id, f]));
    for (const c of comp.frameworks[0].controls)
      for (const id of [...c.failingFindingIds, ...c.unknownFindingIds, ...(c.suppressedFindingIds ?? [])]) expect(byId.get(id)).toBeDefined();
    expect(comp.frameworks[0].controls[1].suppressedFindingIds).toHaveLength(1);
    const chain = comp.frameworks[0].controls[0].failingFindingIds.map(
      (id: string) => byId.get(id) as { ruleId: string; resource: { id: string }; evidence: unknown },
    );
    expect(chain.map((f: { ruleId: string; resource: { id: string } }) => `${f.ruleId} ${f.resource.id}`).sort()).toEqual([
      'test-sg-open sg-0001',
      'test-sg-open sg-0009',
      'test-tls-old-protocol db.example.internal:5432',
    ]);
    expect(chain.every((f: { evidence: unknown }) => f.evidence)).toBe(true);
  });

  it('writes only findings.json without compliance, and omits the key', () => {
    const plain = { ...result, compliance: undefined };
    expect(jsonReporter.render(plain).map((f) => f.name)).toEqual(['findings.json']);
    expect('compliance' in JSON.parse(renderFindingsJson(plain))).toBe(false);
    expect(JSON.parse(renderFindingsJson(plain)).findings[0].controls).toBeUndefined();
  });
});
