/**
 * Seeds the AWS entry points for the demo and the edge integration test (CloudFront, ACM, API Gateway): each
 * problem next to a look-alike that is fine.
 *
 * ACM, in every given region (certificates generated here, imported with ImportCertificate):
 * - `expired.demo.example`, in use: valid for a few seconds only (ACM, like moto, refuses to import an expired
 *   certificate), so it has expired when the seed returns; `idle-expired.demo.example` the same, not in use.
 * - `expiring.demo.example` (10 days left), `weak.demo.example` (RSA 1024), both in use.
 * - `good.demo.example` (RSA 2048, 200 days) in use, `idle-good.demo.example` (ECDSA P-256) not in use: fine.
 *   "In use" = attached to a classic load balancer listener (`edge-clb`), which moto records in `InUseBy`.
 * API Gateway, in every given region:
 * - custom domains `legacy-api.demo.example` (REST, TLS_1_0) and `legacy-http.demo.example` (HTTP API, TLS_1_0);
 *   look-alikes `api.demo.example` and `http.demo.example` with TLS_1_2.
 * - REST API `orders`: stage `prod` with access logs, `dev` without; HTTP API `events`: `prod` with, `$default` without.
 * CloudFront (global, seeded once):
 * - `legacy-cdn.demo.example`: a default behaviour allowing HTTP, minimum protocol TLSv1_2016, an origin over
 *   plain HTTP and one offering TLS 1.0/1.1, no logging.
 * - `cdn.demo.example`: redirect-to-https / https-only behaviours, TLSv1.2_2021, an HTTPS-only TLS 1.2 origin
 *   and an S3 origin (which follows the viewer's protocol: HTTPS here), logging to S3.
 */
import { ImportCertificateCommand } from '@aws-sdk/client-acm';
import {
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateDomainNameCommand as CreateV2DomainNameCommand,
  CreateStageCommand as CreateV2StageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateDistributionCommand, type DistributionConfig } from '@aws-sdk/client-cloudfront';
