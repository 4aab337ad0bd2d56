import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rules as tlsRules } from '../../policies/tls/index.js';
import { discoverAndProbeTls } from '../../src/cli/collection.js';
import { discoverTlsTargets as discoverTargets } from '../../src/cli/tls-discover.js';
import { formatTarget } from '../../src/collectors/tls/targets.js';

/** Targets in their string form, for compact assertions. */
const discoverTlsTargets = (...args: Parameters<typeof discoverTargets>) => discoverTargets(...args).map(formatTarget);
import { evaluate } from '../../src/engine/evaluate.js';
import { makeCertificate, type RunningServer, startTlsServer } from '../../src/testing/tls-servers.js';
import { defaultNacl, defaultRouteTable, entry, instance, nacl, perm, routeTable, sg } from '../support/aws-ec2.js';
import { snapshotOf } from '../support/rule-tester.js';
import { distribution, domain } from '../support/aws-edge.js';
import { listener, loadBalancer } from '../support/aws-elbv2.js';
import type { Resource } from '../../src/model/types.js';

// Addresses here are documentation ranges in a synthetic snapshot: nothing is contacted.
describe('discoverTlsTargets', () => {
  it('derives host:443 for running instances reachable from the internet on 443', () => {
    const snap = snapshotOf([
      sg('sg-web', [perm('tcp', 443, 443, '0.0.0.0/0')]),
      sg('sg-ssh', [perm('tcp', 22, 22, '0.0.0.0/0')]),
      defaultNacl(),
      defaultRouteTable(),
      instance('i-web', { publicIpAddress: '203.0.113.10', securityGroupIds: ['sg-web'] }),
      instance('i-ssh', { publicIpAddress: '203.0.113.11', securityGroupIds: ['sg-ssh'] }),
      instance('i-private', { publicIpAddress: null, securityGroupIds: ['sg-web'] }),
      instance('i-stopped', { state: 'stopped', publicIpAddress: '203.0.113.12', securityGroupIds: ['sg-web'] }),
    ]);
    expect(discoverTlsTargets(snap)).toEqual(['https://203.0.113.10:443']);
    expect(discoverTargets(snap)[0]!.origin).toBe('aws instance i-web (123456789012 us-east-1)');
  });

  it('honours the NACL and extra ports, and brackets IPv6 addresses', () => {
    const snap = snapshotOf([
      sg('sg-web', [perm('tcp', 8000, 9000, '0.0.0.0/0'), perm('tcp', 443, 443, '::/0')]),
      nacl('acl-1', [
        entry(100, 'deny', 'tcp', 443, 443, '0.0.0.0/0'),
        entry(200, 'allow', 'all', null, null, '0.0.0.0/0'),
        entry(300, 'allow', 'all', null, null, '::/0'),
      ]),
      defaultRouteTable(),
      instance('i-1', { publicIpAddress: '203.0.113.20', ipv6Addresses: ['2001:db8::20'], securityGroupIds: ['sg-web'] }),
    ]);
    expect(discoverTlsTargets(snap, [443, 8443]).sort()).toEqual(['203.0.113.20:8443', 'https://[2001:db8::20]:443']);
  });

  it('skips an instance whose subnet has no route to an internet gateway', () => {
    const snap = snapshotOf([
      sg('sg-web', [perm('tcp', 443, 443, '0.0.0.0/0')]),
      defaultNacl('acl-1', ['subnet-1', 'subnet-2']),
      defaultRouteTable(),
      routeTable('rtb-private', [], { subnetIds: ['subnet-2'] }),
      instance('i-public', { publicIpAddress: '203.0.113.30', securityGroupIds: ['sg-web'] }),
      instance('i-private', { publicIpAddress: '203.0.113.31', securityGroupIds: ['sg-web'], subnetId: 'subnet-2' }),
    ]);
    expect(discoverTlsTargets(snap)).toEqual(['https://203.0.113.30:443']);
  });
});

describe('discoverTlsTargets: targets already requested', () => {
  const snap = snapshotOf([
    sg('sg-web', [perm('tcp', 443, 443, '0.0.0.0/0'), perm('tcp', 8443, 8443, '0.0.0.0/0')]),
    defaultNacl(),
    defaultRouteTable(),
    instance('i-web', { publicIpAddress: '203.0.113.10', securityGroupIds: ['sg-web'] }),
  ]);

  it('leaves out a target given in another spelling (same endpoint id), not only the same string', () => {
    expect(discoverTlsTargets(snap, [443, 8443]).sort()).toEqual(['203.0.113.10:8443', 'https://203.0.113.10:443']);
    expect(discoverTlsTargets(snap, [443, 8443], ['203.0.113.10:443', 'tls://203.0.113.10:8443'])).toEqual([]);
    expect(discoverTlsTargets(snap, [443], ['203.0.113.10:443@www.example.test'])).toEqual(['https://203.0.113.10:443']);
  });
});

