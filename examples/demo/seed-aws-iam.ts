/**
 * Seeds a deliberately over-privileged but realistic IAM account into an emulator (moto) for the demo.
 * moto must run with MOTO_IAM_LOAD_MANAGED_POLICIES=true (AWS-managed policies are attached below).
 *
 * What the scan should find:
 * - `alice-admin`: AdministratorAccess attached directly, console password without MFA, an access key;
 * - `dave-dev`: privilege escalation split across the `developers` group (iam:PassRole) and his own inline
 *   policy (lambda:CreateFunction + lambda:InvokeFunction);
 * - `public-assume-role`: trusts Principal "*" with no condition;
 * - `vendor-integration`: trusts another account without sts:ExternalId;
 * - `old-ci-bot`: two active access keys, an inline policy reading every secret and S3 object
 *   (an emulator cannot backdate keys, so its keys are fresh: a real account would also show them stale);
 * - `legacy-full-access`: an unattached customer-managed policy granting `*`;
 * - a weak password policy (8 characters, no reuse prevention).
 * Compliant identities: `carol-auditor` (console + MFA, SecurityAudit through a group), `erin-reports`
 * (read one bucket), `lambda-exec` (trusts lambda.amazonaws.com), `partner-readonly` (cross-account with ExternalId).
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { awsClients } from '../../src/testing/aws-clients.js';

const doc = (statements: Record<string, unknown>[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const trust = (principal: unknown, condition?: Record<string, unknown>): string =>
  doc([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]);

export async function seedAwsIam(endpoint: string): Promise<void> {
  const clients = awsClients(endpoint);
  const { iam } = clients;
  // One loose signature for the many command types below (each call's output is unused).
  const send = (c: unknown): Promise<unknown> => iam.send(c as never);
  try {
    await send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireNumbers: true, AllowUsersToChangePassword: true }));

    // Groups.
    await send(new CreateGroupCommand({ GroupName: 'developers' }));
    await send(
      new PutGroupPolicyCommand({
        GroupName: 'developers',
        PolicyName: 'pass-deploy-roles',
        PolicyDocument: doc([
          { Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
          { Sid: 'ReadLogs', Effect: 'Allow', Action: ['logs:Get*', 'logs:Describe*', 'logs:FilterLogEvents'], Resource: '*' },
        ]),
      }),
    );
    await send(new CreateGroupCommand({ GroupName: 'auditors' }));
    await send(new AttachGroupPolicyCommand({ GroupName: 'auditors', PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit' }));

    // alice-admin: the classic over-privileged human.
    await send(new CreateUserCommand({ UserName: 'alice-admin' }));
    await send(new AttachUserPolicyCommand({ UserName: 'alice-admin', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await send(new CreateLoginProfileCommand({ UserName: 'alice-admin', Password: 'Demo-Passw0rd-Alice!' }));
    await send(new CreateAccessKeyCommand({ UserName: 'alice-admin' }));

    // dave-dev: escalation split between his group and his inline policy.
    await send(new CreateUserCommand({ UserName: 'dave-dev' }));
    await send(new AddUserToGroupCommand({ GroupName: 'developers', UserName: 'dave-dev' }));
    await send(
      new PutUserPolicyCommand({
        UserName: 'dave-dev',
        PolicyName: 'lambda-dev',
        PolicyDocument: doc([{ Sid: 'LambdaDev', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:Get*'], Resource: '*' }]),
      }),
    );
    await send(new CreateLoginProfileCommand({ UserName: 'dave-dev', Password: 'Demo-Passw0rd-Dave!' }));

    // old-ci-bot: long-lived keys, broad data access.
    await send(new CreateUserCommand({ UserName: 'old-ci-bot', Path: '/automation/' }));
    await send(
      new PutUserPolicyCommand({
        UserName: 'old-ci-bot',
        PolicyName: 'ci-everything',
        PolicyDocument: doc([
          { Sid: 'ReadAllSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 's3:GetObject', 's3:ListBucket'], Resource: '*' },
          { Sid: 'ManageBuckets', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::ci-artifacts*' },
        ]),
      }),
    );
    await send(new CreateAccessKeyCommand({ UserName: 'old-ci-bot' }));
    await send(new CreateAccessKeyCommand({ UserName: 'old-ci-bot' }));

    // carol-auditor: compliant console user with MFA.
    await send(new CreateUserCommand({ UserName: 'carol-auditor' }));
    await send(new AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'carol-auditor' }));
    await send(new CreateLoginProfileCommand({ UserName: 'carol-auditor', Password: 'Demo-Passw0rd-Carol!' }));
    const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol-auditor' }));
    await send(
      new EnableMFADeviceCommand({
        UserName: 'carol-auditor',
        SerialNumber: mfa.VirtualMFADevice!.SerialNumber!,
        AuthenticationCode1: '123456',
        AuthenticationCode2: '654321',
      }),
    );

    // erin-reports: scoped customer-managed policy through a group.
    const reports = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'read-reports-bucket',
        PolicyDocument: doc([
          {
            Sid: 'ReadReports',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: ['arn:aws:s3:::acme-reports', 'arn:aws:s3:::acme-reports/*'],
          },
        ]),
      }),
    );
    await send(new CreateGroupCommand({ GroupName: 'report-readers' }));
    await send(new AttachGroupPolicyCommand({ GroupName: 'report-readers', PolicyArn: reports.Policy!.Arn! }));
    await send(new CreateUserCommand({ UserName: 'erin-reports' }));
    await send(new AddUserToGroupCommand({ GroupName: 'report-readers', UserName: 'erin-reports' }));

    // Roles.
    await send(new CreateRoleCommand({ RoleName: 'public-assume-role', AssumeRolePolicyDocument: trust('*') }));
    await send(new AttachRolePolicyCommand({ RoleName: 'public-assume-role', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await send(new CreateRoleCommand({ RoleName: 'vendor-integration', AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::999988887777:root' }) }));
    await send(
      new PutRolePolicyCommand({
        RoleName: 'vendor-integration',
        PolicyName: 'vendor-access',
        PolicyDocument: doc([{ Sid: 'VendorS3', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-vendor-exchange/*' }]),
      }),
    );
    await send(
      new CreateRoleCommand({
        RoleName: 'partner-readonly',
        AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::444455556666:root' }, { StringEquals: { 'sts:ExternalId': 'acme-partner-7f3c' } }),
      }),
    );
    await send(new CreateRoleCommand({ RoleName: 'lambda-exec', AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) }));
    await send(new AttachRolePolicyCommand({ RoleName: 'lambda-exec', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }));

    // An unattached customer policy nobody cleaned up.
    await send(
      new CreatePolicyCommand({
        PolicyName: 'legacy-full-access',
        Description: 'left over from the 2019 migration',
        PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      }),
    );
  } finally {
    clients.destroy();
  }
}
