import rule from '../../../policies/encryption/aws-kms-key-policy-public.js';
import { kmsKey, policy } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const star = { Sid: 'Everyone', Effect: 'Allow' as const, Principal: { AWS: ['*'] }, Action: ['kms:Decrypt'], Resource: ['*'] };

ruleTester(rule, {
  valid: [
    { name: 'account root only', resource: kmsKey('k1') },
    {
      name: '* pinned by kms:CallerAccount',
      resource: kmsKey('k2', {
        policy: policy({ ...star, Condition: { StringEquals: { 'kms:CallerAccount': ['123456789012'], 'kms:ViaService': ['s3.us-east-1.amazonaws.com'] } } }),
      }),
    },
    { name: '* pinned by org id', resource: kmsKey('k3', { policy: policy({ ...star, Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-123'] } } }) }) },
    { name: 'deny to *', resource: kmsKey('k4', { policy: policy({ ...star, Effect: 'Deny' }) }) },
  ],
  invalid: [
    {
      name: 'allow * unconditionally',
      resource: kmsKey('k5', { policy: policy(star) }),
      messageId: 'public',
      evidence: { publicStatements: [{ statement: 'Everyone', principal: '*', actions: ['kms:Decrypt'] }] },
    },
    {
      name: 'ViaService alone does not pin the caller',
      resource: kmsKey('k6', { policy: policy({ ...star, Condition: { StringEquals: { 'kms:ViaService': ['s3.us-east-1.amazonaws.com'] } } }) }),
      messageId: 'public',
    },
    {
      name: 'negated condition does not pin',
      resource: kmsKey('k7', { policy: policy({ ...star, Condition: { StringNotEquals: { 'kms:CallerAccount': ['123456789012'] } } }) }),
      messageId: 'public',
    },
    {
      name: 'IfExists does not pin',
      resource: kmsKey('k8', { policy: policy({ ...star, Condition: { StringEqualsIfExists: { 'aws:PrincipalAccount': ['123456789012'] } } }) }),
      messageId: 'public',
    },
  ],
  unknown: [
    {
      name: 'policy denied',
      resource: kmsKey('k9', { policy: null }),
      coverage: [gap(['aws.kms.key-policy'], { operation: 'GetKeyPolicy', resourceId: 'k9' })],
    },
    { name: 'policy null without gap', resource: kmsKey('k10', { policy: null }) },
  ],
});
