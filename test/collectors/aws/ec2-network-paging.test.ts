/**
 * Paging, throttling and error paths of the EC2 network collector that moto cannot produce
 * (moto ignores MaxResults for security groups and never throttles or denies).
 *
 * - aws-sdk-client-mock stubs `send` for multi-page responses and final errors (what the SDK surfaces
 *   once its retries are spent);
 * - one block swaps the HTTP transport of a real client, so the SDK's own adaptive retry middleware
 *   turns a RequestLimitExceeded into a success.
 */
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkAclsCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  EC2ServiceException,
  GetManagedPrefixListEntriesCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { builtinRules } from '../../../policies/index.js';
import { createAwsContext } from '../../../src/collectors/aws/context.js';
import { ec2Network } from '../../../src/collectors/aws/ec2-network.js';
import { collectAws } from '../../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../../src/collectors/index.js';
import { evaluate } from '../../../src/engine/evaluate.js';

const ACCOUNT = '123456789012';
// Nothing listens on port 9 of the loopback: a call that escaped the mocks fails locally, never leaves the machine.
const NOWHERE = 'http://127.0.0.1:9';

const ec2Mock = mockClient(EC2Client);
const stsMock = mockClient(STSClient);

const awsError = (name: string, status: number, attempts = 1) =>
  new EC2ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status, attempts }, message: `${name} (test)` });

const sgItem = (id: string, port: number): SecurityGroup => ({
  GroupId: id,
  GroupName: id,
  VpcId: 'vpc-1',
  OwnerId: ACCOUNT,
  IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  IpPermissionsEgress: [],
});

/** Region of the client a mocked call was made on. */
const regionOf = async (getClient: () => unknown): Promise<string> => {
  const r = (getClient() as EC2Client).config.region;
  return typeof r === 'function' ? await r() : String(r);
};

const collect = async () => {
  const out = await collectAws({ endpointUrl: NOWHERE, regions: ['us-east-1', 'eu-west-1'], services: ['ec2'], maxAttempts: 1 });
  return mergeOutputs([out], '2026-01-01T00:00:00.000Z');
};

const networkRules = builtinRules.filter((r) => r.pack === 'network' || r.id === 'aws-vpc-flow-logs-missing');

