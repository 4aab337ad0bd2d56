/** End to end: export files → collectGcp → snapshot (schema-checked) → evaluate with the built-in rules. */
import { describe, expect, it } from '@jest/globals';
import { builtinRules } from '../../policies/index.js';
import { collectGcp } from '../../src/collectors/gcp/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Finding } from '../../src/engine/types.js';
import { parseSnapshot } from '../../src/model/schema.js';

const FIX = 'test/fixtures/gcp';
const NOW = new Date('2026-01-15T00:00:00Z');
const gcpRules = builtinRules.filter((r) => r.id.startsWith('gcp-'));

async function run(files: string[]) {
  const out = await collectGcp({ exportFiles: files.map((f) => `${FIX}/${f}`) });
  const snapshot = parseSnapshot(JSON.stringify(mergeOutputs([out], '2026-01-15T00:00:00.000Z', '2026-01-15T00:00:01.000Z')), 'gcp-snapshot.json');
  const result = evaluate(snapshot, gcpRules, { now: NOW, ruleOptions: { 'gcp-iam-external-member': { allowedDomains: ['acme.example'] } } });
  return { out, snapshot, result };
}

/** rule id → sorted "status name" lines. */
function table(findings: Finding[]): Record<string, string[]> {
  const t: Record<string, string[]> = {};
  for (const f of findings) (t[f.ruleId] ??= []).push(`${f.status} ${f.resource.name}`);
  for (const lines of Object.values(t)) lines.sort();
  return t;
}

