// GCP credentials a live collection signs with are registered with the run's redactor: tokens the moment
// google-auth-library mints them (a real token exchange against a local STS server), and the long-lived
// secrets of the credential as soon as the client is resolved.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactingGoogleAuth } from '../../../src/collectors/gcp/auth.js';
import { createAssetClient } from '../../../src/collectors/gcp/live.js';
import { REDACTED, runSecrets } from '../../../src/model/redaction.js';

const ACCESS_TOKEN = 'ya29.minted-by-the-local-sts-0123456789abcdef';
/** What the local STS answers with. */
let minted = ACCESS_TOKEN;
let server: Server;
let tokenUrl: string;
let dir: string;
const exchanges: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-gcp-auth-'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      exchanges.push(`${req.method} ${req.url} ${body}`);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          access_token: minted,
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/token`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** A workload identity federation credential (what a CI provider's OIDC token is exchanged with). */
const federation = (subjectTokenFile: string) => ({
  type: 'external_account',
  audience: '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/pool/providers/ci',
  subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  token_url: tokenUrl,
  // Where the client would look up the project: the local server too (tests reach only 127.0.0.1).
  cloud_resource_manager_url: tokenUrl.replace('/v1/token', '/v1/projects/'),
  credential_source: { file: subjectTokenFile },
});

describe('GCP credentials are redacted from what the run stores and prints', () => {
  it('registers an access token when workload identity federation mints it', async () => {
    const subjectToken = join(dir, 'subject-token');
    writeFileSync(subjectToken, 'oidc-subject-token-from-the-ci-provider');
    const auth = await redactingGoogleAuth({
      credentials: federation(subjectToken) as never,
    });
    expect(runSecrets.leaks(ACCESS_TOKEN)).toBe(false);
    expect(await auth.getAccessToken()).toBe(ACCESS_TOKEN);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]).toContain('oidc-subject-token-from-the-ci-provider');
    expect(runSecrets.redact(`upstream said: Bearer ${ACCESS_TOKEN} is invalid`)).toBe(`upstream said: Bearer ${REDACTED} is invalid`);
  });

  it("registers an authorized user's refresh token and client secret when the client is resolved", async () => {
    const refreshToken = '1//refresh-token-of-a-gcloud-user-0123456789';
    const clientSecret = 'client-secret-of-the-oauth-app-42';
    const auth = await redactingGoogleAuth({
      credentials: { type: 'authorized_user', client_id: 'app.apps.googleusercontent.com', client_secret: clientSecret, refresh_token: refreshToken } as never,
    });
    await auth.getClient();
    expect(runSecrets.redact(`${refreshToken} ${clientSecret}`)).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('is the auth of the live Cloud Asset client when no endpoint is set (ADC from GOOGLE_APPLICATION_CREDENTIALS)', async () => {
    const subjectToken = join(dir, 'adc-subject-token');
    writeFileSync(subjectToken, 'another-oidc-subject-token');
    const adc = join(dir, 'adc.json');
    writeFileSync(adc, JSON.stringify({ ...federation(subjectToken), token_url: `${tokenUrl}?adc` }));
    const before = { GOOGLE_APPLICATION_CREDENTIALS: process.env.GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_CLOUD_PROJECT: process.env.GOOGLE_CLOUD_PROJECT };
    process.env.GOOGLE_APPLICATION_CREDENTIALS = adc;
    process.env.GOOGLE_CLOUD_PROJECT = 'test-project';
    try {
      const client = await createAssetClient();
      // The client's own auth mints the token (no Cloud Asset call is made): the redactor learns it.
      const auth = (client as unknown as { auth: { getAccessToken(): Promise<string | null> } }).auth;
      minted = `ya29.adc-token-${Date.now()}-abcdef`;
      expect(await auth.getAccessToken()).toBe(minted);
      expect(exchanges.at(-1)).toContain('?adc');
      expect(runSecrets.redact(minted)).toBe(REDACTED);
      await client.close();
    } finally {
      for (const [k, v] of Object.entries(before)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
