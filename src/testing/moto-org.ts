/**
 * An AWS Organization in moto for the fleet tests and benchmark: the organization (management account
 * 123456789012, the test credentials' account), OUs, member accounts, and in each member account the
 * audit role (created through a role session in that account, as an administrator would) and a small,
 * account-specific misconfiguration for the rules to find.
 *
 * moto grants any AssumeRole, even of a role that does not exist; {@link roleTrustCheck} gives the fault
 * proxy STS's real decision from moto's own IAM state, so "role missing" and "wrong external id" behave as
 * on AWS.
 */
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import pLimit from 'p-limit';
import { createClient } from '../collectors/aws/context.js';
import { TEST_CREDENTIALS, awsClients } from './aws-clients.js';

export const MANAGEMENT_ACCOUNT = '123456789012';

export interface SeedOrgOptions {
  /** Member accounts to create (the management account is a member too). */
  accounts: number;
  /**
   * OU paths, parents first (`Prod`, `Prod/Web`, `Dev`); accounts are spread over them round-robin, the
   * first `underRoot` accounts stay under the root (default: all under the root).
   */
  ous?: string[];
  underRoot?: number;
  /** Create roles and resources in the accounts (default true; false: the organization only). */
  seedAccounts?: boolean;
  roleName?: string;
  /** Require this external id in the role's trust policy. */
  externalId?: string;
  /** Member accounts (by creation index, 0-based) that get no audit role. */
  withoutRole?: number[];
  /** Create the role in the management account too (default true). */
  roleInManagement?: boolean;
  /** Concurrent seeding calls (default 8). */
  concurrency?: number;
}

export interface SeededOrg {
  rootId: string;
  /** `name` is the OU's path (`Prod/Web`). */
  ous: { id: string; name: string }[];
  /** Member accounts in creation order (the management account not included). */
  accounts: { id: string; name: string; ouName: string | null; hasRole: boolean }[];
}

function trustPolicy(externalId?: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:root` },
        Action: 'sts:AssumeRole',
        ...(externalId ? { Condition: { StringEquals: { 'sts:ExternalId': externalId } } } : {}),
      },
    ],
  });
}

/** Credentials of a role session in `account` (moto routes them to that account's own state). */
async function sessionIn(endpoint: string, account: string): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }> {
  const { sts, destroy } = awsClients(endpoint);
  try {
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`, RoleSessionName: 'seed' })))
      .Credentials!;
    return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken };
  } finally {
    destroy();
  }
}

/** Seeds one account: the audit role (unless `role` is false) and a security group open to the world on 22. */
async function seedAccount(endpoint: string, account: string, role: boolean, o: SeedOrgOptions): Promise<void> {
  const credentials = account === MANAGEMENT_ACCOUNT ? { ...TEST_CREDENTIALS } : await sessionIn(endpoint, account);
  const iam = createClient(IAMClient, 'us-east-1', { endpointUrl: endpoint, maxAttempts: 3 }, { credentials });
  const ec2 = createClient(EC2Client, 'us-east-1', { endpointUrl: endpoint, maxAttempts: 3 }, { credentials });
  try {
    if (role) await iam.send(new CreateRoleCommand({ RoleName: o.roleName ?? 'VigilAudit', AssumeRolePolicyDocument: trustPolicy(o.externalId) }));
    const sg = await ec2.send(new CreateSecurityGroupCommand({ GroupName: `ssh-${account}`, Description: 'ssh from anywhere' }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: sg.GroupId,
        IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
      }),
    );
  } finally {
    iam.destroy();
    ec2.destroy();
  }
}

export async function seedOrganization(endpoint: string, o: SeedOrgOptions): Promise<SeededOrg> {
  const orgs = createClient(OrganizationsClient, 'us-east-1', { endpointUrl: endpoint, maxAttempts: 3 }, { credentials: { ...TEST_CREDENTIALS } });
  const limit = pLimit(o.concurrency ?? 8);
  try {
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await orgs.send(new ListRootsCommand({}))).Roots?.[0]?.Id;
    if (!rootId) throw new Error('moto listed no organization root after CreateOrganization');
    const ous: SeededOrg['ous'] = [];
    for (const path of o.ous ?? []) {
      const parent = path.includes('/') ? ous.find((x) => x.name === path.slice(0, path.lastIndexOf('/')))?.id : rootId;
      if (!parent) throw new Error(`OU ${path}: its parent is not listed before it`);
      ous.push({
        id: (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: path.slice(path.lastIndexOf('/') + 1) }))).OrganizationalUnit!.Id!,
        name: path,
      });
    }
    const without = new Set(o.withoutRole ?? []);
    const accounts: SeededOrg['accounts'] = [];
    for (let i = 0; i < o.accounts; i++) {
      const name = `member-${String(i).padStart(3, '0')}`;
      const st = await orgs.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
      const id = st.CreateAccountStatus!.AccountId!;
      const under = o.underRoot ?? 0;
      const ou = ous.length && i >= under ? ous[(i - under) % ous.length] : undefined;
      if (ou) await orgs.send(new MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ou.id }));
      accounts.push({ id, name, ouName: ou?.name ?? null, hasRole: !without.has(i) });
    }
    if (o.seedAccounts === false) return { rootId, ous, accounts };
    await Promise.all([
      ...(o.roleInManagement === false ? [] : [limit(() => seedAccount(endpoint, MANAGEMENT_ACCOUNT, true, o))]),
      ...accounts.map((a) => limit(() => seedAccount(endpoint, a.id, a.hasRole, o))),
    ]);
    return { rootId, ous, accounts };
  } finally {
    orgs.destroy();
  }
}

/**
 * STS's decision for an AssumeRole, from moto's IAM state in the target account: denied when the role does
 * not exist or its trust policy's `sts:ExternalId` condition does not match (the message is STS's own).
 */
export function roleTrustCheck(
  endpoint: string,
  caller = `arn:aws:iam::${MANAGEMENT_ACCOUNT}:user/moto`,
): (call: { roleArn: string; externalId?: string }) => Promise<string | undefined> {
  return async ({ roleArn, externalId }) => {
    const m = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
    const denied = `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    if (!m) return denied;
    if (m[2] === 'OrganizationAccountAccessRole') return undefined; // what the seeder itself uses
    const iam = createClient(IAMClient, 'us-east-1', { endpointUrl: endpoint, maxAttempts: 2 }, { credentials: { ...TEST_CREDENTIALS } });
    // moto's own switch for "this request is for that account".
    iam.middlewareStack.add((next: any) => (args: any) => ((args.request.headers['x-moto-account-id'] = m[1]), next(args)), {
      step: 'build',
      name: 'motoAccount',
    });
    try {
      const role = await iam.send(new GetRoleCommand({ RoleName: m[2] }));
      const doc = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '{}')) as {
        Statement?: { Condition?: { StringEquals?: Record<string, string> } }[];
      };
      const required = doc.Statement?.map((s) => s.Condition?.StringEquals?.['sts:ExternalId']).find(Boolean);
      return required !== undefined && required !== externalId ? denied : undefined;
    } catch (err) {
      if ((err as Error).name === 'NoSuchEntity' || (err as Error).name === 'NoSuchEntityException') return denied;
      throw err;
    } finally {
      iam.destroy();
    }
  };
}