describe('GCP export → snapshot → findings', () => {
  it('registers every agreed gcp rule', () => {
    expect(gcpRules.map((r) => r.id).sort()).toEqual([
      'gcp-bucket-no-cmek',
      'gcp-bucket-public-access-prevention-off',
      'gcp-bucket-uniform-access-off',
      'gcp-disk-no-cmek',
      'gcp-firewall-open-admin-port',
      'gcp-firewall-open-all-ports',
      'gcp-firewall-open-sensitive-port',
      'gcp-https-proxy-no-ssl-policy',
      'gcp-iam-basic-role',
      'gcp-iam-external-member',
      'gcp-iam-public-member',
      'gcp-iam-public-member-resource',
      'gcp-iam-sa-impersonation-project-wide',
      'gcp-iam-sa-key-old',
      'gcp-iam-service-account-admin',
      'gcp-iam-user-managed-sa-key',
      'gcp-kms-key-rotation-long',
      'gcp-sql-public-ip-open',
      'gcp-sql-ssl-not-enforced',
      'gcp-ssl-policy-weak',
    ]);
  });

  it('finds the planted misconfigurations and passes the compliant resources', async () => {
    const { result, snapshot } = await run(['resources.jsonl', 'iam.jsonl', 'search-iam.json']);
    // One ok ReadExport step per project seen and content type given; no gap.
    expect(snapshot.coverage.every((c) => c.status === 'ok' && c.operation === 'ReadExport')).toBe(true);
    expect(snapshot.coverage.map((c) => `${c.account} ${c.resourceTypes.includes('gcp.iam.policy') ? 'iam' : 'resources'}`).sort()).toEqual(
      ['acme-dev', 'acme-prod', 'folders/444444444444', 'organizations/555555555555'].flatMap((a) => [`${a} iam`, `${a} resources`]),
    );
    const t = table(result.findings);
    expect(t['gcp-firewall-open-admin-port']).toEqual([
      'fail allow-all-world',
      'fail allow-ssh-rdp-world',
      'not_applicable disabled-ssh-world',
      'not_applicable egress-all',
      'pass allow-db-world',
      'pass allow-https-world',
      'pass allow-internal',
      'pass dev-allow-ssh-iap',
    ]);
    expect(t['gcp-firewall-open-sensitive-port']!.filter((s) => s.startsWith('fail'))).toEqual(['fail allow-all-world', 'fail allow-db-world']);
    expect(t['gcp-firewall-open-all-ports']!.filter((s) => s.startsWith('fail'))).toEqual(['fail allow-all-world']);
    expect(t['gcp-ssl-policy-weak']).toEqual(['fail legacy-compat', 'pass modern-tls12']);
    expect(t['gcp-https-proxy-no-ssl-policy']).toEqual(['fail web-proxy', 'pass api-proxy']);
    expect(t['gcp-disk-no-cmek']).toEqual(['fail web-1', 'pass db-data']);
    expect(t['gcp-sql-public-ip-open']).toEqual(['fail orders-db', 'pass billing-db', 'pass legacy-db']);
    expect(t['gcp-sql-ssl-not-enforced']).toEqual(['fail legacy-db', 'fail orders-db', 'pass billing-db']);
    expect(t['gcp-bucket-public-access-prevention-off']).toEqual(['fail acme-public-assets', 'pass acme-prod-logs']);
    expect(t['gcp-bucket-uniform-access-off']).toEqual(['fail acme-public-assets', 'pass acme-prod-logs']);
    expect(t['gcp-bucket-no-cmek']).toEqual(['fail acme-public-assets', 'pass acme-prod-logs']);
    expect(t['gcp-kms-key-rotation-long']).toEqual(['fail archive-key', 'fail bucket-key', 'not_applicable release-signer', 'pass disk-key']);
    expect(t['gcp-iam-user-managed-sa-key']).toEqual([
      'fail 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      'fail 2222222222222222222222222222222222222222',
      'pass 1111111111111111111111111111111111111111',
    ]);
    expect(t['gcp-iam-sa-key-old']).toEqual([
      'fail 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
      'not_applicable 1111111111111111111111111111111111111111',
      'pass 2222222222222222222222222222222222222222',
    ]);
    const fails = (id: string) => t[id]!.filter((s) => s.startsWith('fail'));
    expect(fails('gcp-iam-public-member')).toEqual(['fail acme-dev']);
    expect(fails('gcp-iam-public-member-resource')).toEqual(['fail acme-public-assets']);
    expect(fails('gcp-iam-basic-role')).toEqual(['fail acme-prod', 'fail folders/444444444444']);
    expect(fails('gcp-iam-service-account-admin')).toEqual(['fail acme-prod']);
    expect(fails('gcp-iam-sa-impersonation-project-wide')).toEqual(['fail acme-prod']);
    expect(fails('gcp-iam-external-member')).toEqual(['fail acme-prod']);
    expect(result.findings.filter((f) => f.status === 'unknown')).toEqual([]);

    const sev = (id: string) => result.findings.find((f) => f.ruleId === id && f.status === 'fail')!.severity;
    expect([sev('gcp-iam-public-member'), sev('gcp-iam-public-member-resource')]).toEqual(['critical', 'high']);
    const impersonation = result.findings.find((f) => f.ruleId === 'gcp-iam-sa-impersonation-project-wide' && f.status === 'fail')!;
    expect(impersonation.evidence).toEqual({
      grants: ['roles/iam.serviceAccountUser → group:developers@acme.example', 'roles/iam.serviceAccountTokenCreator → user:bob@acme.example'],
      level: 'project',
    });
    expect(impersonation.resource).toMatchObject({
      provider: 'gcp',
      account: 'acme-prod',
      type: 'gcp.iam.policy',
      id: '//cloudresourcemanager.googleapis.com/projects/123456789012',
    });
  });

  it('turns malformed lines into unknown findings, never a pass', async () => {
    const { result, out } = await run(['malformed.jsonl']);
    expect(out.warnings).toHaveLength(3);
    expect(out.warnings[2]).toMatch(/no IAM policies in the export files/);
    const unknown = result.findings.filter((f) => f.status === 'unknown');
    // Line 2 (a firewall in acme-prod): every firewall rule reports acme-prod as not fully evaluated.
    for (const id of ['gcp-firewall-open-admin-port', 'gcp-firewall-open-sensitive-port', 'gcp-firewall-open-all-ports']) {
      expect(unknown.some((f) => f.ruleId === id && f.resource.account === 'acme-prod')).toBe(true);
    }
    // Line 5 (unidentifiable): every GCP rule reports an unknown for the unknown account.
    expect(new Set(unknown.filter((f) => f.resource.account === 'unknown').map((f) => f.ruleId))).toEqual(new Set(gcpRules.map((r) => r.id)));
    // No IAM export was given: IAM rules are unknown for the projects seen, not silently passing.
    expect(unknown.some((f) => f.ruleId === 'gcp-iam-basic-role' && f.resource.account === 'acme-prod')).toBe(true);
    // The readable neighbour is still evaluated.
    expect(result.findings.find((f) => f.ruleId === 'gcp-firewall-open-admin-port' && f.resource.name === 'malformed-neighbour-1')!.status).toBe('fail');
  });

  it('reports IAM rules as unknown when only a resource export is given, and the reverse', async () => {
    const onlyResources = await run(['resources.jsonl']);
    const iamRules = gcpRules.filter((r) => r.resourceTypes.includes('gcp.iam.policy')).map((r) => r.id);
    for (const id of iamRules) {
      const fs = onlyResources.result.findings.filter((f) => f.ruleId === id);
      expect(fs.map((f) => `${f.status} ${f.resource.account}`).sort()).toEqual(['unknown acme-dev', 'unknown acme-prod']);
    }
    const onlyIam = await run(['iam.jsonl']);
    expect(onlyIam.result.findings.filter((f) => f.ruleId === 'gcp-firewall-open-admin-port').every((f) => f.status === 'unknown')).toBe(true);
    expect(onlyIam.result.findings.some((f) => f.ruleId === 'gcp-iam-public-member' && f.status === 'fail')).toBe(true);
  });
});
