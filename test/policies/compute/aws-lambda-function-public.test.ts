import rule from '../../../policies/compute/aws-lambda-function-public.js';
import { policy } from '../../support/aws-data.js';
import { lambdaFunction } from '../../support/aws-datastores.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const invoke = (principal: Record<string, string[]>, condition?: Record<string, Record<string, string[]>>) =>
  policy({
    Sid: 'inv',
    Effect: 'Allow',
    Principal: principal,
    Action: ['lambda:InvokeFunction'],
    Resource: ['arn:aws:lambda:us-east-1:123456789012:function:f'],
    ...(condition ? { Condition: condition } : {}),
  });

ruleTester(rule, {
  valid: [
    { name: 'no policy, no URL', resource: lambdaFunction('f'), messageId: 'restricted' },
    {
      name: 'IAM-authenticated URL',
      resource: lambdaFunction('f', { functionUrls: [{ url: 'https://abc.lambda-url.us-east-1.on.aws/', authType: 'AWS_IAM' }] }),
    },
    {
      name: 'service principal with SourceArn',
      resource: lambdaFunction('f', {
        policy: { exists: true, document: invoke({ Service: ['s3.amazonaws.com'] }, { ArnLike: { 'AWS:SourceArn': ['arn:aws:s3:::bucket'] } }) },
      }),
    },
    {
      name: '* pinned to a source account',
      resource: lambdaFunction('f', {
        policy: { exists: true, document: invoke({ AWS: ['*'] }, { StringEquals: { 'aws:SourceAccount': ['123456789012'] } }) },
      }),
    },
  ],
  invalid: [
    {
      name: 'URL with AuthType NONE',
      resource: lambdaFunction('f', { functionUrls: [{ url: 'https://abc.lambda-url.us-east-1.on.aws/', authType: 'NONE' }] }),
      messageId: 'public',
      evidence: { openUrls: ['https://abc.lambda-url.us-east-1.on.aws/'] },
    },
    {
      name: 'policy Principal * without condition',
      resource: lambdaFunction('f', { policy: { exists: true, document: invoke({ AWS: ['*'] }) } }),
      messageId: 'public',
    },
    {
      name: 'a public URL is a finding even when the policy is unreadable',
      resource: lambdaFunction('f', { policy: null, functionUrls: [{ url: 'https://x.lambda-url.us-east-1.on.aws/', authType: 'NONE' }] }),
      messageId: 'public',
    },
  ],
  unknown: [
    { name: 'policy unreadable', resource: lambdaFunction('f', { policy: null }), messageId: 'policyUnreadable' },
    { name: 'URLs unreadable', resource: lambdaFunction('f', { functionUrls: null }), messageId: 'urlsUnreadable' },
    { name: 'GetPolicy denied in the region', resource: lambdaFunction('f'), coverage: [gap(['aws.lambda.function-policy'])] },
  ],
});
