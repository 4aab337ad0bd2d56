import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { uploadCommand } from '../../src/cli/upload.js';
import { reporters, writeReports } from '../../src/reporters/index.js';
import { GITHUB_SARIF_LIMITS, renderSarif } from '../../src/reporters/sarif.js';
import { sampleResult } from '../reporters/fixtures.js';
import { runCli } from '../github/cli-harness.js';
import { FakeGitHub, SARIFS, STATUS } from '../github/fake-github.js';

const TOKEN = 'ghp_CLItestTOKEN0123456789abcdefghijklm';
const SHA = 'c0ffee'.padEnd(40, '0');

describe('vigil upload (CLI) against a fake GitHub API on 127.0.0.1', () => {
  let gh: FakeGitHub;
  let dir: string;
  const sarif = renderSarif(sampleResult())[0]!.content;
  const target = () => ['--repo', 'octo-org/cloud-audit', '--ref', 'refs/heads/main', '--commit', SHA, '--api-url', gh.url];
  const upload = (args: string[], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN }) => runCli('upload', uploadCommand, args, { env, cwd: dir });

  beforeAll(async () => {
    gh = await new FakeGitHub().start();
    dir = mkdtempSync(join(tmpdir(), 'vigil-upload-'));
    await writeReports(sampleResult(), join(dir, 'vigil-out'), ['sarif']);
    const bad = JSON.parse(sarif);
    bad.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0001';
    writeFileSync(join(dir, 'arn.sarif'), JSON.stringify(bad));
  });
  afterAll(() => gh.stop());
  beforeEach(() => gh.reset());

  it('uploads, waits pending → complete, exits 0, and never prints the token', async () => {
    gh.on('POST', SARIFS, { status: 202, body: { id: 'cli-1', url: `${gh.url}/repos/octo-org/cloud-audit/code-scanning/sarifs/cli-1` } });
    gh.on(
      'GET',
      STATUS,
      { status: 200, body: { processing_status: 'pending' } },
      { status: 200, body: { processing_status: 'complete', analyses_url: `${gh.url}/a` } },
    );
    const r = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target(), '--wait', '--poll-interval', '0.05']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('vigil-out/vigil.sarif: 3 run(s)');
    expect(r.stdout).toContain('SARIF id cli-1');
    expect(r.stdout).toContain('processing pending');
    expect(r.stdout).toContain(`processing complete (${gh.url}/a)`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'POST /repos/octo-org/cloud-audit/code-scanning/sarifs',
      'GET /repos/octo-org/cloud-audit/code-scanning/sarifs/cli-1',
      'GET /repos/octo-org/cloud-audit/code-scanning/sarifs/cli-1',
    ]);
    expect(gh.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(gunzipSync(Buffer.from(JSON.parse(gh.requests[0]!.body).sarif, 'base64')).toString('utf8')).toBe(sarif);
  });

  it('takes repo, ref, commit and API URL from the GitHub Actions environment, and vigil-out/vigil.sarif by default', async () => {
    gh.on('POST', /\/repos\/env-org\/env-repo\/code-scanning\/sarifs$/, { status: 202, body: { id: 'cli-env' } });
    const r = await upload([], {
      GH_TOKEN: TOKEN,
      GITHUB_REPOSITORY: 'env-org/env-repo',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_SHA: SHA,
      GITHUB_API_URL: gh.url,
    });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('env-org/env-repo refs/pull/12/merge');
    expect(JSON.parse(gh.requests[0]!.body)).toMatchObject({ ref: 'refs/pull/12/merge', commit_sha: SHA, tool_name: 'Vigil', validate: true });
  });

  it('without --sarif: uploads vigil.sarif and the split files vigil-2.sarif, vigil-3.sarif in order', async () => {
    const split = join(dir, 'split');
    const files = renderSarif(sampleResult(), { ...GITHUB_SARIF_LIMITS, maxRunsPerFile: 1 });
    expect(files.map((f) => f.name)).toEqual(['vigil.sarif', 'vigil-2.sarif', 'vigil-3.sarif']);
    await writeReports(sampleResult(), join(split, 'vigil-out'), ['sarif'], { ...reporters, sarif: { format: 'sarif', render: () => files } });
    gh.on('POST', SARIFS, { status: 202, body: { id: 'p1' } }, { status: 202, body: { id: 'p2' } }, { status: 202, body: { id: 'p3' } });
    const r = await runCli('upload', uploadCommand, target(), { env: { GITHUB_TOKEN: TOKEN }, cwd: split });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(
      /vigil-out\/vigil\.sarif: uploaded .* SARIF id p1\n.*vigil-out\/vigil-2\.sarif: uploaded .* SARIF id p2\n.*vigil-out\/vigil-3\.sarif: uploaded .* SARIF id p3/s,
    );
    const sent = gh.requests.map((q) => gunzipSync(Buffer.from(JSON.parse(q.body).sarif, 'base64')).toString('utf8'));
    expect(sent).toEqual(files.map((f) => f.content));
  });

  it('without --sarif: never uploads a SARIF file an earlier run left, nor a set the manifest does not vouch for', async () => {
    const later = join(dir, 'later');
    await writeReports(sampleResult(), join(later, 'vigil-out'), ['sarif', 'html']);
    await writeReports(sampleResult(), join(later, 'vigil-out'), ['json']); // last week's SARIF is not this run's
    const none = await runCli('upload', uploadCommand, target(), { env: { GITHUB_TOKEN: TOKEN }, cwd: later });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/the last run in vigil-out\/ wrote none/);

    await writeReports(sampleResult(), join(later, 'vigil-out'), ['sarif']);
    writeFileSync(join(later, 'vigil-out', 'vigil.sarif'), `${sarif}\n`); // another run's file in its place
    const mixed = await runCli('upload', uploadCommand, target(), { env: { GITHUB_TOKEN: TOKEN }, cwd: later });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/vigil\.sarif: vigil\.sarif is not the file this run's manifest lists \(changed\)/);

    rmSync(join(later, 'vigil-out', 'vigil-manifest.json')); // a run killed before it committed its set
    const partial = await runCli('upload', uploadCommand, target(), { env: { GITHUB_TOKEN: TOKEN }, cwd: later });
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/no vigil-manifest\.json/);
    expect(gh.requests).toEqual([]);
  });

  it('processing failed: exit 1 and GitHub errors listed', async () => {
    gh.on('POST', SARIFS, { status: 202, body: { id: 'cli-f' } });
    gh.on('GET', STATUS, { status: 200, body: { processing_status: 'failed', errors: ['rejecting SARIF: too many results'] } });
    const r = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target(), '--wait', '--poll-interval', '0.05']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GitHub could not process the SARIF');
    expect(r.stderr).toContain('  - rejecting SARIF: too many results');
  });

  it('403: exit 1 with the scope explanation, the token redacted even when GitHub echoes it', async () => {
    gh.on('POST', SARIFS, { status: 403, body: { message: `Resource not accessible by integration: ${TOKEN}` } });
    const r = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('security_events');
    expect(r.stderr).toContain('security-events: write');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it('a SARIF GitHub would reject (arn: URI): exit 2 naming the file and JSON path, nothing sent', async () => {
    const r = await upload(['--sarif', 'arn.sarif', ...target()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('arn.sarif: $.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri: artifact URI');
    expect(r.stderr).toContain('scheme "arn"');
    expect(gh.requests).toHaveLength(0);
  });

  it('no token: exit 2 with the fix; --dry-run checks everything without a token or a request', async () => {
    const r = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target()], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no GitHub token');
    const dry = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target(), '--dry-run'], {});
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toContain('dry run: would upload 1 file(s) to octo-org/cloud-audit refs/heads/main');
    expect(gh.requests).toHaveLength(0);
  });

  it('bad flags exit 2: a short SHA, a non-https API URL, an unknown option', async () => {
    expect((await upload(['--sarif', 'vigil-out/vigil.sarif', ...target(), '--commit', 'abc'])).stderr).toContain('--commit');
    const http = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target(), '--api-url', 'http://github.example.com']);
    expect([http.code, http.stderr]).toEqual([2, expect.stringContaining('must use https://')]);
    expect((await upload(['--token', TOKEN])).code).toBe(2);
    expect(gh.requests).toHaveLength(0);
  });

  it('--dry-run checks the API URL too: no token from its userinfo is printed, and ftp:// is refused', async () => {
    const secret = 'ghp_DRYrunSECRET0123456789abcdefghijklmn';
    const withUser = await upload(
      ['--sarif', 'vigil-out/vigil.sarif', ...target(), '--dry-run', '--api-url', `https://x-access-token:${secret}@github.example.com/api/v3`],
      {},
    );
    expect(withUser.code).toBe(2);
    expect(withUser.stderr).toContain('must not carry credentials');
    expect(withUser.stdout + withUser.stderr).not.toContain(secret);
    const ftp = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target(), '--dry-run', '--api-url', 'ftp://github.example.com/'], {});
    expect([ftp.code, ftp.stderr]).toEqual([2, expect.stringContaining('must use https://')]);
  });

  it("a server's SARIF id carrying a token or terminal escapes is refused, never printed raw", async () => {
    gh.on('POST', SARIFS, { status: 202, body: { id: `${TOKEN}\u001b]0;owned\u0007` } });
    const r = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('with a SARIF id that is not one');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toMatch(/\u001b|\u0007/);
  });

  it.each([
    ['the bare token', TOKEN],
    ['the token inside an id', `x_${TOKEN}-1`],
  ])("a server's SARIF id that is %s is refused and not shown", async (_what, id) => {
    gh.on('POST', SARIFS, { status: 202, body: { id } });
    const r = await upload(['--sarif', 'vigil-out/vigil.sarif', ...target()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('with a SARIF id that carries the token (not shown)');
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});
