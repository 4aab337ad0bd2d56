import { HtmlRenderer, Parser } from 'commonmark';
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Log, Result, Run } from 'sarif';
import { evaluate } from '../../src/engine/evaluate.js';
import type { EvaluationResult, FrameworkResult, Severity } from '../../src/engine/types.js';
import { SNAPSHOT_SCHEMA_VERSION, type Resource, type Snapshot } from '../../src/model/types.js';
import { TOOL_VERSION } from '../../src/version.js';
import { GITHUB_SARIF_LIMITS, SECURITY_SEVERITY, artifactUri, renderSarif, ruleTags } from '../../src/reporters/sarif.js';
import { openGroupRule, sampleResult } from './fixtures.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

// The vendored OASIS schema declares draft-04. Its only draft-04-specific spelling is the root `id` (draft-06
// renamed it `$id`), and it uses no keyword whose meaning changed up to draft-07 (checked below), so Ajv's
// draft-07 mode validates the same. In memory only: `$schema` is dropped and the root `id` becomes `$id`.
const officialSchema = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const { $schema: _draft04, id: schemaId, ...schemaBody } = officialSchema;
const validateSarif = ajv.compile({ $id: schemaId as string, ...schemaBody });

function parse(content: string): Log {
  return JSON.parse(content) as Log;
}

function expectValid(log: unknown): void {
  const ok = validateSarif(log);
  expect(ok ? [] : validateSarif.errors?.slice(0, 5)).toEqual([]);
}

