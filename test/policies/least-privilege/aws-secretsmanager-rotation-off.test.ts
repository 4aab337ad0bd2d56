import rule from '../../../policies/least-privilege/aws-secretsmanager-rotation-off.js';
import { secret } from '../../support/aws-datastores.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

const now = new Date('2026-06-01T00:00:00Z');

ruleTester(rule, {
  valid: [
    { name: 'rotated 10 days ago', now, resource: secret('db', { lastRotatedDate: '2026-05-22T00:00:00Z' }), messageId: 'ok' },
    { name: 'rotation on, never rotated, created recently', now, resource: secret('new', { lastRotatedDate: null, createdDate: '2026-05-01T00:00:00Z' }) },
    { name: 'scheduled for deletion', now, resource: secret('old', { rotationEnabled: false, deletedDate: '2026-06-05T00:00:00Z' }), status: 'not_applicable' },
    { name: 'tunable maximum', now, options: { maxAgeDays: 365 }, resource: secret('yearly', { lastRotatedDate: '2025-09-01T00:00:00Z' }) },
  ],
  invalid: [
    {
      name: 'no rotation',
      now,
      resource: secret('api', { rotationEnabled: false, rotationIntervalDays: null }),
      messageId: 'off',
      evidence: { rotationEnabled: false },
    },
    {
      name: 'rotation on but stale (failing rotation)',
      now,
      resource: secret('stuck', { lastRotatedDate: '2026-01-01T00:00:00Z' }),
      messageId: 'stale',
      data: { name: 'stuck', age: 151, max: 90 },
    },
    {
      name: 'rotation on, never rotated, created long ago',
      now,
      resource: secret('never', { lastRotatedDate: null, createdDate: '2025-01-01T00:00:00Z' }),
      messageId: 'stale',
    },
  ],
  unknown: [
    { name: 'no dates', now, resource: secret('x', { lastRotatedDate: null, createdDate: null }), messageId: 'unknownAge' },
    { name: 'secrets not listed', coverage: [gap(['aws.secretsmanager.secret'])] },
  ],
});
