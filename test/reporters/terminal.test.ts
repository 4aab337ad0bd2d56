import { describe, expect, it } from '@jest/globals';
import { renderTerminal, shouldColor } from '../../src/reporters/terminal.js';
import { sampleResult, undeterminedResult } from './fixtures.js';

const ESC = '\u001b';

describe('terminal summary', () => {
  const result = sampleResult();

  it('prints counts by status and severity, top failing rules, gaps, one line per framework and the report paths', () => {
    const out = renderTerminal(result, { color: false, outputs: ['vigil-out/findings.json', 'vigil-out/report.html'] });
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Vigil ${result.tool.version} — 5 resources in AWS 123456789012 (2 regions), AWS 210987654321 (1 region), TLS endpoints`);
    expect(lines).toContain('Findings: 4 fail · 1 unknown · 1 pass · 0 n/a · 1 suppressed');
    expect(lines).toContain('Open failures by severity: critical 0 · high 2 · medium 1 · low 0 · info 0');
    const top = lines.indexOf('Top failing rules');
    expect(lines[top + 1]).toMatch(/^ {2}HIGH {5}test-sg-open +2 {2}Security group open to the world$/);
    expect(lines[top + 2]).toMatch(/^ {2}MEDIUM {3}test-tls-old-protocol +1 {2}TLS endpoint accepts TLS 1\.0$/);
    expect(out).toContain('Coverage gaps: 1 (rules reading these report unknown, never pass)');
    expect(out).toContain('  ec2:DescribeSecurityGroups in aws 123456789012 ap-south-1: denied (AccessDenied)');
    expect(lines.find((l) => l.trimStart().startsWith('hipaa'))).toBe('  hipaa      0%  pass 0 · fail 2 · unknown 0 · manual 1  HIPAA Security Rule');
    expect(lines.slice(-3)).toEqual(['Reports', '  vigil-out/findings.json', '  vigil-out/report.html']);
    expect(out).not.toContain(ESC);
  });

  it('colours only when asked', () => {
    expect(renderTerminal(result, { color: true })).toContain(`${ESC}[`);
    expect(renderTerminal(result, { color: false })).not.toContain(ESC);
  });

  it('decides colour from the TTY and NO_COLOR', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({}, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(true);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });

  it('shortens free text only on a terminal, and --verbose lists every failing resource under its rule', () => {
    const long = sampleResult();
    for (const f of long.findings) f.title = `${f.title} ${'and more words '.repeat(10)}`;
    long.rules = long.rules.map((r) => ({ ...r, title: `${r.title} ${'and more words '.repeat(10)}` }));
    expect(renderTerminal(long, { color: false })).toContain('…');
    const full = renderTerminal(long, { color: false, truncate: false, verbose: true });
    expect(full).not.toContain('…');
    expect(full).toContain(`Security group open to the world ${'and more words '.repeat(10)}`.trimEnd());
    const lines = full.split('\n');
    const at = lines.indexOf('Failing rules');
    expect(lines[at + 1]).toMatch(/^ {2}HIGH {5}test-sg-open +2 /);
    expect(lines[at + 2]).toMatch(/^ {6}.*\(sg-0001\) 123456789012 us-east-1: Security group .* allows 0\.0\.0\.0\/0 tcp 22\.$/);
    expect(lines[at + 3]).toMatch(/^ {6}web\[31m \(sg-0009\) 210987654321 eu-west-1: /);
    // The suppressed failure (sg-0003) is not open: not listed.
    expect(full).not.toContain('(sg-0003)');
  });

  it('strips terminal escapes and bidi overrides from cloud-supplied strings, even with colour on', () => {
    const evil = sampleResult();
    evil.snapshot.scopes[1] = { provider: 'aws', account: `2109\u001b]0;pwned\u0007\u001b[2J87654321`, regions: ['eu-west-1'] };
    evil.snapshot.coverage.gaps[0] = { ...evil.snapshot.coverage.gaps[0]!, resourceId: `bucket\u202Etxt.exe\r\nFAKE LINE`, errorCode: `Denied\u001b[31m` };
    const out = renderTerminal(evil, { color: true, outputs: ['out/\u001b[1mfindings.json'] });
    // Our own colour codes are SGR sequences (ESC [ digits m); nothing else may reach the terminal.
    const foreign = out.replace(/\u001b\[[0-9;]*m/g, '');
    expect(foreign).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u001b[31mDenied');
    expect(out).toContain('2109]0;pwned[2J87654321');
    expect(out).toContain('buckettxt.exeFAKE LINE');
    expect(out.split('\n').some((l) => l.startsWith('FAKE LINE'))).toBe(false);
    expect(renderTerminal(evil, { color: false, outputs: ['out/\u001b[1mfindings.json'] })).toContain('  out/[1mfindings.json');
  });

  it('lists only the first gaps and failing rules and counts the rest', () => {
    const many = sampleResult();
    const g = many.snapshot.coverage.gaps[0]!;
    many.snapshot.coverage.gaps = Array.from({ length: 12 }, (_, i) => ({ ...g, region: `region-${i}` }));
    const out = renderTerminal(many, { color: false, top: 3 });
    expect(out).toContain('Coverage gaps: 12');
    expect(out.match(/ec2:DescribeSecurityGroups in aws/g)).toHaveLength(3);
    expect(out).toContain('… and 9 more (see the reports)');
  });

  it('says so when coverage is complete and omits compliance without frameworks', () => {
    const clean = sampleResult();
    clean.snapshot.coverage.gaps = [];
    clean.compliance = undefined;
    const out = renderTerminal(clean, { color: false });
    expect(out).toContain('Coverage: every collection step was read in full.');
    expect(out).not.toContain('Compliance');
    expect(out).not.toContain('Reports');
  });

  it('describes each scope in words: regions + global, GCP locations, TLS endpoint count; no file paths', () => {
    const r = sampleResult();
    r.snapshot.scopes = [
      { provider: 'aws', account: '123456789012', regions: ['us-east-1', 'eu-west-1', 'global'], detail: { partition: 'aws' } },
      {
        provider: 'gcp',
        account: 'nw-analytics-prod',
        regions: ['eu', 'europe-west1', 'europe-west1-b', 'global'],
        detail: { source: 'asset-export', files: ['/home/me/exports/resources.jsonl'] },
      },
      { provider: 'gcp', account: 'organizations/738201946655', regions: ['global'] },
      { provider: 'tls', account: 'tls', regions: ['global'], detail: { targets: ['a.example:443', 'b.example:443', '[::1]:8443@c.example'] } },
    ];
    const first = renderTerminal(r, { color: false }).split('\n')[0];
    expect(first).toBe(
      `Vigil ${r.tool.version} — 5 resources in AWS 123456789012 (2 regions + global), GCP nw-analytics-prod (3 locations + global), GCP organizations/738201946655 (global), TLS: 3 endpoints`,
    );
    r.snapshot.scopes = Array.from({ length: 9 }, (_, i) => ({ provider: 'aws' as const, account: `11111111111${i}`, regions: ['us-east-1'] }));
    expect(renderTerminal(r, { color: false }).split('\n')[0]).toMatch(/AWS 111111111115 \(1 region\), 3 more scopes$/);
    r.snapshot.scopes.pop();
    r.snapshot.scopes.pop();
    expect(renderTerminal(r, { color: false }).split('\n')[0]).toMatch(/AWS 111111111115 \(1 region\), 1 more scope$/);
  });

  it('explains unknown checks that no coverage gap explains, instead of only saying coverage is complete', () => {
    const out = renderTerminal(undeterminedResult(), { color: false });
    expect(out).toContain('Coverage: every collection step was read in full.');
    expect(out).toContain('Unknown: 2 checks could not be decided although the data was collected (unknown, never pass)');
    expect(out).toContain('  test-db-tls-forced ×2: Database db-1: whether TLS is forced cannot be established (parameter not listed).');
    // Unknowns that a coverage gap explains are already covered by the gap list: no extra line.
    expect(renderTerminal(sampleResult(), { color: false })).not.toContain('Unknown:');
  });

  it('keeps the compliance columns aligned with colour on', () => {
    const r = sampleResult();
    r.compliance = [r.compliance![0]!, { ...r.compliance![0]!, id: 'pci-dss-4.0', title: 'PCI DSS', version: '4.0.1', score: 0.125 }];
    const plain = renderTerminal(r, { color: false });
    const colored = renderTerminal(r, { color: true }).replace(/\u001b\[[0-9;]*m/g, '');
    expect(colored).toBe(plain);
    expect(plain).toContain('  pci-dss-4.0   12.5%  pass 0 · fail 2 · unknown 0 · manual 1  PCI DSS 4.0.1');
  });
});
