import rule from '../../../policies/encryption/aws-s3-bucket-public.js';
import { ALL_OFF, ALL_ON, accountBpa, bucket, policy, publicRead, tlsDeny } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const open = { configured: false, settings: ALL_OFF };
const publicAcl = {
  ownerId: 'o',
  grants: [
    { granteeType: 'CanonicalUser', grantee: 'o', permission: 'FULL_CONTROL' },
    { granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' },
  ],
};
const authAcl = { ownerId: 'o', grants: [{ granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'WRITE' }] };
const pubPolicy = (b: string, cond?: Parameters<typeof publicRead>[1]) => ({ exists: true, document: policy(tlsDeny(b), publicRead(b, cond)) });

ruleTester(rule, {
  valid: [
    { name: 'private bucket, account BPA not needed', resource: bucket('b1') },
    {
      name: 'public policy restricted by org condition',
      resource: bucket('b2', { publicAccessBlock: open, policy: pubPolicy('b2', { StringEquals: { 'aws:PrincipalOrgID': ['o-abc'] } }) }),
      others: [accountBpa('none')],
    },
    {
      name: 'public policy restricted by VPC endpoint',
      resource: bucket('b3', { publicAccessBlock: open, policy: pubPolicy('b3', { StringEquals: { 'aws:SourceVpce': ['vpce-1'] } }) }),
      others: [accountBpa('none')],
    },
    { name: 'public policy neutralized by bucket RestrictPublicBuckets', resource: bucket('b4', { policy: pubPolicy('b4') }) },
    {
      name: 'public ACL neutralized by account IgnorePublicAcls',
      resource: bucket('b5', { publicAccessBlock: open, acl: publicAcl }),
      others: [accountBpa(ALL_ON)],
    },
    { name: 'deny statement to everyone is not public', resource: bucket('b6', { publicAccessBlock: open }), others: [accountBpa('none')] },
  ],
  invalid: [
    {
      name: 'policy grants GetObject to *',
      resource: bucket('b7', { publicAccessBlock: open, policy: pubPolicy('b7') }),
      others: [accountBpa('none')],
      messageId: 'public',
      evidence: { publicPolicyStatements: [{ statement: 'PublicRead', principal: '*' }] },
    },
    {
      name: 'ACL grants READ to AllUsers',
      resource: bucket('b8', { publicAccessBlock: open, acl: publicAcl }),
      others: [accountBpa('none')],
      messageId: 'public',
      evidence: { publicAclGrants: ['AllUsers:READ'] },
    },
    {
      name: 'ACL grants WRITE to AuthenticatedUsers',
      resource: bucket('b9', { publicAccessBlock: open, acl: authAcl }),
      others: [accountBpa('none')],
      messageId: 'public',
    },
    {
      name: 'wildcard condition does not restrict',
      resource: bucket('b10', { publicAccessBlock: open, policy: pubPolicy('b10', { StringLike: { 'aws:PrincipalArn': ['*'] } }) }),
      others: [accountBpa('none')],
      messageId: 'public',
    },
    {
      name: 'SourceIp 0.0.0.0/0 does not restrict',
      resource: bucket('b11', { publicAccessBlock: open, policy: pubPolicy('b11', { IpAddress: { 'aws:SourceIp': ['0.0.0.0/0'] } }) }),
      others: [accountBpa('none')],
      messageId: 'public',
    },
    {
      name: 'NotPrincipal allow',
      resource: bucket('b12', {
        publicAccessBlock: open,
        policy: {
          exists: true,
          document: policy({ Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::123456789012:root'] }, Action: ['s3:*'], Resource: ['*'] }),
        },
      }),
      others: [accountBpa('none')],
      messageId: 'public',
    },
    {
      name: 'public bucket still fails when its logging could not be read',
      resource: bucket('b18', { publicAccessBlock: open, policy: pubPolicy('b18'), logging: null }),
      others: [accountBpa('none')],
      coverage: [gap(['aws.s3.bucket-logging'], { region: 'global', operation: 'GetBucketLogging', resourceId: 'b18' })],
      messageId: 'public',
    },
    {
      name: 'account BPA blocks ACLs only, policy still public',
      resource: bucket('b13', { publicAccessBlock: open, policy: pubPolicy('b13') }),
      others: [accountBpa({ ...ALL_OFF, ignorePublicAcls: true, blockPublicAcls: true })],
      messageId: 'public',
    },
  ],
  unknown: [
    {
      name: 'policy denied on this bucket',
      resource: bucket('b14', { policy: null }),
      coverage: [gap(['aws.s3.bucket-policy'], { region: 'global', operation: 'GetBucketPolicy', resourceId: 'b14' })],
    },
    { name: 'public on its own, account BPA not collected', resource: bucket('b15', { publicAccessBlock: open, policy: pubPolicy('b15') }) },
    { name: 'account BPA denied', resource: bucket('b16'), coverage: [gap(['aws.s3.account-public-access-block'], { region: 'global' })] },
    { name: 'ACL null without gap', resource: bucket('b17', { acl: null }) },
    {
      name: 'ACL denied on this bucket',
      resource: bucket('b19', { acl: null }),
      coverage: [gap(['aws.s3.bucket-acl'], { region: 'global', operation: 'GetBucketAcl', resourceId: 'b19' })],
    },
  ],
});
