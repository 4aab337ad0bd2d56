import rule from '../../../policies/least-privilege/aws-iam-root-access-keys.js';
import { gap, ruleTester } from '../../support/rule-tester.js';
import { NOW, account, awsShaped, creds, daysAgo, key } from './aws-iam-fixtures.js';

// Built by toModel from the AWS-shaped responses in test/fixtures/aws/iam/aws-* (moto has no root row and cannot backdate keys).
const aws = awsShaped();

ruleTester(rule, {
  valid: [
    { name: 'summary says none (no root row, as moto)', resource: account() },
    {
      name: 'root row with inactive keys only',
      resource: account({ summary: null, credentialReport: { generatedAt: NOW.toISOString(), root: creds({ accessKeys: [key(1, false, daysAgo(900))] }) } }),
    },
  ],
  invalid: [
    {
      name: 'root row with an active key',
      resource: account({ credentialReport: { generatedAt: NOW.toISOString(), root: creds({ accessKeys: [key(1, true, daysAgo(900))] }) } }),
      messageId: 'keys',
      evidence: { identity: 'root', activeKeys: [{ slot: 1, active: true }] },
    },
    {
      name: 'AWS report: <root_account> row with an active key used last week',
      resource: aws.account,
      messageId: 'keys',
      evidence: {
        identity: 'root',
        activeKeys: [
          {
            slot: 1,
            active: true,
            lastRotated: '2019-03-04T09:30:11.000Z',
            lastUsed: '2026-05-30T11:00:00.000Z',
            lastUsedService: 's3',
            lastUsedRegion: 'us-east-1',
          },
        ],
      },
    },
    {
      name: 'summary says present',
      resource: account({ summary: { accountMfaEnabled: true, accountAccessKeysPresent: true, users: 0, roles: 0, groups: 0, policies: 0 } }),
      messageId: 'keys',
    },
  ],
  unknown: [
    { name: 'neither report root row nor summary', resource: account({ summary: null, credentialReport: null }) },
    { name: 'account not collected', coverage: [gap(['aws.iam.account'], { service: 'iam', region: 'global', operation: 'collect', status: 'error' })] },
  ],
});
