import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  CODE_SCANNING_LIMITS,
  GitHubClient,
  GitHubError,
  type UploadSettings,
  checkDistinctAcrossFiles,
  checkSarif,
  loadSarif,
  resolveUploadSettings,
  uploadSarif,
  waitForProcessing,
} from '../../src/github/code-scanning.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { InputError } from '../../src/util/errors.js';
import { sampleResult } from '../reporters/fixtures.js';
import { FakeGitHub, SARIFS, STATUS } from './fake-github.js';

const TOKEN = 'ghs_FAKEtoken0123456789abcdefghijklmnop';
const SHA = 'a'.repeat(40);

/** Vigil's own SARIF for the sample evaluation: three runs (two AWS accounts, TLS). */
const vigilSarif = (): string => renderSarif(sampleResult())[0]!.content;

function sarifWith(mutate: (doc: { runs: any[] }) => void): string {
  const doc = JSON.parse(vigilSarif());
  mutate(doc);
  return JSON.stringify(doc);
}

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('checkSarif: GitHub ingestion rules before any upload', () => {
  it("accepts Vigil's SARIF and reports runs, results, categories and the start time", () => {
    const c = checkSarif(vigilSarif(), 'vigil.sarif');
    expect(c.runs).toBe(3);
    expect(c.results).toBeGreaterThan(0);
    expect(c.analysisKeys).toEqual(['Vigil/vigil/aws-123456789012', 'Vigil/vigil/aws-210987654321', 'Vigil/vigil/tls-tls']);
    expect(c.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(gunzipSync(c.gzip).toString('utf8')).toBe(vigilSarif());
    expect(c.warnings).toEqual([]);
  });

  it('a result without a location: names the file and the JSON path', () => {
    const e = inputError(() =>
      checkSarif(
        sarifWith((d) => delete d.runs[1].results[0].locations),
        'out/vigil.sarif',
      ),
    );
    expect(e.file).toBe('out/vigil.sarif');
    expect(e.place).toBe('$.runs[1].results[0].locations');
    expect(e.message).toContain('expected at least one location');
    expect(e.describe()).toContain('fix:');
  });

  it('an empty locations array, a logical-only location, and an empty URI are rejected', () => {
    expect(
      inputError(() =>
        checkSarif(
          sarifWith((d) => (d.runs[0].results[0].locations = [])),
          'f',
        ),
      ).place,
    ).toBe('$.runs[0].results[0].locations');
    expect(
      inputError(() =>
        checkSarif(
          sarifWith((d) => delete d.runs[0].results[0].locations[0].physicalLocation),
          'f',
        ),
      ).place,
    ).toBe('$.runs[0].results[0].locations[0].physicalLocation');
    const empty = inputError(() =>
      checkSarif(
        sarifWith((d) => (d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '')),
        'f',
      ),
    );
    expect([empty.place, empty.message]).toEqual([
      '$.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri',
      expect.stringContaining('missing or empty'),
    ]);
  });

  it('an arn: URI (or any scheme, or an absolute path) is rejected', () => {
    const arn = inputError(() =>
      checkSarif(
        sarifWith((d) => (d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'arn:aws:s3:::my-bucket')),
        'f',
      ),
    );
    expect(arn.place).toBe('$.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri');
    expect(arn.message).toContain('scheme "arn"');
    expect(arn.fix).toContain('repository-relative');
    expect(
      inputError(() =>
        checkSarif(
          sarifWith((d) => (d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'https://x/y')),
          'f',
        ),
      ).message,
    ).toContain('scheme "https"');
    expect(
      inputError(() =>
        checkSarif(
          sarifWith((d) => (d.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '/etc/passwd')),
          'f',
        ),
      ).message,
    ).toContain('absolute');
  });

  it('two runs with the same automationDetails.id (or the same category) are rejected', () => {
    const e = inputError(() =>
      checkSarif(
        sarifWith((d) => (d.runs[2].automationDetails.id = d.runs[0].automationDetails.id)),
        'f',
      ),
    );
    expect(e.place).toBe('$.runs[2].automationDetails.id');
    expect(e.message).toContain('runs 0 and 2 share tool "Vigil" and category "vigil/aws-123456789012"');
    // Same category, different run ids: GitHub keys analyses on the category.
    const cat = inputError(() =>
      checkSarif(
        sarifWith((d) => {
          d.runs[0].automationDetails.id = 'cloud/run-1';
          d.runs[1].automationDetails.id = 'cloud/run-2';
        }),
        'f',
      ),
    );
    expect(cat.message).toContain('category "cloud"');
    // No automationDetails at all on two runs: both have no category.
    expect(
      inputError(() =>
        checkSarif(
          sarifWith((d) => d.runs.forEach((r) => delete r.automationDetails)),
          'f',
        ),
      ).message,
    ).toContain('category "(none)"');
    // The same ids under different tools are fine.
    expect(() =>
      checkSarif(
        sarifWith((d) => (d.runs[1].automationDetails.id = d.runs[0].automationDetails.id) && (d.runs[1].tool.driver.name = 'Other')),
        'f',
      ),
    ).not.toThrow();
  });

  it('limits: runs per file, results per run, gzipped size', () => {
    const text = vigilSarif();
    expect(inputError(() => checkSarif(text, 'f', { ...CODE_SCANNING_LIMITS, maxRunsPerFile: 2 })).message).toBe('3 runs; GitHub accepts at most 2 per file');
    expect(inputError(() => checkSarif(text, 'f', { ...CODE_SCANNING_LIMITS, maxResultsPerRun: 1 })).message).toMatch(
      /^\d+ results; GitHub accepts at most 1 per run$/,
    );
    expect(inputError(() => checkSarif(text, 'f', { ...CODE_SCANNING_LIMITS, maxGzipBytes: 100 })).message).toMatch(
      /bytes gzipped; GitHub accepts at most 10 MB/,
    );
    expect(checkSarif(text, 'f', { ...CODE_SCANNING_LIMITS, warnGzipBytes: 100 }).warnings[0]).toContain("close to GitHub's 10 MB limit");
    // 21 runs with distinct categories: over the real limit.
    const many = sarifWith((d) => (d.runs = Array.from({ length: 21 }, (_, i) => ({ ...d.runs[0], automationDetails: { id: `c${i}/` } }))));
    expect(inputError(() => checkSarif(many, 'f')).message).toBe('21 runs; GitHub accepts at most 20 per file');
  });

  it('not JSON: names the line and column; wrong version and missing runs are named too', () => {
    const e = inputError(() => checkSarif('{\n  "version": "2.1.0",\n  runs: []\n}', 'broken.sarif'));
    expect([e.file, e.place]).toEqual(['broken.sarif', 'line 3, column 3']);
    expect(e.message).toContain('not valid JSON');
    expect(inputError(() => checkSarif('{"version":"2.0.0","runs":[]}', 'f')).place).toBe('$.version');
    expect(inputError(() => checkSarif('{"version":"2.1.0"}', 'f')).place).toBe('$.runs');
    expect(
      inputError(() =>
        checkSarif(
          sarifWith((d) => delete d.runs[0].results),
          'f',
        ),
      ).place,
    ).toBe('$.runs[0].results');
  });

  it('loadSarif: a missing file is an InputError naming it', async () => {
    await expect(loadSarif('/nonexistent/vigil.sarif')).rejects.toThrow(/cannot read SARIF file \(ENOENT\)/);
  });

  it('the same tool and category in two files is refused (the second upload would replace the first)', () => {
    const a = checkSarif(vigilSarif(), 'a.sarif');
    const b = checkSarif(vigilSarif(), 'b.sarif');
    const e = inputError(() => checkDistinctAcrossFiles([a, b]));
    expect(e.file).toBe('b.sarif');
    expect(e.message).toContain('also in a.sarif');
  });
});

describe('resolveUploadSettings', () => {
  const env = {
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'octo-org/cloud-audit',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: SHA,
    GITHUB_API_URL: 'https://ghe.example.com/api/v3',
  };

  it('takes the GitHub Actions environment as defaults; flags win', () => {
    expect(resolveUploadSettings({}, env, '/w')).toEqual({
      owner: 'octo-org',
      repo: 'cloud-audit',
      ref: 'refs/heads/main',
      commitSha: SHA,
      apiUrl: 'https://ghe.example.com/api/v3',
      token: TOKEN,
    });
    const s = resolveUploadSettings(
      { repo: 'a/b', ref: 'refs/pull/7/merge', commit: 'b'.repeat(40), apiUrl: 'http://127.0.0.1:1', checkoutUri: true },
      { ...env, GITHUB_WORKSPACE: '/home/runner/work/b b' },
      '/w',
    );
    expect([s.owner, s.repo, s.ref, s.commitSha, s.apiUrl, s.checkoutUri]).toEqual([
      'a',
      'b',
      'refs/pull/7/merge',
      'b'.repeat(40),
      'http://127.0.0.1:1',
      'file:///home/runner/work/b%20b/',
    ]);
    expect(resolveUploadSettings({}, { ...env, GITHUB_TOKEN: '', GH_TOKEN: 'gho_x' }, '/w').token).toBe('gho_x');
  });

  it('bad or missing values are InputErrors naming the flag', () => {
    expect(inputError(() => resolveUploadSettings({ repo: 'nope' }, env, '/w')).place).toBe('--repo');
    expect(inputError(() => resolveUploadSettings({ repo: 'o/..' }, env, '/w')).place).toBe('--repo');
    expect(inputError(() => resolveUploadSettings({ ref: 'main' }, env, '/w')).place).toBe('--ref');
    expect(inputError(() => resolveUploadSettings({ commit: 'abc123' }, env, '/w')).place).toBe('--commit');
    expect(inputError(() => resolveUploadSettings({}, { ...env, GITHUB_SHA: undefined }, '/w')).place).toBe('--commit');
    expect(inputError(() => resolveUploadSettings({ checkoutUri: 'relative/dir' }, env, '/w')).place).toBe('--checkout-uri');
    const tok = inputError(() => resolveUploadSettings({}, { ...env, GITHUB_TOKEN: undefined }, '/w'));
    expect([tok.place, tok.fix]).toEqual(['GITHUB_TOKEN', expect.stringContaining('security-events: write')]);
    expect(resolveUploadSettings({}, { ...env, GITHUB_TOKEN: undefined }, '/w', false).token).toBe('');
  });

  it('the token never goes over plain HTTP to anything but loopback', () => {
    expect(() => new GitHubClient({ apiUrl: 'http://api.example.com', token: TOKEN })).toThrow(/must use https/);
    expect(() => new GitHubClient({ apiUrl: 'https://user:pw@api.github.com', token: TOKEN })).toThrow(/credentials/);
    expect(() => new GitHubClient({ apiUrl: 'not a url', token: TOKEN })).toThrow(InputError);
    expect(new GitHubClient({ apiUrl: 'https://ghe.example.com/api/v3', token: TOKEN }).url('/repos/o/r').href).toBe(
      'https://ghe.example.com/api/v3/repos/o/r',
    );
  });
});

describe('upload against a fake GitHub API on 127.0.0.1', () => {
  let gh: FakeGitHub;
  let dir: string;
  let file: string;
  const settings = (): UploadSettings => ({ owner: 'octo-org', repo: 'cloud-audit', ref: 'refs/heads/main', commitSha: SHA, apiUrl: gh.url, token: TOKEN });
  const client = (extra: Partial<ConstructorParameters<typeof GitHubClient>[0]> = {}) =>
    new GitHubClient({ apiUrl: gh.url, token: TOKEN, baseDelayMs: 5, ...extra });
  const fast = { pollIntervalMs: 10, deadline: Date.now() + 30_000 };

  beforeAll(async () => {
    gh = await new FakeGitHub().start();
    dir = mkdtempSync(join(tmpdir(), 'vigil-gh-'));
    file = join(dir, 'vigil.sarif');
    writeFileSync(file, vigilSarif());
  });
  afterAll(() => gh.stop());
  beforeEach(() => gh.reset());

  it('POSTs the gzipped, base64 SARIF with the bearer token and API headers; 202 gives the id', async () => {
    gh.on('POST', SARIFS, { status: 202, body: { id: 'sarif-1', url: `${gh.url}/repos/octo-org/cloud-audit/code-scanning/sarifs/sarif-1` } });
    const sarif = await loadSarif(file);
    const receipt = await uploadSarif(client(), { ...settings(), checkoutUri: 'file:///w/' }, sarif);
    expect(receipt).toEqual({ id: 'sarif-1', url: `${gh.url}/repos/octo-org/cloud-audit/code-scanning/sarifs/sarif-1` });
    expect(gh.requests).toHaveLength(1);
    const req = gh.requests[0]!;
    expect([req.method, req.path]).toEqual(['POST', '/repos/octo-org/cloud-audit/code-scanning/sarifs']);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers.accept).toBe('application/vnd.github+json');
    expect(req.headers['x-github-api-version']).toBe('2022-11-28');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toMatch(/^vigil\//);
    const body = JSON.parse(req.body);
    expect(Object.keys(body).sort()).toEqual(['checkout_uri', 'commit_sha', 'ref', 'sarif', 'started_at', 'tool_name', 'validate']);
    expect(body).toMatchObject({
      commit_sha: SHA,
      ref: 'refs/heads/main',
      checkout_uri: 'file:///w/',
      started_at: '2026-01-01T00:00:00.000Z',
      tool_name: 'Vigil',
      validate: true,
    });
    expect(gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8')).toBe(vigilSarif());
  });

  it('--wait: polls pending → pending → complete', async () => {
    gh.on(
      'GET',
      STATUS,
      { status: 200, body: { processing_status: 'pending' } },
      { status: 200, body: { processing_status: 'pending' } },
      { status: 200, body: { processing_status: 'complete', analyses_url: `${gh.url}/analyses?sarif_id=s2` } },
    );
    const seen: string[] = [];
    const st = await waitForProcessing(client(), settings(), 's2', { ...fast, onPoll: (s) => seen.push(s?.processingStatus ?? 'none') });
    expect(st).toEqual({ processingStatus: 'complete', analysesUrl: `${gh.url}/analyses?sarif_id=s2`, errors: [], timedOut: false });
    expect(seen).toEqual(['pending', 'pending', 'complete']);
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('GET /repos/octo-org/cloud-audit/code-scanning/sarifs/s2'));
    expect(gh.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('--wait: a 404 right after the upload means "not visible yet", then the status comes', async () => {
    gh.on('GET', STATUS, { status: 404, body: { message: 'Not Found' } }, { status: 200, body: { processing_status: 'complete' } });
    const st = await waitForProcessing(client(), settings(), 's3', fast);
    expect([st.processingStatus, gh.requests.length]).toEqual(['complete', 2]);
  });

  it('--wait: failed processing returns GitHub errors, control characters and the token removed', async () => {
    gh.on('GET', STATUS, {
      status: 200,
      body: { processing_status: 'failed', errors: ['locationFromSarifResult: expected artifact location', `token ${TOKEN} \u001b[31mred`] },
    });
    const st = await waitForProcessing(client(), settings(), 's4', fast);
    expect(st.processingStatus).toBe('failed');
    expect(st.errors).toEqual(['locationFromSarifResult: expected artifact location', 'token *** [31mred']);
  });

  it('--wait: gives up at the deadline with timedOut', async () => {
    gh.on('GET', STATUS, { status: 200, body: { processing_status: 'pending' } });
    const st = await waitForProcessing(client(), settings(), 's5', { pollIntervalMs: 20, deadline: Date.now() + 120 });
    expect([st.processingStatus, st.timedOut]).toEqual(['pending', true]);
    expect(gh.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('403: explains the security_events scope / security-events: write, and never shows the token', async () => {
    gh.on('POST', SARIFS, {
      status: 403,
      body: { message: `Resource not accessible by integration (token ${TOKEN})`, documentation_url: 'https://docs.github.com/rest' },
    });
    const err = await uploadSarif(client(), settings(), await loadSarif(file)).catch((e) => e);
    expect(err).toBeInstanceOf(GitHubError);
    expect(err.status).toBe(403);
    expect(err.message).toContain('`security_events` scope');
    expect(err.message).toContain('security-events: write');
    expect(err.message).toContain('Resource not accessible by integration (token ***)');
    expect(err.message).not.toContain(TOKEN);
    expect(gh.requests).toHaveLength(1); // a permission error is not retried
  });

  it('400 / 404 / 413 / 422 each get their own explanation', async () => {
    const sarif = await loadSarif(file);
    const msg = async (status: number, message: string) => {
      gh.on('POST', SARIFS, { status, body: { message } });
      return ((await uploadSarif(client(), settings(), sarif).catch((e) => e)) as GitHubError).message;
    };
    expect(await msg(400, 'Invalid request')).toMatch(/rejected the SARIF as invalid \(400\).*Invalid request/);
    expect(await msg(404, 'Not Found')).toContain('octo-org/cloud-audit does not exist, or the token cannot see it');
    expect(await msg(413, 'Payload too large')).toMatch(/too large \(413\): \d+ bytes gzipped/);
    expect(await msg(422, 'No commit found for SHA')).toContain(`--commit (${SHA})`);
    expect(await msg(401, 'Bad credentials')).toContain('invalid or expired');
  });

  it('retries a 502 with backoff, then succeeds', async () => {
    gh.on('POST', SARIFS, { status: 502, body: { message: 'Bad Gateway' } }, { status: 502, body: 'upstream' }, { status: 202, body: { id: 'sarif-r' } });
    const retries: string[] = [];
    const receipt = await uploadSarif(client({ onRetry: (r) => retries.push(r.reason) }), settings(), await loadSarif(file));
    expect(receipt.id).toBe('sarif-r');
    expect(retries).toEqual(['HTTP 502', 'HTTP 502']);
    expect(gh.requests).toHaveLength(3);
    expect(new Set(gh.requests.map((r) => r.body)).size).toBe(1); // the same payload each time
  });

  it('gives up after maxAttempts on a persistent 503 with a clear message', async () => {
    gh.on('POST', SARIFS, { status: 503, body: { message: 'Service Unavailable' } });
    const err = (await uploadSarif(client({ maxAttempts: 3 }), settings(), await loadSarif(file)).catch((e) => e)) as GitHubError;
    expect(err.message).toMatch(/GitHub failed \(HTTP 503\) on every attempt.*Service Unavailable/);
    expect(gh.requests).toHaveLength(3);
  });

  it('secondary rate limits: 429 and 403 with retry-after are waited out, not reported as permission errors', async () => {
    gh.on(
      'POST',
      SARIFS,
      { status: 429, headers: { 'retry-after': '0' }, body: { message: 'slow down' } },
      { status: 403, headers: { 'retry-after': '0' }, body: { message: 'You have exceeded a secondary rate limit' } },
      { status: 202, body: { id: 'sarif-rl' } },
    );
    const waits: number[] = [];
    const receipt = await uploadSarif(client({ onRetry: (r) => waits.push(r.waitMs) }), settings(), await loadSarif(file));
    expect([receipt.id, waits]).toEqual(['sarif-rl', [0, 0]]);
    // A rate limit whose wait would pass the deadline stops at once, saying so.
    gh.reset();
    gh.on('POST', SARIFS, {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) },
      body: { message: 'API rate limit exceeded' },
    });
    const err = (await uploadSarif(client({ deadline: Date.now() + 5_000 }), settings(), await loadSarif(file)).catch((e) => e)) as GitHubError;
    expect(err.message).toMatch(/rate limited \(HTTP 403\); the next retry would wait \d+ s, past the time limit/);
    expect(gh.requests).toHaveLength(1);
  });

  it('a request that hangs times out and is retried; the final error names the timeout', async () => {
    gh.on('POST', SARIFS, { status: 0, hang: true });
    const err = (await uploadSarif(client({ requestTimeoutMs: 150, maxAttempts: 2 }), settings(), await loadSarif(file)).catch((e) => e)) as GitHubError;
    expect(err).toBeInstanceOf(GitHubError);
    expect(err.message).toMatch(/network error \(timeout\) after 2 attempts/);
    expect(gh.requests).toHaveLength(2);
  });

  it('follows a same-origin 307 but never sends the token to another host', async () => {
    const other = await new FakeGitHub().start();
    try {
      other.on('POST', /.*/, { status: 202, body: { id: 'stolen' } });
      gh.on('POST', SARIFS, { status: 307, headers: { location: `${other.url}/upload` } });
      const err = (await uploadSarif(client(), settings(), await loadSarif(file)).catch((e) => e)) as GitHubError;
      expect(err.message).toContain('redirected');
      expect(other.requests).toHaveLength(0);
      gh.reset();
      gh.on('POST', SARIFS, { status: 307, headers: { location: '/repos/octo-org/cloud-audit/code-scanning/sarifs?moved=1' } });
      gh.on('POST', /\?moved=1$/, { status: 202, body: { id: 'moved' } });
      expect((await uploadSarif(client(), settings(), await loadSarif(file))).id).toBe('moved');
      expect(gh.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await other.stop();
    }
  });
});

describe('GitHubClient URL checks', () => {
  it('an API URL carrying the token is refused without printing it', () => {
    let msg = '';
    try {
      new GitHubClient({ apiUrl: `https://x-access-token:${TOKEN}@api.github.com`, token: TOKEN });
    } catch (e) {
      msg = (e as InputError).describe();
    }
    expect(msg).toContain('must not carry credentials');
    expect(msg).toContain('https://***@api.github.com');
    expect(msg).not.toContain(TOKEN);
  });
});
