import rule from '../../../policies/compute/aws-lambda-runtime-deprecated.js';
import { lambdaFunction } from '../../support/aws-datastores.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const now = new Date('2026-01-15T00:00:00Z');

ruleTester(rule, {
  valid: [
    { name: 'supported runtime', now, resource: lambdaFunction('api', { runtime: 'nodejs22.x' }), messageId: 'supported' },
    { name: 'deprecated later than warnDays', now, options: { warnDays: 30 }, resource: lambdaFunction('py', { runtime: 'python3.12' }) },
    { name: 'container image', now, resource: lambdaFunction('img', { runtime: null, packageType: 'Image' }), status: 'not_applicable' },
  ],
  invalid: [
    {
      name: 'nodejs16.x deprecated',
      now,
      resource: lambdaFunction('old', { runtime: 'nodejs16.x' }),
      messageId: 'deprecated',
      data: { name: 'old', runtime: 'nodejs16.x', date: '2024-06-12' },
    },
    { name: 'python3.9 deprecated 2025-12-15', now, resource: lambdaFunction('py39', { runtime: 'python3.9' }), messageId: 'deprecated' },
    { name: 'deprecation within warnDays', now, options: { warnDays: 120 }, resource: lambdaFunction('n20', { runtime: 'nodejs20.x' }), messageId: 'soon' },
  ],
  unknown: [
    { name: 'runtime not in the table', now, resource: lambdaFunction('new', { runtime: 'nodejs99.x' }), messageId: 'unlisted' },
    { name: 'zip function without runtime', now, resource: lambdaFunction('odd', { runtime: null }), messageId: 'unknown' },
    { name: 'functions not listed', coverage: [gap(['aws.lambda.function'])] },
  ],
});