import { CreateLoadBalancerCommand, CreateLoadBalancerListenersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { awsClients } from '../../src/testing/aws-clients.js';
import { generateKey, makeCertificate } from '../../src/testing/tls-servers.js';

const DAY = 86_400_000;
/** How long the "expired" certificates are valid after import. */
const SHORT_LIFE_MS = 4000;

export interface EdgeSeed {
  /** Certificate ARNs by domain name, per region. */
  certificates: Record<string, Record<string, string>>;
  /** CloudFront distribution ids by first alias. */
  distributions: Record<string, string>;
}

function distribution(ref: string, alias: string, certArn: string, over: Partial<DistributionConfig>): DistributionConfig {
  return {
    CallerReference: ref,
    Comment: ref,
    Enabled: true,
    Aliases: { Quantity: 1, Items: [alias] },
    ViewerCertificate: {
      CloudFrontDefaultCertificate: false,
      ACMCertificateArn: certArn,
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    },
    Origins: { Quantity: 0, Items: [] },
    DefaultCacheBehavior: { TargetOriginId: 'web', ViewerProtocolPolicy: 'redirect-to-https', MinTTL: 0 },
    ...over,
  } as DistributionConfig;
}

const customOrigin = (Id: string, DomainName: string, OriginProtocolPolicy: 'http-only' | 'https-only' | 'match-viewer', protocols: string[]) => ({
  Id,
  DomainName,
  CustomOriginConfig: {
    HTTPPort: 80,
    HTTPSPort: 443,
    OriginProtocolPolicy,
    OriginSslProtocols: { Quantity: protocols.length, Items: protocols as Array<'TLSv1.2'> },
  },
});

export async function seedAwsEdge(endpoint: string, regions: string[]): Promise<EdgeSeed> {
  const seed: EdgeSeed = { certificates: {}, distributions: {} };
  const expireBy: number[] = [];
  for (const region of regions) {
    const clients = awsClients(endpoint, region);
    try {
      const { acm, elb, apigateway, apigatewayv2 } = clients;
      const certs: Record<string, string> = {};
      const importCert = async (name: string, key: 'rsa2048' | 'rsa1024' | 'ec256', notAfter: Date) => {
        const c = makeCertificate({ commonName: name, altNames: [name], key, notBefore: new Date(Date.now() - DAY), notAfter });
        const arn = (await acm.send(new ImportCertificateCommand({ Certificate: Buffer.from(c.pem), PrivateKey: Buffer.from(c.key.pem) }))).CertificateArn!;
        certs[name] = arn;
        return arn;
      };

      for (const k of ['rsa2048', 'rsa1024', 'ec256'] as const) generateKey(k); // before any certificate's clock starts
      // A loaded machine can take longer than the short life to answer: retried with a longer one (bounded).
      const importShortLived = async (name: string) => {
        for (let life = SHORT_LIFE_MS; ; life *= 2) {
          const at = new Date(Date.now() + life);
          try {
            const arn = await importCert(name, 'rsa2048', at);
            expireBy.push(at.getTime());
            return arn;
          } catch (err) {
            if (life >= 4 * SHORT_LIFE_MS || !/expired/i.test(String((err as Error).message))) throw err;
          }
        }
      };
      const listener = (port: number, arn: string) => ({
        Protocol: 'HTTPS',
        LoadBalancerPort: port,
        InstanceProtocol: 'HTTP',
        InstancePort: 8080,
        SSLCertificateId: arn,
      });
      const expired = await importShortLived('expired.demo.example');
      // Attached at once, while still valid: a listener refuses an expired certificate.
      await elb.send(new CreateLoadBalancerCommand({ LoadBalancerName: 'edge-clb', AvailabilityZones: [`${region}a`], Listeners: [listener(443, expired)] }));
      await importShortLived('idle-expired.demo.example');
      const inUse = [await importCert('expiring.demo.example', 'rsa2048', new Date(Date.now() + 10 * DAY))];
      inUse.push(await importCert('weak.demo.example', 'rsa1024', new Date(Date.now() + 200 * DAY)));
      const good = await importCert('good.demo.example', 'rsa2048', new Date(Date.now() + 200 * DAY));
      inUse.push(good);
      await importCert('idle-good.demo.example', 'ec256', new Date(Date.now() + 200 * DAY));
      await elb.send(new CreateLoadBalancerListenersCommand({ LoadBalancerName: 'edge-clb', Listeners: inUse.map((arn, i) => listener(8443 + i, arn)) }));
      seed.certificates[region] = certs;

      // API Gateway custom domains: REST (v1) and HTTP (v2), each with TLS 1.0 and a TLS 1.2 look-alike.
      for (const [name, policy] of [
        ['legacy-api.demo.example', 'TLS_1_0'],
        ['api.demo.example', 'TLS_1_2'],
      ] as const)
        await apigateway.send(
          new CreateDomainNameCommand({
            domainName: name,
            regionalCertificateArn: good,
            endpointConfiguration: { types: ['REGIONAL'] },
            securityPolicy: policy,
          }),
        );
      for (const [name, policy] of [
        ['legacy-http.demo.example', 'TLS_1_0'],
        ['http.demo.example', 'TLS_1_2'],
      ] as const)
        await apigatewayv2.send(
          new CreateV2DomainNameCommand({
            DomainName: name,
            DomainNameConfigurations: [{ CertificateArn: good, EndpointType: 'REGIONAL', SecurityPolicy: policy }],
          }),
        );

      // Stages with and without access logs.
      const logGroup = (n: string) => `arn:aws:logs:${region}:123456789012:log-group:/aws/apigateway/${n}`;
      const restApi = (await apigateway.send(new CreateRestApiCommand({ name: 'orders', endpointConfiguration: { types: ['REGIONAL'] } }))).id!;
      const root = (await apigateway.send(new GetResourcesCommand({ restApiId: restApi }))).items!.find((r) => r.path === '/')!.id!;
      await apigateway.send(new PutMethodCommand({ restApiId: restApi, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
      await apigateway.send(new PutIntegrationCommand({ restApiId: restApi, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
      const deployment = (await apigateway.send(new CreateDeploymentCommand({ restApiId: restApi }))).id!;
      for (const stageName of ['prod', 'dev']) await apigateway.send(new CreateStageCommand({ restApiId: restApi, stageName, deploymentId: deployment }));
      await apigateway.send(
        new UpdateStageCommand({
          restApiId: restApi,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/accessLogSettings/destinationArn', value: logGroup('orders') },
            { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' },
          ],
        }),
      );
      const httpApi = (await apigatewayv2.send(new CreateApiCommand({ Name: 'events', ProtocolType: 'HTTP' }))).ApiId!;
      await apigatewayv2.send(
        new CreateV2StageCommand({
          ApiId: httpApi,
          StageName: 'prod',
          AccessLogSettings: { DestinationArn: logGroup('events'), Format: '$context.requestId' },
        }),
      );
      await apigatewayv2.send(new CreateV2StageCommand({ ApiId: httpApi, StageName: '$default' }));

      if (region === regions[0]) {
        const { cloudfront } = clients;
        const create = async (alias: string, config: DistributionConfig) => {
          seed.distributions[alias] = (await cloudfront.send(new CreateDistributionCommand({ DistributionConfig: config }))).Distribution!.Id!;
        };
        await create(
          'legacy-cdn.demo.example',
          distribution('legacy-cdn', 'legacy-cdn.demo.example', good, {
            ViewerCertificate: {
              CloudFrontDefaultCertificate: false,
              ACMCertificateArn: good,
              SSLSupportMethod: 'sni-only',
              MinimumProtocolVersion: 'TLSv1_2016',
            },
            Origins: {
              Quantity: 2,
              Items: [
                customOrigin('web', 'legacy-origin.demo.example', 'http-only', ['TLSv1.2']),
                customOrigin('api', 'legacy-api-origin.demo.example', 'https-only', ['TLSv1', 'TLSv1.1', 'TLSv1.2']),
              ],
            },
            DefaultCacheBehavior: { TargetOriginId: 'web', ViewerProtocolPolicy: 'allow-all', MinTTL: 0 },
            CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/api/*', TargetOriginId: 'api', ViewerProtocolPolicy: 'https-only', MinTTL: 0 }] },
            Logging: { Enabled: false, IncludeCookies: false, Bucket: '', Prefix: '' },
          }),
        );
        await create(
          'cdn.demo.example',
          distribution('modern-cdn', 'cdn.demo.example', good, {
            Origins: {
              Quantity: 2,
              Items: [
                customOrigin('web', 'origin.demo.example', 'https-only', ['TLSv1.2']),
                { Id: 'assets', DomainName: 'demo-assets.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } },
              ],
            },
            DefaultCacheBehavior: { TargetOriginId: 'web', ViewerProtocolPolicy: 'redirect-to-https', MinTTL: 0 },
            CacheBehaviors: {
              Quantity: 1,
              Items: [{ PathPattern: '/assets/*', TargetOriginId: 'assets', ViewerProtocolPolicy: 'https-only', MinTTL: 0 }],
            },
            Logging: { Enabled: true, IncludeCookies: false, Bucket: 'demo-cdn-logs.s3.amazonaws.com', Prefix: 'cdn/' },
          }),
        );
      }
    } finally {
      clients.destroy();
    }
  }
  // The short-lived certificates must have expired before anyone collects (bounded: a few seconds at most).
  const wait = Math.max(...expireBy) + 1000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 4 * SHORT_LIFE_MS + 1000)));
  return seed;
}
