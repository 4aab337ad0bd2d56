/**
 * The shared AWS client configuration (src/collectors/aws/context.ts) against a real HTTP server on
 * 127.0.0.1: with an endpoint override every request reaches the override's host, including S3 Control,
 * whose endpoint rules put the account id in front of the host; and the SDK's error shapes are classified.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { classifyAwsError, createAwsContext, createClient } from '../../../src/collectors/aws/context.js';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
let server: Server;
let endpoint: string;
const seen: { host?: string; path?: string; accountHeader?: string }[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ host: req.headers.host, path: req.url, accountHeader: req.headers['x-amz-account-id'] as string | undefined });
    req.resume();
    req.on('end', () => {
      if (req.url?.startsWith('/v20180820/configuration/publicAccessBlock')) {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end('<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls></PublicAccessBlockConfiguration>');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"Version":"2012-10-17","Statement":[]}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('endpoint override: requests stay on the override host', () => {
  it('S3 Control (host prefix {AccountId}. in its endpoint rules), through the collection context', async () => {
    seen.length = 0;
    const run = createAwsContext('123456789012', 'aws', { endpointUrl: endpoint, maxAttempts: 1 });
    const client = run.ctx.client(S3ControlClient, 'us-east-1');
    (client.config as { credentials: unknown }).credentials = async () => credentials;
    const out = await client.send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }));
    run.destroy();
    expect(out.PublicAccessBlockConfiguration?.BlockPublicAcls).toBe(true);
    expect(seen).toEqual([{ host: new URL(endpoint).host, path: '/v20180820/configuration/publicAccessBlock', accountHeader: '123456789012' }]);
    expect(run.apiCalls).toEqual({ 's3control:GetPublicAccessBlock': 1 });
  });

  it('S3 keeps its path-style bucket in the path', async () => {
    seen.length = 0;
    const s3 = createClient(S3Client, 'eu-west-1', { endpointUrl: endpoint, maxAttempts: 1 }, { credentials });
    await s3.send(new GetBucketPolicyCommand({ Bucket: 'my-bucket' }));
    s3.destroy();
    expect(seen.map((r) => [r.host, r.path?.split('?')[0]])).toEqual([[new URL(endpoint).host, '/my-bucket/']]);
  });

  it('without an override the endpoint rules are left alone', () => {
    const plain = createClient(S3ControlClient, 'us-east-1', {}, { credentials });
    const pinned = createClient(S3ControlClient, 'us-east-1', { endpointUrl: endpoint }, { credentials });
    const resolve = (c: S3ControlClient) => (c.config as unknown as { endpointProvider: (p: Record<string, unknown>) => { url: URL } }).endpointProvider;
    expect(resolve(plain)({ Region: 'us-east-1', AccountId: '123456789012', RequiresAccountId: true, UseFIPS: false, UseDualStack: false }).url.host).toBe(
      '123456789012.s3-control.us-east-1.amazonaws.com',
    );
    expect(
      resolve(pinned)({ Region: 'us-east-1', AccountId: '123456789012', RequiresAccountId: true, UseFIPS: false, UseDualStack: false, Endpoint: endpoint }).url
        .host,
    ).toBe(new URL(endpoint).host);
    plain.destroy();
    pinned.destroy();
  });
});

describe('classifyAwsError', () => {
  it('a connection reset the SDK named TimeoutError is unreachable', () => {
    expect(classifyAwsError(Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' }))).toMatchObject({
      status: 'unreachable',
      code: 'ECONNRESET',
    });
  });

  it('a real timeout stays a timeout', () => {
    expect(classifyAwsError(Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError', code: 'ETIMEDOUT' }))).toMatchObject({ status: 'timeout' });
  });

  it("reads the name and code back from the retry middleware's wrapper text", () => {
    expect(classifyAwsError(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'))).toMatchObject({
      status: 'unreachable',
      code: 'ECONNREFUSED',
      message: 'connect ECONNREFUSED 127.0.0.1:9',
    });
    expect(classifyAwsError(new Error('AWS SDK error wrapper for TimeoutError: socket hang up'))).toMatchObject({ status: 'unreachable', code: 'ECONNRESET' });
    expect(classifyAwsError(new Error('AWS SDK error wrapper for TimeoutError: Connection timed out after 5000 ms'))).toMatchObject({
      status: 'timeout',
      code: 'TimeoutError',
    });
  });

  it('service errors are classified as before', () => {
    expect(classifyAwsError(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } }))).toMatchObject({
      status: 'denied',
      code: 'UnauthorizedOperation',
    });
    expect(classifyAwsError(Object.assign(new Error('slow down'), { name: 'RequestLimitExceeded' }))).toMatchObject({ status: 'throttled' });
  });
});

describe('an answer the SDK cannot parse', () => {
  it('is named UnparseableResponse with the HTTP status, not the parser’s SyntaxError', async () => {
    const { LambdaClient, ListFunctionUrlConfigsCommand } = await import('@aws-sdk/client-lambda');
    // What moto_server answers for a call it does not implement: an HTML 404 page.
    const html = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><title>404 Not Found</title><h1>Not Found</h1>');
      });
    });
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
      const client = createClient(LambdaClient, 'us-east-1', { endpointUrl: url, maxAttempts: 1 }, { credentials });
      const err = await client.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'f' })).catch((e: unknown) => e);
      expect(classifyAwsError(err)).toEqual({
        status: 'error',
        code: 'UnparseableResponse',
        message: 'the endpoint answered HTTP 404 with a body that is not an AWS API response (text/html); the endpoint does not implement this call',
      });
    } finally {
      await new Promise((r) => html.close(r));
    }
  });
});
