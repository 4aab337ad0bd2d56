/**
 * `vigil audit --provider gcp` end to end, as a user runs it: the real CLI in a subprocess, live against the
 * local Cloud Asset server (src/testing/gcp-asset-server.ts) for each scope form, and offline from export
 * files. Checks exit codes, findings.json / compliance.json content and the error messages of bad input.
 *
 * The server runs in this process, so the CLI is spawned asynchronously (spawnSync would block the server).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFramework, FRAMEWORKS_DIR } from '../../src/engine/frameworks.js';
import type { EvaluationResult, Finding, FrameworkResult } from '../../src/engine/types.js';
import { type GcpAssetServer, startGcpAssetServer } from '../../src/testing/gcp-asset-server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { type CliRun, runCli } from '../support/cli.js';

const FIX = join(PACKAGE_ROOT, 'test', 'fixtures', 'gcp');
const fx = (f: string) => join(FIX, f);
const assets = readFileSync(fx('resources.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const iamPolicies = JSON.parse(readFileSync(fx('search-iam.json'), 'utf8')) as unknown[];

interface Run extends CliRun {
  out: string;
  findings: () => EvaluationResult;
  /** compliance.json: the framework results plus the findings they reference. */
  compliance: () => { frameworks: FrameworkResult[]; findings: Finding[] };
}

const dirs: string[] = [];

function vigil(args: string[]): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'vigil-gcp-cli-'));
  dirs.push(out);
  const env = { ...process.env, NO_COLOR: '1', METADATA_SERVER_DETECTION: 'none' };
  return runCli([...args, '--out', out, '--no-progress'], { cwd: PACKAGE_ROOT, env, timeoutMs: 90000 }).then((r) => ({
    ...r,
    out,
    findings: () => JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8')) as EvaluationResult,
    compliance: () => JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')) as { frameworks: FrameworkResult[]; findings: Finding[] },
  }));
}

/** "status rule name" lines of the findings, sorted. */
const lines = (fs: Finding[], status?: string) =>
  fs
    .filter((f) => !status || f.status === status)
    .map((f) => `${f.status} ${f.ruleId} ${f.resource.name}`)
    .sort();

let server: GcpAssetServer;

