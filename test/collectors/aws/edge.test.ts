/**
 * The edge collectors' normalizers on AWS-shaped responses (as the API documents and returns them), for the cases
 * moto cannot produce: origin groups and VPC origins, a domain listed by both API Gateway APIs, a certificate whose
 * DescribeCertificate failed, a REST and an HTTP stage.
 */
import { describe, expect, it } from '@jest/globals';
import { certificateToModel } from '../../../src/collectors/aws/acm.js';
import { domainNamesToModel, stageToModel } from '../../../src/collectors/aws/apigateway.js';
import { distributionToModel, loggingToModel } from '../../../src/collectors/aws/cloudfront.js';

const scope = { account: '123456789012', partition: 'aws', region: 'eu-west-1' };

describe('CloudFront distributionToModel', () => {
  const summary = {
    Id: 'E1EXAMPLE',
    ARN: 'arn:aws:cloudfront::123456789012:distribution/E1EXAMPLE',
    Status: 'Deployed',
    DomainName: 'd111111abcdef8.cloudfront.net',
    Enabled: true,
    Aliases: { Quantity: 2, Items: ['www.example.com', 'example.com'] },
    Origins: {
      Quantity: 3,
      Items: [
        {
          Id: 'primary',
          DomainName: 'app.example.com',
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] } },
        },
        { Id: 'bucket', DomainName: 'b.s3.eu-west-1.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } },
        { Id: 'private', DomainName: 'internal.example.com', VpcOriginConfig: { VpcOriginId: 'vo_1' } },
      ],
    },
    OriginGroups: { Quantity: 1, Items: [{ Id: 'group', Members: { Quantity: 2, Items: [{ OriginId: 'primary' }, { OriginId: 'bucket' }] } }] },
    DefaultCacheBehavior: { TargetOriginId: 'group', ViewerProtocolPolicy: 'redirect-to-https' },
    CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/internal/*', TargetOriginId: 'private', ViewerProtocolPolicy: 'https-only' }] },
    ViewerCertificate: {
      ACMCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
      SSLSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    },
    WebACLId: '',
  };

  it('keeps every behaviour in order, every origin with its kind, origin groups, and the viewer certificate', () => {
    const r = distributionToModel(summary as never, loggingToModel({ Enabled: false, Bucket: '', Prefix: '', IncludeCookies: false }), scope);
    expect(r.ref).toMatchObject({ region: 'global', id: 'E1EXAMPLE', name: 'www.example.com', arn: summary.ARN });
    expect(r.data.behaviors).toEqual([
      { pathPattern: null, targetOriginId: 'group', viewerProtocolPolicy: 'redirect-to-https' },
      { pathPattern: '/internal/*', targetOriginId: 'private', viewerProtocolPolicy: 'https-only' },
    ]);
    expect(r.data.origins.map((o) => [o.id, o.kind, o.protocolPolicy, o.sslProtocols])).toEqual([
      ['primary', 'custom', 'https-only', ['TLSv1.2']],
      ['bucket', 's3', null, []],
      ['private', 'vpc', null, []],
    ]);
    expect(r.data.originGroups).toEqual([{ id: 'group', memberOriginIds: ['primary', 'bucket'] }]);
    expect(r.data.viewerCertificate).toEqual({
      cloudFrontDefaultCertificate: false,
      acmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
      iamCertificateId: null,
      minimumProtocolVersion: 'TLSv1.2_2021',
      sslSupportMethod: 'sni-only',
    });
    expect(r.data.logging).toEqual({ enabled: false, bucket: null, prefix: null, includeCookies: false });
    expect(r.data.webAclId).toBeNull();
  });

  it('logging that could not be read stays null, never "off"', () => {
    expect(distributionToModel(summary as never, null, scope).data.logging).toBeNull();
  });
});

describe('API Gateway domainNamesToModel', () => {
  it('merges a domain both APIs list into one resource with every policy either states', () => {
    const out = domainNamesToModel(
      [
        {
          domainName: 'api.example.com',
          securityPolicy: 'TLS_1_2',
          endpointConfiguration: { types: ['REGIONAL'] },
          regionalDomainName: 'd-1.execute-api.eu-west-1.amazonaws.com',
        },
      ],
      [
        {
          DomainName: 'api.example.com',
          DomainNameConfigurations: [
            { EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2', ApiGatewayDomainName: 'd-1.execute-api.eu-west-1.amazonaws.com' },
            { EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_0', ApiGatewayDomainName: 'd-2.execute-api.eu-west-1.amazonaws.com' },
          ],
        },
        {
          DomainName: 'ws.example.com',
          DomainNameConfigurations: [{ EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2', ApiGatewayDomainName: 'd-3.execute-api.eu-west-1.amazonaws.com' }],
        },
      ],
      scope,
    );
    expect(out.map((r) => r.ref.id)).toEqual(['api.example.com', 'ws.example.com']);
    expect(out[0]?.data).toMatchObject({
      listedBy: ['rest', 'v2'],
      securityPolicies: ['TLS_1_2', 'TLS_1_0'],
      endpointTypes: ['REGIONAL'],
      regionalDomainName: 'd-1.execute-api.eu-west-1.amazonaws.com',
    });
    expect(out[1]?.data).toMatchObject({ listedBy: ['v2'], regionalDomainName: 'd-3.execute-api.eu-west-1.amazonaws.com' });
  });

  it('stages: id api/stage, the REST or v2 ARN, no destination is null', () => {
    const rest = stageToModel({ id: 'a1', name: 'orders', type: 'REST' }, { name: 'prod', destinationArn: '' }, scope);
    expect([rest.ref.id, rest.ref.name, rest.ref.arn, rest.data.accessLogDestinationArn]).toEqual([
      'a1/prod',
      'orders/prod',
      'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod',
      null,
    ]);
    const http = stageToModel({ id: 'h1', name: null, type: 'HTTP' }, { name: '$default', destinationArn: 'arn:aws:logs:eu-west-1:1:log-group:x' }, scope);
    expect([http.ref.name, http.ref.arn, http.data.accessLogDestinationArn]).toEqual([
      'h1/$default',
      'arn:aws:apigateway:eu-west-1::/apis/h1/stages/$default',
      'arn:aws:logs:eu-west-1:1:log-group:x',
    ]);
  });
});

describe('ACM certificateToModel', () => {
  it("without DescribeCertificate: the list's facts, details null (the rules say unknown)", () => {
    const r = certificateToModel(
      {
        CertificateArn: 'arn:aws:acm:eu-west-1:1:certificate/c',
        DomainName: 'x.example.com',
        KeyAlgorithm: 'RSA_1024',
        Status: 'ISSUED',
        InUse: true,
        NotAfter: new Date('2027-01-01T00:00:00Z'),
      },
      null,
      scope,
    );
    expect(r.data).toEqual({
      arn: 'arn:aws:acm:eu-west-1:1:certificate/c',
      domainName: 'x.example.com',
      type: null,
      status: 'ISSUED',
      keyAlgorithm: 'RSA_1024',
      notAfter: '2027-01-01T00:00:00.000Z',
      inUse: true,
      details: null,
    });
  });
});