// End to end on loopback: an instance whose "public" address is 127.0.0.1, behind a group open on the port a
// local TLS server listens on. Discovery, the probe and the merge into the snapshot, then the tls rules.
describe('discoverAndProbeTls (audit --tls-discover) against a local TLS server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTlsServer({ chain: [makeCertificate({ commonName: 'localhost', altNames: ['127.0.0.1'] })], minVersion: 'TLSv1.2' });
  });
  afterAll(async () => {
    await server.stop();
  });
  const account = () =>
    snapshotOf([
      sg('sg-app', [perm('tcp', server.port, server.port, '0.0.0.0/0')]),
      defaultNacl(),
      defaultRouteTable(),
      instance('i-app', { publicIpAddress: '127.0.0.1', securityGroupIds: ['sg-app'] }),
    ]);

  it('probes the exposed instance and adds its tls.endpoint to the snapshot; the rules evaluate it', async () => {
    const snapshot = account();
    const merged = await discoverAndProbeTls(snapshot, [server.port], { tls: { targets: [], connectTimeoutMs: 2000, handshakeTimeoutMs: 2000 } });
    expect(merged.resources.slice(0, snapshot.resources.length)).toEqual(snapshot.resources);
    const endpoints = merged.resources.filter((r) => r.ref.type === 'tls.endpoint');
    expect(endpoints.map((r) => r.ref.id)).toEqual([server.target]);
    expect(endpoints[0]!.data).toMatchObject({ protocols: { tls1_2: true, tls1_3: true }, https: false });
    expect(merged.stats?.apiCalls?.['tls:handshake']).toBeGreaterThan(0);
    const findings = evaluate(
      merged,
      tlsRules.map((r) => ({ ...r, pack: 'tls' })),
    ).findings;
    expect(findings.find((f) => f.ruleId === 'tls-1-3-not-supported' && f.resource.id === server.target)?.status).toBe('pass');
    expect(findings.find((f) => f.ruleId === 'tls-cert-untrusted' && f.resource.id === server.target)).toMatchObject({
      status: 'fail',
      messageId: 'selfSigned',
    });
  }, 30_000);

  it('does not scan again an endpoint already given with --tls, whatever its spelling', async () => {
    const merged = await discoverAndProbeTls(account(), [server.port], { tls: { targets: [`tls://${server.target}`] } });
    expect(merged.resources.filter((r) => r.ref.type === 'tls.endpoint')).toEqual([]);
  });
});

// Load balancers, CloudFront and API Gateway: their host names are in the snapshot, so they are offered too.
describe('discoverTlsTargets: AWS entry points by host name', () => {
  const withData = (r: Resource, data: Record<string, unknown>): Resource => ({ ...r, data: { ...(r.data as object), ...data } });
  const snap = () =>
    snapshotOf([
      loadBalancer('web-alb', { dnsName: 'web-alb-1.us-east-1.elb.amazonaws.com' }),
      listener('web-alb', 443, 'HTTPS'),
      listener('web-alb', 80, 'HTTP'),
      loadBalancer('tls-nlb', { type: 'network', dnsName: 'tls-nlb-1.elb.us-east-1.amazonaws.com' }),
      listener('tls-nlb', 8443, 'TLS', { loadBalancerType: 'network' }),
      loadBalancer('int-alb', { scheme: 'internal', dnsName: 'internal-int-alb-1.us-east-1.elb.amazonaws.com' }),
      listener('int-alb', 443, 'HTTPS', { scheme: 'internal' }),
      distribution({ id: 'E1ALIAS', alias: 'cdn.example.com' }),
      distribution({ id: 'E2PLAIN' }),
      withData(distribution({ id: 'E3OFF' }), { enabled: false }),
      withData(domain('api.example.com', { rest: 'TLS_1_2' }), { regionalDomainName: 'd-abc123.execute-api.us-east-1.amazonaws.com' }),
      domain('nowhere.example.com', { v2: ['TLS_1_2'] }),
    ]);

  it('offers internet-facing HTTPS/TLS listeners, enabled distributions (alias as SNI) and custom domains (as SNI)', () => {
    expect(discoverTlsTargets(snap()).sort()).toEqual([
      'https://d-abc123.execute-api.us-east-1.amazonaws.com:443@api.example.com',
      'https://e1alias.cloudfront.net:443@cdn.example.com',
      'https://e2plain.cloudfront.net:443',
      'https://web-alb-1.us-east-1.elb.amazonaws.com:443',
      'tls://tls-nlb-1.elb.us-east-1.amazonaws.com:8443',
    ]);
    const origins = discoverTargets(snap()).map((t) => t.origin);
    expect(origins).toEqual(
      expect.arrayContaining([
        'aws elbv2 listener web-alb:443 (123456789012 us-east-1)',
        'aws cloudfront distribution E1ALIAS (123456789012)',
        'aws api gateway domain api.example.com (123456789012 us-east-1)',
      ]),
    );
  });

  it('a target already given (in another spelling) is not offered again', () => {
    const found = discoverTlsTargets(snap(), [443], ['e2plain.cloudfront.net:443', 'tls://web-alb-1.us-east-1.elb.amazonaws.com:443']);
    expect(found).toHaveLength(3);
    expect(found.some((t) => t.includes('e2plain') || t.includes('web-alb'))).toBe(false);
  });
});