beforeAll(async () => {
  // Disks denied (a PERMISSION_DENIED asset type) and the second firewall page throttled once (retried).
  server = await startGcpAssetServer({
    assets,
    iamPolicies,
    deniedAssetTypes: ['compute.googleapis.com/Disk'],
    throttle: [{ target: 'compute.googleapis.com/Firewall', page: 2, times: 1 }],
  });
});
afterAll(async () => {
  await server.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('vigil audit --provider gcp --gcp-scope … --gcp-endpoint (live, real Cloud Asset client)', () => {
  for (const scope of ['organizations/123', 'folders/456', 'projects/p']) {
    it(`audits ${scope}: every page read, the denied type unknown, exit 1 on high findings`, async () => {
      const before = server.requests.length;
      const r = await vigil(['audit', '--provider', 'gcp', '--gcp-scope', scope, '--gcp-endpoint', server.endpoint, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const asked = server.requests.slice(before);
      expect(asked.every((q) => q.path.startsWith(`/v1/${scope}`) && !q.authorization)).toBe(true);
      // 8 firewalls at 2 per page: 4 pages; the first run also asks page 2 twice (the one 429, retried).
      const fw = asked.filter((q) => q.query.assetTypes?.[0] === 'compute.googleapis.com/Firewall');
      expect(new Set(fw.map((q) => q.query.pageToken?.[0] ?? 'first')).size).toBe(4);
      expect(fw).toHaveLength(scope === 'organizations/123' ? 5 : 4);

      const result = r.findings();
      const account = scope === 'projects/p' ? 'p' : scope;
      expect(result.snapshot.scopes).toEqual([
        expect.objectContaining({ provider: 'gcp', account, detail: expect.objectContaining({ scope, source: 'cloud-asset-api' }) }),
      ]);
      expect(result.snapshot.coverage.gaps).toEqual([
        expect.objectContaining({
          operation: 'ListAssets:compute.googleapis.com/Disk',
          status: 'denied',
          errorCode: 'PERMISSION_DENIED',
          resourceTypes: ['gcp.compute.disk'],
        }),
      ]);
      expect(lines(result.findings.filter((f) => f.ruleId === 'gcp-disk-no-cmek'))).toEqual([`unknown gcp-disk-no-cmek all gcp.compute.disk in global`]);
      expect(
        lines(
          result.findings.filter((f) => f.ruleId.startsWith('gcp-firewall-')),
          'fail',
        ),
      ).toEqual([
        'fail gcp-firewall-open-admin-port allow-all-world',
        'fail gcp-firewall-open-admin-port allow-ssh-rdp-world',
        'fail gcp-firewall-open-all-ports allow-all-world',
        'fail gcp-firewall-open-sensitive-port allow-all-world',
        'fail gcp-firewall-open-sensitive-port allow-db-world',
      ]);
      const ssh = result.findings.find((f) => f.ruleId === 'gcp-firewall-open-admin-port' && f.resource.name === 'allow-ssh-rdp-world')!;
      expect(ssh.evidence).toMatchObject({ openings: ['0.0.0.0/0 tcp 22 (SSH)', '0.0.0.0/0 tcp 3389 (RDP)'] });
      expect(ssh.resource).toMatchObject({
        provider: 'gcp',
        account: 'acme-prod',
        type: 'gcp.compute.firewall',
        id: '//compute.googleapis.com/projects/acme-prod/global/firewalls/allow-ssh-rdp-world',
      });
      expect(
        lines(
          result.findings.filter((f) => f.ruleId === 'gcp-iam-basic-role'),
          'fail',
        ),
      ).toEqual(['fail gcp-iam-basic-role acme-prod', 'fail gcp-iam-basic-role folders/444444444444']);
    });
  }

  it('--strict with --fail-on none exits 3 on the coverage gap; a bad scope exits 2', async () => {
    const strict = await vigil([
      'audit',
      '--gcp-scope',
      'projects/acme-prod',
      '--gcp-endpoint',
      server.endpoint,
      '--fail-on',
      'none',
      '--strict',
      '--format',
      'json',
    ]);
    expect(strict.code).toBe(3);
    const bad = await vigil(['audit', '--gcp-scope', 'project/acme-prod', '--gcp-endpoint', server.endpoint]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--gcp-scope: invalid GCP scope "project\/acme-prod"/);
    expect(bad.stderr).toMatch(/fix: use organizations\/NUMBER, folders\/NUMBER or projects\/PROJECT_ID/);
  });
});

describe('vigil audit --gcp-export (offline)', () => {
  it('reads resource + iam-policy exports and the search-all-iam-policies JSON array together', async () => {
    const r = await vigil([
      'audit',
      '--gcp-export',
      fx('resources.jsonl'),
      '--gcp-export',
      fx('iam.jsonl'),
      '--gcp-export',
      fx('search-iam.json'),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Coverage: every collection step was read in full/);
    const result = r.findings();
    expect(result.snapshot.coverage.gaps).toEqual([]);
    expect(result.snapshot.scopes.map((s) => s.account).sort()).toEqual(['acme-dev', 'acme-prod', 'folders/444444444444', 'organizations/555555555555']);
    const fails = lines(result.findings, 'fail');
    // From iam.jsonl (export lines) …
    expect(fails).toContain('fail gcp-iam-public-member acme-dev');
    expect(fails).toContain('fail gcp-iam-public-member-resource acme-public-assets');
    // … and from search-iam.json (the JSON array), merged into the same project policy.
    expect(fails).toContain('fail gcp-iam-sa-impersonation-project-wide acme-prod');
    const imp = result.findings.find((f) => f.ruleId === 'gcp-iam-sa-impersonation-project-wide' && f.status === 'fail')!;
    expect(imp.evidence).toEqual({
      grants: ['roles/iam.serviceAccountUser → group:developers@acme.example', 'roles/iam.serviceAccountTokenCreator → user:bob@acme.example'],
      level: 'project',
    });
    expect(result.findings.filter((f) => f.status === 'unknown')).toEqual([]);
  });

  it('a malformed line is reported with its file and line number, and the rest of the file is read', async () => {
    const r = await vigil(['audit', '--gcp-export', fx('malformed.jsonl'), '--gcp-export', fx('iam.jsonl'), '--fail-on', 'none', '--format', 'json']);
    expect(r.code).toBe(0);
    const result = r.findings();
    const messages = result.snapshot.coverage.gaps.map((g) => g.message);
    expect(messages).toEqual([
      expect.stringMatching(/malformed\.jsonl:2: not valid JSON/),
      expect.stringMatching(/malformed\.jsonl:5: neither a Cloud Asset record/),
    ]);
    expect(result.snapshot.coverage.gaps[0]).toMatchObject({
      errorCode: 'MalformedExportRecord',
      account: 'acme-prod',
      resourceTypes: ['gcp.compute.firewall'],
    });
    // Line 1 (before the bad line) and line 4 (after it) were read and evaluated.
    const names = new Set(result.findings.filter((f) => f.status !== 'unknown').map((f) => f.resource.name));
    expect(names.has('malformed-neighbour-1')).toBe(true);
    expect(names.has('acme-scratch')).toBe(true);
    // The truncated firewall may be open: its rules stay unknown for the project, never pass.
    expect(result.findings.some((f) => f.ruleId === 'gcp-firewall-open-admin-port' && f.status === 'unknown' && f.resource.account === 'acme-prod')).toBe(true);
    expect(r.stdout).toMatch(/Coverage gaps: 2/);
  });

  it('a file that is not an export exits 2 naming the file and the line', async () => {
    const r = await vigil(['audit', '--gcp-export', fx('resources.jsonl'), '--gcp-export', fx('not-an-export.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`vigil: ${fx('not-an-export.txt')}: line 1: not a Cloud Asset export`);
    expect(r.stderr).toMatch(/fix: pass the newline-delimited JSON written by `gcloud asset export/);
    const shape = await vigil(['audit', '--gcp-export', fx('wrong-shape.jsonl')]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain(`vigil: ${fx('wrong-shape.jsonl')}: line 1: not a Cloud Asset export: no readable record`);
  });
});

describe('vigil audit --framework with GCP input', () => {
  const exportArgs = ['--gcp-export', fx('resources.jsonl'), '--gcp-export', fx('iam.jsonl'), '--format', 'json'];

  it('--framework hipaa runs only the rules HIPAA maps and reports HIPAA alone', async () => {
    const r = await vigil(['audit', ...exportArgs, '--framework', 'hipaa']);
    expect(r.code).toBe(1);
    const hipaa = loadFramework(join(FRAMEWORKS_DIR, 'hipaa.yaml'));
    const mapped = new Set(hipaa.controls.flatMap((c) => (c.rules ?? []).map((x) => x.id)));
    const ran = r.findings().rules.map((x) => x.id);
    expect(new Set(ran)).toEqual(mapped);
    expect(ran).not.toContain('gcp-disk-no-cmek'); // framework-free: not needed for HIPAA
    const compliance = r.compliance().frameworks;
    expect(compliance.map((f) => f.id)).toEqual(['hipaa']);
    expect(r.stdout).toMatch(/hipaa\s+0%/);
  });

  it('--framework hipaa,soc2,pci-dss-4.0 reports the three packs with control → rule → finding evidence', async () => {
    const r = await vigil(['audit', ...exportArgs, '--framework', 'hipaa,soc2,pci-dss-4.0']);
    expect(r.code).toBe(1);
    const { frameworks: compliance, findings: referenced } = r.compliance();
    expect(compliance.map((f) => f.id)).toEqual(['hipaa', 'soc2', 'pci-dss-4.0']);
    const pci = compliance[2]!.controls.find((c) => c.id === '1.3.1')!;
    expect(pci.status).toBe('fail');
    // compliance.json carries the findings its controls reference, so the chain resolves within the file.
    const findings = new Map(referenced.map((f) => [f.id, f]));
    expect(pci.failingFindingIds.map((id) => `${findings.get(id)!.ruleId} ${findings.get(id)!.resource.name}`).sort()).toContain(
      'gcp-firewall-open-admin-port allow-ssh-rdp-world',
    );
  });

  it('a malformed --framework-file exits 2 naming the file, the path and the line', async () => {
    const file = join(PACKAGE_ROOT, 'test', 'fixtures', 'frameworks', 'no-rules-no-manual.yaml');
    const r = await vigil(['audit', ...exportArgs, '--framework-file', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`vigil: ${file}: $.controls[1] (line 12, column 5): control "A-2": no \`rules\` and no \`manual: true\``);
  });
});
