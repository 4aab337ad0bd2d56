import rule from '../../../policies/encryption/aws-ebs-snapshot-public.js';
import { snapshot } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'private', resource: snapshot('snap-1') },
    { name: 'shared with one account only', resource: snapshot('snap-2', { sharedWithAccounts: ['111122223333'] }) },
  ],
  invalid: [
    {
      name: 'group all',
      resource: snapshot('snap-3', { public: true }),
      messageId: 'public',
      evidence: { snapshotId: 'snap-3', createVolumePermission: 'group all' },
    },
  ],
  unknown: [
    {
      name: 'attribute denied for this snapshot',
      resource: snapshot('snap-4', { public: null, sharedWithAccounts: null }),
      coverage: [gap(['aws.ebs.snapshot-permissions'], { operation: 'DescribeSnapshotAttribute', resourceId: 'snap-4' })],
    },
    { name: 'attribute null without gap', resource: snapshot('snap-5', { public: null, sharedWithAccounts: null }) },
    { name: 'snapshots not listed', coverage: [gap(['aws.ebs.snapshot'])] },
  ],
});