/** Every GitHub ingestion rule from FACTS.md that a file must meet. */
function expectGithubRules(log: Log): void {
  expect(log.$schema).toMatch(/^https:\/\//);
  expect(log.version).toBe('2.1.0');
  expect(log.runs.length).toBeGreaterThan(0);
  expect(log.runs.length).toBeLessThanOrEqual(20);
  const ids = log.runs.map((r) => r.automationDetails?.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const run of log.runs) {
    expect(run.automationDetails?.id).toMatch(/^vigil\/[A-Za-z0-9._-]+\/$/);
    expect(run.tool.driver.name).toBe('Vigil');
    expect(run.tool.driver.semanticVersion).toBeTruthy();
    expect(run.results).toBeDefined();
    expect(run.results!.length).toBeLessThanOrEqual(25_000);
    expect(run.invocations?.[0]!.executionSuccessful).toBe(true);
    for (const rule of run.tool.driver.rules ?? []) {
      expect(rule.shortDescription?.text.length).toBeGreaterThan(0);
      expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help?.text.length).toBeGreaterThan(0);
      expect(rule.help?.markdown).toContain('### Remediation');
      expect(rule.helpUri).toBeUndefined();
      expect(rule.name!.length).toBeLessThanOrEqual(255);
      const props = rule.properties!;
      const tags = props.tags as string[];
      expect(tags).toContain('security');
      expect(tags.length).toBeLessThanOrEqual(20);
      expect(new Set(tags).size).toBe(tags.length);
      expect(typeof props['security-severity']).toBe('string');
      const score = Number(props['security-severity']);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(10);
      expect(['very-high', 'high', 'medium', 'low']).toContain(props.precision);
      expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration?.level);
    }
    for (const res of run.results!) {
      const loc = res.locations?.[0]?.physicalLocation;
      const uri = loc?.artifactLocation?.uri ?? '';
      expect(uri.length).toBeGreaterThan(0);
      expect(uri).not.toMatch(/^[A-Za-z][A-Za-z0-9+.-]*:/); // no URI scheme
      expect(uri).not.toMatch(/^\//); // repo-relative
      expect(uri).toMatch(/^[A-Za-z0-9._\/-]+$/);
      expect(uri.split('/')).not.toContain('..');
      expect(loc?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(res.message.text!.length).toBeGreaterThan(0);
      expect(res.partialFingerprints?.primaryLocationLineHash).toBe(res.properties?.findingId);
      expect(run.tool.driver.rules![res.ruleIndex!]!.id).toBe(res.ruleId);
    }
  }
}

describe('SARIF reporter', () => {
  const result = sampleResult();
  const files = renderSarif(result);
  const log = parse(files[0]!.content);

  it('the vendored schema is the OASIS one and uses no draft-04-only keyword forms', () => {
    expect(officialSchema.id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    const walk = (n: unknown): void => {
      if (!n || typeof n !== 'object') return;
      for (const [k, v] of Object.entries(n)) {
        if (k === 'exclusiveMinimum' || k === 'exclusiveMaximum') expect(typeof v).toBe('number');
        if (k === '$ref') expect(v).toMatch(/^#\/definitions\//);
        walk(v);
      }
    };
    walk(officialSchema);
  });

  it('the validator rejects broken logs (it is not vacuous)', () => {
    const broken = structuredClone(log);
    delete (broken.runs[0]!.results![0] as Partial<Result>).message;
    expect(validateSarif(broken)).toBe(false);
    const badLine = structuredClone(log);
    badLine.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(validateSarif(badLine)).toBe(false);
    const badLevel = structuredClone(log);
    (badLevel.runs[0]!.results![0] as { level: string }).level = 'critical';
    expect(validateSarif(badLevel)).toBe(false);
  });

  it('is valid SARIF 2.1.0 against the official schema and meets GitHub ingestion rules', () => {
    expect(files.map((f) => f.name)).toEqual(['vigil.sarif']);
    expectValid(log);
    expectGithubRules(log);
  });

  it('has one run per (provider, account) with distinct automationDetails ids', () => {
    expect(log.runs.map((r) => r.automationDetails!.id)).toEqual(['vigil/aws-123456789012/', 'vigil/aws-210987654321/', 'vigil/tls-tls/']);
  });

  it('reports fail findings only, each with its finding id as primaryLocationLineHash', () => {
    const results = log.runs.flatMap((r) => r.results!);
    const fails = result.findings.filter((f) => f.status === 'fail');
    expect(results.map((r) => r.partialFingerprints!.primaryLocationLineHash).sort()).toEqual(fails.map((f) => f.id).sort());
    const byAccount = (run: Run) => run.results!.every((r) => r.properties!.account === run.properties!.account);
    expect(log.runs.every(byAccount)).toBe(true);
  });

  it('locates each result on a stable synthetic path with the ARN as logical location', () => {
    const r0 = log.runs[0]!.results!.find((r) => r.properties!.resourceId === 'sg-0001')!;
    expect(r0.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('cloud/aws/123456789012/us-east-1/ec2/security-group/sg-0001');
    expect(r0.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe('arn:aws:ec2:us-east-1:123456789012:security-group/sg-0001');
    expect(r0.properties).toMatchObject({
      account: '123456789012',
      region: 'us-east-1',
      arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0001',
      evidence: { rule: '0.0.0.0/0 tcp 22' },
    });
    const tls = log.runs[2]!.results![0]!;
    expect(tls.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('cloud/tls/tls/global/endpoint/db.example.internal_5432');
    // The first sentence (GitHub's alert title) names the rule and the resource.
    // TLS endpoints have no account or region worth naming ("in tls" would say nothing).
    expect(tls.message.text!.split('. ')[0]).toBe('TLS endpoint accepts TLS 1.0: db.example.internal:5432');
    expect(log.runs[2]!.automationDetails!.description!.text).toBe('Vigil audit of TLS endpoints');
    expect(r0.message.text!.split('. ')[0]).toBe('Security group open to the world: \\<img src=x onerror=alert(1)\\> (sg-0001) in aws 123456789012 us-east-1');
  });

  it('maps severities to levels and security-severity strings, carries precision and the framework controls as tags', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    const sg = rules.find((r) => r.id === 'test-sg-open')!;
    expect(sg.defaultConfiguration!.level).toBe('error');
    expect(sg.properties!['security-severity']).toBe('8.0');
    expect(sg.properties!.tags).toEqual(['security', 'network', 'high', 'hipaa/164.312(e)(1)', 'hipaa/164.312(a)(1)']);
    const tls = rules.find((r) => r.id === 'test-tls-old-protocol')!;
    expect(tls.properties!['security-severity']).toBe('5.5');
    expect(tls.defaultConfiguration!.level).toBe('warning');
    expect(SECURITY_SEVERITY).toEqual({ critical: '9.5', high: '8.0', medium: '5.5', low: '2.0', info: '0.1' });
    expect(sg.help!.markdown).toContain(
      '[https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html](https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html)',
    );
  });

  it('marks suppressed findings with an external suppression and its justification', () => {
    const sup = log.runs[0]!.results!.find((r) => r.properties!.resourceId === 'sg-0003')!;
    expect(sup.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'Bastion, restricted by NACL (ticket SEC-12)' }]);
    const open = log.runs[0]!.results!.find((r) => r.properties!.resourceId === 'sg-0001')!;
    expect(open.suppressions).toBeUndefined();
  });

  it('reports coverage gaps as warning notifications of a successful invocation', () => {
    const notes = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes.filter((n) => n.level === 'warning').map((n) => n.message.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('Not collected: ec2:DescribeSecurityGroups in aws 123456789012 ap-south-1: denied (AccessDenied)')]),
    );
    expect(notes.some((n) => /1 checks could not be evaluated/.test(n.message.text!))).toBe(true);
    expect(log.runs[1]!.invocations![0]!.toolExecutionNotifications).toEqual([]);
  });

  it('strips control characters and escapes [ ] so a cloud name cannot forge a SARIF embedded link', () => {
    const r = log.runs[1]!.results![0]!;
    expect(r.message.text).not.toMatch(/\u001b/);
    const forged = sampleWith([{ name: '[click me](https://evil.example/x)', open: true }]);
    const text = parse(renderSarif(forged)[0]!.content).runs[0]!.results![0]!.message.text!;
    expect(text).toContain('\\[click me\\](https://evil.example/x)');
    expect(text).not.toMatch(/(^|[^\\])\[click/);
  });

  it('no cloud name becomes a link in a real CommonMark renderer (escaped backslashes, autolinks, inline HTML)', () => {
    const hostile = [
      '\\[x\\](https://example.invalid/)',
      '[x](https://example.invalid/)',
      '<https://example.invalid/>',
      '<a href="https://example.invalid/">x</a>',
      '\\\\[x\\\\](https://example.invalid/)',
      '![x](https://example.invalid/i.png)',
      '[x]: https://example.invalid/\n[x]',
    ];
    for (const name of hostile) {
      const msg = parse(renderSarif(sampleWith([{ name, open: true }]))[0]!.content).runs[0]!.results![0]!.message.text!;
      // SARIF §3.11.6 escapes, rendered as GitHub does (CommonMark).
      const html = new HtmlRenderer({ safe: false }).render(new Parser().parse(msg));
      expect(html).not.toMatch(/<a\s|<img\s/);
      expect(html).toContain('example.invalid'); // the name is shown, as text
      // Undoing the escapes gives back the name exactly.
      expect(msg.replace(/\\([\\[\]<>])/g, '$1')).toContain(name.replace(/[\u0000-\u001f]/g, ''));
    }
  });

  it('keeps at most 20 tags: security, pack and severity first, then controls round-robin across frameworks', () => {
    const controls = [...Array.from({ length: 15 }, (_, i) => `hipaa/c${i}`), ...Array.from({ length: 15 }, (_, i) => `soc2/CC${i}`)];
    const tags = ruleTags({ pack: 'network', severity: 'critical' }, controls, 20);
    expect(tags).toHaveLength(20);
    expect(tags.slice(0, 7)).toEqual(['security', 'network', 'critical', 'hipaa/c0', 'soc2/CC0', 'hipaa/c1', 'soc2/CC1']);
    expect(tags.filter((t) => t.startsWith('hipaa/'))).toHaveLength(9);
    expect(tags.filter((t) => t.startsWith('soc2/'))).toHaveLength(8);

    // End to end through compliance: a rule mapped to 30 controls still gets 20 tags.
    const res = sampleResult();
    const fw = (id: string): FrameworkResult => ({
      id,
      title: id,
      version: '1',
      source: 'https://example.org',
      score: 0,
      counts: { pass: 0, fail: 15, unknown: 0, manual: 0, not_applicable: 0 },
      controls: Array.from({ length: 15 }, (_, i) => ({
        id: `C${i}`,
        title: `c${i}`,
        status: 'fail' as const,
        rules: [{ ruleId: 'test-sg-open', rationale: 'x', status: 'fail' as const, counts: { pass: 0, fail: 1, unknown: 0, not_applicable: 0 } }],
        failingFindingIds: [],
        unknownFindingIds: [],
      })),
    });
    res.compliance = [fw('hipaa'), fw('soc2')];
    const out = parse(renderSarif(res)[0]!.content);
    expectValid(out);
    expectGithubRules(out);
    const t = out.runs[0]!.tool.driver.rules!.find((r) => r.id === 'test-sg-open')!.properties!.tags as string[];
    expect(t).toHaveLength(20);
    expect(t).toEqual(expect.arrayContaining(['security', 'network', 'high', 'hipaa/C0', 'soc2/C0']));
  });

  it('uses the info security-severity and note level for info rules', () => {
    const res = sampleWith([{ name: 'x', open: true }], 'info');
    const out = parse(renderSarif(res)[0]!.content);
    expectValid(out);
    expect(out.runs[0]!.tool.driver.rules![0]!.properties!['security-severity']).toBe('0.1');
    expect(out.runs[0]!.results![0]!.level).toBe('note');
  });

  it('splits more than 20 runs over several files, each valid and within limits', () => {
    const accounts = Array.from({ length: 45 }, (_, i) => String(100000000000 + i));
    const res = multiAccount(accounts, 2);
    const out = renderSarif(res);
    expect(out.map((f) => f.name)).toEqual(['vigil.sarif', 'vigil-2.sarif', 'vigil-3.sarif']);
    const logs = out.map((f) => parse(f.content));
    expect(logs.map((l) => l.runs.length)).toEqual([20, 20, 5]);
    for (const l of logs) {
      expectValid(l);
      expectGithubRules(l);
    }
    const ids = logs.flatMap((l) => l.runs.map((r) => r.automationDetails!.id));
    expect(new Set(ids).size).toBe(45);
    expect(logs.flatMap((l) => l.runs.flatMap((r) => r.results!)).length).toBe(90);
  });

  it('keeps the most severe results when a run is over the per-run limit, and says how many were dropped', () => {
    const severities: Severity[] = ['low', 'critical', 'medium', 'info', 'high'];
    const res = sampleWith(Array.from({ length: 15 }, (_, i) => ({ name: `g${i}`, open: true })));
    res.findings.forEach((f, i) => (f.severity = severities[i % severities.length]!));
    const out = parse(renderSarif(res, { ...GITHUB_SARIF_LIMITS, maxResultsPerRun: 10 })[0]!.content);
    expectValid(out);
    const kept = out.runs[0]!.results!.map((r) => r.level);
    expect(kept).toHaveLength(10);
    const levels = out.runs[0]!.results!.map((r) => res.findings.find((f) => f.id === r.partialFingerprints!.primaryLocationLineHash)!.severity);
    expect(levels.filter((s) => s === 'critical' || s === 'high')).toHaveLength(6);
    expect(levels).not.toContain('info');
    const note = out.runs[0]!.invocations![0]!.toolExecutionNotifications!.find((n) => /left out/.test(n.message.text!))!;
    expect(note.message.text).toContain('5 of 15 failing results were left out');
    expect(note.properties).toEqual({ droppedResults: 5 });
  });

  it('caps a real run at GitHub’s 25,000 results', () => {
    const res = sampleWith(Array.from({ length: 25_003 }, (_, i) => ({ name: `g${i}`, open: true })));
    const out = parse(renderSarif(res)[0]!.content);
    expect(out.runs[0]!.results).toHaveLength(25_000);
    expect(out.runs[0]!.invocations![0]!.toolExecutionNotifications!.some((n) => /^3 of 25003 failing results were left out/.test(n.message.text!))).toBe(true);
  }, 60_000);

  it('keeps every file under the gzipped size limit: splits runs over files first, then trims a run that is too big alone', () => {
    const res = multiAccount(['111111111111', '222222222222', '333333333333'], 300);
    // Each run is about 22 kB gzipped here: a 50 kB limit fits two runs per file, nothing trimmed.
    const split = renderSarif(res, { ...GITHUB_SARIF_LIMITS, maxGzipBytes: 50_000 });
    expect(split.map((f) => parse(f.content).runs.map((r) => r.results!.length))).toEqual([[300, 300], [300]]);
    for (const f of split) expect(gzipSync(f.content).length).toBeLessThanOrEqual(50_000);

    // A 15 kB limit cannot hold any run whole: each is trimmed to its most severe results, with a notification.
    const limits = { ...GITHUB_SARIF_LIMITS, maxGzipBytes: 15_000 };
    const out = renderSarif(res, limits);
    expect(out).toHaveLength(3);
    for (const f of out) {
      expect(gzipSync(f.content).length).toBeLessThanOrEqual(limits.maxGzipBytes);
      expectValid(parse(f.content));
    }
    const runs = out.flatMap((f) => parse(f.content).runs);
    expect(runs.map((r) => r.automationDetails!.id)).toEqual(['vigil/aws-111111111111/', 'vigil/aws-222222222222/', 'vigil/aws-333333333333/']);
    for (const run of runs) {
      const n = run.results!.length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(300);
      expect(
        run.invocations![0]!.toolExecutionNotifications!.some((x) =>
          new RegExp(`^${300 - n} of 300 failing results were left out .*gzipped`).test(x.message.text!),
        ),
      ).toBe(true);
    }
  });

  it('builds safe relative paths from any resource identity', () => {
    const uri = artifactUri({
      provider: 'gcp',
      account: 'organizations/123',
      region: 'europe-west1',
      type: 'gcp.compute.firewall',
      id: '../../etc/passwd:x y',
    });
    expect(uri).toBe('cloud/gcp/organizations_123/europe-west1/compute/firewall/.._.._etc_passwd_x_y');
    expect(artifactUri({ provider: 'aws', account: '1', region: 'global', type: 'aws.s3.bucket', id: '..' })).toBe('cloud/aws/1/global/s3/bucket/___');
    const long = artifactUri({ provider: 'aws', account: '1', region: 'global', type: 'aws.iam.role', id: 'x'.repeat(500) });
    expect(long.length).toBeLessThan(200);
    expect(long).toMatch(/^[A-Za-z0-9._\/-]+$/);
  });

  it('still writes one valid run when nothing was scanned', () => {
    const empty: EvaluationResult = {
      ...sampleResult(),
      findings: [],
      compliance: undefined,
      snapshot: { ...sampleResult().snapshot, scopes: [], coverage: { total: 0, ok: 0, notApplicable: 0, gaps: [] } },
    };
    const out = parse(renderSarif(empty)[0]!.content);
    expectValid(out);
    expect(out.runs).toHaveLength(1);
    expect(out.runs[0]!.results).toEqual([]);
  });
});

function snapshot(resources: Resource[]): Snapshot {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'vigil', version: 'test' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    scopes: [],
    resources,
    coverage: [],
  };
}

/** Security groups in one account, all evaluated by the inline rule. */
function sampleWith(groups: { name: string; open: boolean }[], severity: Severity = 'high'): EvaluationResult {
  const resources = groups.map((g, i) => ({
    ref: { provider: 'aws' as const, account: '123456789012', region: 'us-east-1', type: 'aws.ec2.security-group' as const, id: `sg-${i}`, name: g.name },
    data: { open: g.open },
  }));
  return evaluate(snapshot(resources), [{ ...openGroupRule, severity }], { now: new Date('2026-01-02T00:00:00Z') });
}

function multiAccount(accounts: string[], perAccount: number): EvaluationResult {
  const resources = accounts.flatMap((account) =>
    Array.from({ length: perAccount }, (_, i) => ({
      ref: {
        provider: 'aws' as const,
        account,
        region: 'us-east-1',
        type: 'aws.ec2.security-group' as const,
        id: `sg-${account}-${i}`,
        name: `group-${i}-${'x'.repeat(i % 40)}`,
      },
      data: { open: true },
    })),
  );
  const snap = snapshot(resources);
  snap.scopes = accounts.map((account) => ({ provider: 'aws', account, regions: ['us-east-1'] }));
  return evaluate(snap, [openGroupRule], { now: new Date('2026-01-02T00:00:00Z') });
}

describe('SARIF tool metadata', () => {
  it('takes informationUri from package.json (homepage or repository) and omits it when there is none', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      homepage?: string;
      repository?: string | { url?: string };
    };
    const driver = (JSON.parse(renderSarif(sampleResult())[0]!.content) as Log).runs[0]!.tool.driver;
    const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    const expected = (pkg.homepage ?? repo)?.replace(/^git\+/, '').replace(/\.git$/, '');
    if (expected && /^https:\/\//.test(expected)) expect(driver.informationUri).toBe(expected);
    else expect(driver.informationUri).toBeUndefined();
    expect(driver.semanticVersion).toBe(TOOL_VERSION);
    expect(driver.name).toBe('Vigil');
  });
});