beforeEach(() => {
  ec2Mock.reset();
  stsMock.reset();
  stsMock.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:user/test` });
  ec2Mock.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] });
  ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  ec2Mock.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [] });
  ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  ec2Mock.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
  ec2Mock.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [] });
  ec2Mock.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
});

afterAll(() => {
  ec2Mock.restore();
  stsMock.restore();
});

describe('ec2 network collector: paging', () => {
  it('follows NextToken through every page of every call, 1000 per page', async () => {
    const pages: Record<string, { groups: SecurityGroup[]; next?: string }> = {
      first: { groups: [sgItem('sg-1', 22), sgItem('sg-2', 80)], next: 't2' },
      t2: { groups: [sgItem('sg-3', 3306)], next: 't3' },
      t3: { groups: [sgItem('sg-4', 443)] },
    };
    const sgCalls: { NextToken?: string; MaxResults?: number }[] = [];
    ec2Mock.on(DescribeSecurityGroupsCommand).callsFake(async (input: { NextToken?: string; MaxResults?: number }, getClient) => {
      sgCalls.push({ ...input }); // the paginator reuses its input object: copy it
      if ((await regionOf(getClient)) !== 'us-east-1') return { SecurityGroups: [] };
      const p = pages[input.NextToken ?? 'first']!;
      return { SecurityGroups: p.groups, NextToken: p.next };
    });
    ec2Mock.on(DescribeInstancesCommand).callsFake(async (input: { NextToken?: string }) =>
      input.NextToken
        ? {
            Reservations: [
              {
                Instances: [
                  { InstanceId: 'i-2', State: { Name: 'running' } },
                  { InstanceId: 'i-3', State: { Name: 'stopped' } },
                ],
              },
            ],
          }
        : { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' } }] }], NextToken: 'r2' },
    );
    ec2Mock
      .on(DescribeVpcsCommand)
      .callsFake(async (input: { NextToken?: string }) => (input.NextToken ? { Vpcs: [{ VpcId: 'vpc-2' }] } : { Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 'v2' }));
    ec2Mock
      .on(DescribeNetworkAclsCommand)
      .callsFake(async (input: { NextToken?: string }) =>
        input.NextToken ? { NetworkAcls: [{ NetworkAclId: 'acl-2' }] } : { NetworkAcls: [{ NetworkAclId: 'acl-1' }], NextToken: 'n2' },
      );
    ec2Mock
      .on(DescribeFlowLogsCommand)
      .callsFake(async (input: { NextToken?: string }) =>
        input.NextToken
          ? { FlowLogs: [{ FlowLogId: 'fl-2', ResourceId: 'vpc-2' }] }
          : { FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1' }], NextToken: 'f2' },
      );
    const rtbCalls: { NextToken?: string; MaxResults?: number }[] = [];
    ec2Mock.on(DescribeRouteTablesCommand).callsFake(async (input: { NextToken?: string; MaxResults?: number }) => {
      rtbCalls.push({ ...input });
      return input.NextToken ? { RouteTables: [{ RouteTableId: 'rtb-2' }] } : { RouteTables: [{ RouteTableId: 'rtb-1' }], NextToken: 'rt2' };
    });

    const snap = await collect();
    const ids = (type: string, region: string) => snap.resources.filter((r) => r.ref.type === type && r.ref.region === region).map((r) => r.ref.id);
    expect(ids('aws.ec2.security-group', 'us-east-1')).toEqual(['sg-1', 'sg-2', 'sg-3', 'sg-4']);
    expect(ids('aws.ec2.instance', 'eu-west-1')).toEqual(['i-1', 'i-2', 'i-3']);
    expect(ids('aws.ec2.vpc', 'us-east-1')).toEqual(['vpc-1', 'vpc-2']);
    expect(ids('aws.ec2.network-acl', 'us-east-1')).toEqual(['acl-1', 'acl-2']);
    expect(ids('aws.ec2.flow-log', 'eu-west-1')).toEqual(['fl-1', 'fl-2']);
    expect(ids('aws.ec2.route-table', 'us-east-1')).toEqual(['rtb-1', 'rtb-2']);
    expect(rtbCalls).toHaveLength(4); // two pages per region, at DescribeRouteTables' largest page size
    for (const c of rtbCalls) expect(c.MaxResults).toBe(100);

    expect(sgCalls).toHaveLength(4); // 3 pages in us-east-1, 1 in eu-west-1
    expect(sgCalls.map((i) => i.NextToken).sort()).toEqual(['t2', 't3', undefined, undefined].sort());
    for (const i of sgCalls) expect(i.MaxResults).toBe(1000);
    expect(snap.coverage.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(
      snap.coverage
        .filter((c) => c.operation === 'DescribeSecurityGroups')
        .map((c) => c.region)
        .sort(),
    ).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('stops when a page repeats its token instead of looping forever', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }], NextToken: 'same' });
    const snap = await collect();
    expect(ec2Mock.commandCalls(DescribeVpcsCommand).length).toBe(4); // 2 per region: the first page, then the repeated token
    expect(snap.coverage.filter((c) => c.operation === 'DescribeVpcs').every((c) => c.status === 'ok')).toBe(true);
  });
});

describe('ec2 network collector: managed prefix lists', () => {
  const plGroup = (id: string, port: number, pl: string): SecurityGroup => ({
    ...sgItem(id, port),
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: port, ToPort: port, PrefixListIds: [{ PrefixListId: pl }] }],
  });

  it('reads every page of the listing and of the entries, only for the lists inbound rules reference', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [plGroup('sg-1', 22, 'pl-open'), plGroup('sg-2', 3306, 'pl-office')] });
    const listCalls: { NextToken?: string; MaxResults?: number }[] = [];
    ec2Mock.on(DescribeManagedPrefixListsCommand).callsFake(async (input: { NextToken?: string; MaxResults?: number }) => {
      listCalls.push({ ...input });
      return input.NextToken
        ? {
            PrefixLists: [
              { PrefixListId: 'pl-office', PrefixListName: 'office', OwnerId: ACCOUNT, AddressFamily: 'IPv4' },
              { PrefixListId: 'pl-unused', PrefixListName: 'unused' },
            ],
          }
        : { PrefixLists: [{ PrefixListId: 'pl-open', PrefixListName: 'everyone', OwnerId: ACCOUNT, AddressFamily: 'IPv4', MaxEntries: 5 }], NextToken: 'l2' };
    });
    const entryCalls: { PrefixListId?: string; NextToken?: string; MaxResults?: number }[] = [];
    ec2Mock.on(GetManagedPrefixListEntriesCommand).callsFake(async (input: { PrefixListId?: string; NextToken?: string; MaxResults?: number }) => {
      entryCalls.push({ ...input });
      if (input.PrefixListId === 'pl-office') return { Entries: [{ Cidr: '198.51.100.0/24', Description: 'HQ' }] };
      return input.NextToken ? { Entries: [{ Cidr: '0.0.0.0/0' }] } : { Entries: [{ Cidr: '203.0.113.0/24' }], NextToken: 'e2' };
    });

    const snap = await collect();
    const lists = snap.resources.filter((r) => r.ref.type === 'aws.ec2.prefix-list' && r.ref.region === 'us-east-1');
    expect(lists.map((r) => [r.ref.id, r.ref.name, (r.data as { entries: unknown }).entries])).toEqual([
      ['pl-office', 'office', [{ cidr: '198.51.100.0/24', description: 'HQ' }]],
      ['pl-open', 'everyone', [{ cidr: '203.0.113.0/24' }, { cidr: '0.0.0.0/0' }]],
    ]);
    expect(listCalls).toHaveLength(4); // two pages in each region
    for (const c of [...listCalls, ...entryCalls]) expect(c.MaxResults).toBe(100);
    // pl-unused is referenced by no rule: never read. pl-open takes two pages, pl-office one (per region).
    expect(entryCalls.map((c) => `${c.PrefixListId} ${c.NextToken ?? '-'}`).sort()).toEqual([
      'pl-office -',
      'pl-office -',
      'pl-open -',
      'pl-open -',
      'pl-open e2',
      'pl-open e2',
    ]);
    expect(snap.coverage.filter((c) => c.status !== 'ok')).toEqual([]);

    const admin = evaluate(snap, networkRules).findings.filter((f) => f.ruleId === 'aws-sg-open-admin-port' && f.resource.region === 'us-east-1');
    expect(admin.map((f) => [f.resource.id, f.status])).toEqual([
      ['sg-1', 'fail'],
      ['sg-2', 'pass'],
    ]);
    expect(admin[0]!.evidence).toMatchObject({ rule: 'pl-open (0.0.0.0/0) tcp 22', prefixList: 'pl-open', port: 22 });
  });

  it('entries denied for one list: that list has entries null and its own gap; only the group using it is unknown', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [plGroup('sg-1', 22, 'pl-secret'), sgItem('sg-2', 443)] });
    ec2Mock.on(DescribeManagedPrefixListsCommand).rejects(awsError('UnauthorizedOperation', 403));
    ec2Mock.on(GetManagedPrefixListEntriesCommand).rejects(awsError('UnauthorizedOperation', 403));
    const snap = await collect();
    expect(snap.coverage.filter((c) => c.status !== 'ok' && c.region === 'us-east-1').map((c) => [c.operation, c.status, c.resourceId])).toEqual([
      ['DescribeManagedPrefixLists', 'denied', undefined],
      ['GetManagedPrefixListEntries', 'denied', 'pl-secret'],
    ]);
    const pl = snap.resources.find((r) => r.ref.type === 'aws.ec2.prefix-list' && r.ref.region === 'us-east-1');
    expect(pl?.data).toMatchObject({ prefixListId: 'pl-secret', prefixListName: null, entries: null });

    const findings = evaluate(snap, networkRules).findings.filter((f) => f.resource.region === 'us-east-1' && f.resource.type === 'aws.ec2.security-group');
    const status = (rule: string, id: string) => findings.find((f) => f.ruleId === rule && f.resource.id === id)?.status;
    expect(status('aws-sg-open-admin-port', 'sg-1')).toBe('unknown');
    expect(status('aws-sg-open-sensitive-port', 'sg-1')).toBe('pass'); // tcp 22 cannot reach a sensitive port whatever the list holds
    expect(status('aws-sg-open-admin-port', 'sg-2')).toBe('pass');
    expect(findings.find((f) => f.ruleId === 'aws-sg-open-admin-port' && f.resource.id === 'sg-1')?.message).toContain('pl-secret');
  });
});

describe('ec2 network collector: errors become coverage gaps, rules become unknown', () => {
  it('UnauthorizedOperation on DescribeSecurityGroups in one region → denied; that region is unknown, the other is evaluated', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1') throw awsError('UnauthorizedOperation', 403);
      return { SecurityGroups: [sgItem('sg-1', 22)] };
    });
    const snap = await collect();
    const gaps = snap.coverage.filter((c) => c.status !== 'ok');
    expect(gaps).toEqual([
      expect.objectContaining({
        provider: 'aws',
        account: ACCOUNT,
        region: 'eu-west-1',
        service: 'ec2',
        operation: 'DescribeSecurityGroups',
        resourceTypes: ['aws.ec2.security-group'],
        status: 'denied',
        errorCode: 'UnauthorizedOperation',
      }),
    ]);
    // The rest of the region was still collected.
    expect(
      snap.coverage
        .filter((c) => c.region === 'eu-west-1' && c.status === 'ok')
        .map((c) => c.operation)
        .sort(),
    ).toEqual(['DescribeFlowLogs', 'DescribeInstances', 'DescribeManagedPrefixLists', 'DescribeNetworkAcls', 'DescribeRouteTables', 'DescribeVpcs']);

    const findings = evaluate(snap, networkRules).findings;
    const admin = findings.filter((f) => f.ruleId === 'aws-sg-open-admin-port');
    expect(admin.filter((f) => f.resource.region === 'eu-west-1').map((f) => f.status)).toEqual(['unknown']);
    expect(admin.find((f) => f.resource.id === 'sg-1')?.status).toBe('fail');
    for (const f of findings.filter((x) => x.resource.region === 'eu-west-1' && x.resource.type === 'aws.ec2.security-group'))
      expect(f.status).not.toBe('pass');
  });

  it('AccessDenied on DescribeNetworkAcls → denied; exposure of instances in that region is unknown, never pass', async () => {
    ec2Mock.on(DescribeNetworkAclsCommand).rejects(awsError('AccessDenied', 403));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [sgItem('sg-1', 22)] });
    ec2Mock.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            { InstanceId: 'i-1', State: { Name: 'running' }, PublicIpAddress: '54.1.2.3', SubnetId: 'subnet-1', SecurityGroups: [{ GroupId: 'sg-1' }] },
          ],
        },
      ],
    });
    const snap = await collect();
    expect(
      snap.coverage
        .filter((c) => c.status === 'denied')
        .map((c) => `${c.region} ${c.operation} ${c.errorCode}`)
        .sort(),
    ).toEqual(['eu-west-1 DescribeNetworkAcls AccessDenied', 'us-east-1 DescribeNetworkAcls AccessDenied']);
    const exposed = evaluate(snap, networkRules).findings.filter((f) => f.ruleId === 'aws-instance-internet-exposed' && f.resource.id === 'i-1');
    expect(exposed.map((f) => f.status)).toEqual(['unknown', 'unknown']);
  });

  it('UnauthorizedOperation on DescribeRouteTables → denied; exposure of a public instance is unknown, never pass', async () => {
    ec2Mock.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 403));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [sgItem('sg-1', 22)] });
    ec2Mock.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          Associations: [{ SubnetId: 'subnet-1' }],
          Entries: [{ RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' }],
        },
      ],
    });
    ec2Mock.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: 'i-1',
              State: { Name: 'running' },
              PublicIpAddress: '54.1.2.3',
              SubnetId: 'subnet-1',
              VpcId: 'vpc-1',
              SecurityGroups: [{ GroupId: 'sg-1' }],
            },
          ],
        },
      ],
    });
    const snap = await collect();
    expect(
      snap.coverage
        .filter((c) => c.status !== 'ok')
        .map((c) => `${c.region} ${c.operation} ${c.status} ${c.resourceTypes.join(',')}`)
        .sort(),
    ).toEqual(['eu-west-1 DescribeRouteTables denied aws.ec2.route-table', 'us-east-1 DescribeRouteTables denied aws.ec2.route-table']);
    const exposed = evaluate(snap, networkRules).findings.filter((f) => f.ruleId === 'aws-instance-internet-exposed' && f.resource.id === 'i-1');
    expect(exposed.map((f) => f.status)).toEqual(['unknown', 'unknown']);
  });

  it('throttled past retries → throttled; a flow-log gap makes the VPC rule unknown', async () => {
    ec2Mock.on(DescribeFlowLogsCommand).rejects(awsError('RequestLimitExceeded', 503, 6));
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    const snap = await collect();
    const gaps = snap.coverage.filter((c) => c.status !== 'ok');
    expect(gaps.map((c) => [c.region, c.operation, c.status, c.errorCode])).toEqual(
      expect.arrayContaining([
        ['us-east-1', 'DescribeFlowLogs', 'throttled', 'RequestLimitExceeded'],
        ['eu-west-1', 'DescribeFlowLogs', 'throttled', 'RequestLimitExceeded'],
      ]),
    );
    const vpcFindings = evaluate(snap, networkRules).findings.filter((f) => f.ruleId === 'aws-vpc-flow-logs-missing' && f.resource.id === 'vpc-1');
    expect(vpcFindings.map((f) => f.status)).toEqual(['unknown', 'unknown']);
  });

  it('a failure on page 2 drops the partial listing: the scope is a gap, not a shorter list', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).callsFake(async (input: { NextToken?: string }) => {
      if (input.NextToken) throw awsError('TimeoutError', 0);
      return { SecurityGroups: [sgItem('sg-1', 443)], NextToken: 'p2' };
    });
    const snap = await collect();
    expect(snap.resources.filter((r) => r.ref.type === 'aws.ec2.security-group')).toEqual([]);
    expect(snap.coverage.filter((c) => c.operation === 'DescribeSecurityGroups').map((c) => c.status)).toEqual(['timeout', 'timeout']);
    const findings = evaluate(snap, networkRules).findings.filter((f) => f.ruleId === 'aws-sg-open-admin-port');
    expect(findings.map((f) => f.status)).toEqual(['unknown', 'unknown']);
  });
});

describe('ec2 network collector: SDK retries (real client, fake transport)', () => {
  const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
  const ok = (action: string, inner: string) =>
    xml(`<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>${inner}</${action}Response>`);
  const LIST: Record<string, string> = {
    DescribeSecurityGroups:
      '<securityGroupInfo><item><ownerId>123456789012</ownerId><groupId>sg-9</groupId><groupName>after-retry</groupName><groupDescription>d</groupDescription><vpcId>vpc-1</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item></ipPermissions><ipPermissionsEgress/></item></securityGroupInfo>',
    DescribeNetworkAcls: '<networkAclSet/>',
    DescribeInstances: '<reservationSet/>',
    DescribeVpcs: '<vpcSet/>',
    DescribeFlowLogs: '<flowLogSet/>',
    DescribeManagedPrefixLists: '<prefixListSet/>',
  };
  const throttle = xml(
    '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>',
  );

  // This block needs the real send() and its middleware stack (it runs last in the file), and
  // credentials for request signing (fake ones: the transport never leaves the process).
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  beforeEach(() => {
    ec2Mock.restore();
    process.env.AWS_ACCESS_KEY_ID = 'testing';
    process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  });
  afterAll(() => {
    if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
    else process.env.AWS_ACCESS_KEY_ID = saved.id;
    if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
  });

  /** Transport that throttles the first `throttled` DescribeSecurityGroups requests and answers everything else. */
  function fakeTransport(throttled: number) {
    const seen: string[] = [];
    return {
      seen,
      handler: {
        async handle(request: { body?: unknown }) {
          const action = /Action=(\w+)/.exec(String(request.body))?.[1] ?? '?';
          seen.push(action);
          const fail = action === 'DescribeSecurityGroups' && seen.filter((a) => a === action).length <= throttled;
          const body = fail ? throttle : ok(action, LIST[action] ?? '');
          return { response: { statusCode: fail ? 503 : 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([Buffer.from(body)]) } };
        },
        updateHttpClientConfig() {},
        httpHandlerConfigs: () => ({}),
        destroy() {},
      },
    };
  }

  /** Collects us-east-1 security groups through transport `t`, with `maxAttempts` tries per call. */
  async function collectThrough(t: ReturnType<typeof fakeTransport>, maxAttempts: number) {
    const run = createAwsContext(ACCOUNT, 'aws', { endpointUrl: NOWHERE, maxAttempts });
    const client = run.ctx.client(EC2Client, 'us-east-1');
    (client.config as { requestHandler: unknown }).requestHandler = t.handler;
    const resources = await ec2Network.collect(run.ctx, 'us-east-1');
    run.destroy();
    return { run, t, resources };
  }

  it('RequestLimitExceeded twice, then success: data collected, coverage ok, logical call counted once', async () => {
    const { run, t, resources } = await collectThrough(fakeTransport(2), 4);
    expect(t.seen.filter((a) => a === 'DescribeSecurityGroups')).toHaveLength(3);
    expect(resources.map((r) => r.ref.id)).toEqual(['sg-9']);
    expect(run.coverage.every((c) => c.status === 'ok')).toBe(true);
    expect(run.apiCalls['ec2:DescribeSecurityGroups']).toBe(1);
  });

  it('throttled on every attempt → coverage throttled after maxAttempts tries', async () => {
    const { run, t, resources } = await collectThrough(fakeTransport(99), 2);
    expect(t.seen.filter((a) => a === 'DescribeSecurityGroups')).toHaveLength(2);
    expect(resources).toEqual([]);
    expect(run.coverage.filter((c) => c.status !== 'ok')).toEqual([
      expect.objectContaining({
        operation: 'DescribeSecurityGroups',
        status: 'throttled',
        errorCode: 'RequestLimitExceeded',
        resourceTypes: ['aws.ec2.security-group'],
      }),
    ]);
  });
});
