import rule from '../../../policies/logging/aws-cloudtrail-bucket-public.js';
import { ALL_OFF, accountBpa, bucket, policy, publicRead, trail } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const open = { configured: false, settings: ALL_OFF };

ruleTester(rule, {
  valid: [
    { name: 'private log bucket', resource: trail('main'), others: [bucket('trail-logs')] },
    { name: 'private log bucket in another region', resource: trail('main'), others: [bucket('trail-logs', {}, { region: 'eu-west-1' })] },
  ],
  invalid: [
    {
      name: 'log bucket public by policy',
      resource: trail('main'),
      others: [bucket('trail-logs', { publicAccessBlock: open, policy: { exists: true, document: policy(publicRead('trail-logs')) } }), accountBpa('none')],
      messageId: 'public',
      evidence: { bucket: 'trail-logs', publicPolicyStatements: [{ statement: 'PublicRead' }] },
    },
    {
      name: 'log bucket public by ACL',
      resource: trail('main'),
      others: [
        bucket('trail-logs', {
          publicAccessBlock: open,
          acl: { ownerId: 'o', grants: [{ granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }] },
        }),
        accountBpa('none'),
      ],
      messageId: 'public',
      evidence: { publicAclGrants: ['AllUsers:READ'] },
    },
  ],
  unknown: [
    { name: 'bucket in another account', resource: trail('main', { s3BucketName: 'central-logs' }), others: [bucket('trail-logs')] },
    {
      name: 'bucket policy denied',
      resource: trail('main'),
      others: [bucket('trail-logs', { policy: null }, { region: 'eu-west-1' })],
      coverage: [gap(['aws.s3.bucket-policy'], { region: 'global', operation: 'GetBucketPolicy', resourceId: 'trail-logs' })],
    },
    {
      name: 'bucket ACL denied, data still present',
      resource: trail('main'),
      others: [bucket('trail-logs'), accountBpa('none')],
      coverage: [gap(['aws.s3.bucket-acl'], { region: 'global', operation: 'GetBucketAcl', resourceId: 'trail-logs' })],
    },
    { name: 'buckets not listed', resource: trail('main'), coverage: [gap(['aws.s3.bucket'], { region: 'global', operation: 'ListBuckets' })] },
    {
      name: 'bucket public on its own, account BPA unknown',
      resource: trail('main'),
      others: [bucket('trail-logs', { publicAccessBlock: open, policy: { exists: true, document: policy(publicRead('trail-logs')) } })],
    },
  ],
});
