import rule from '../../../policies/encryption/aws-ebs-snapshot-unencrypted.js';
import { snapshot } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'encrypted', resource: snapshot('snap-1') },
    {
      name: 'a denied attribute does not hide encryption',
      resource: snapshot('snap-4', { public: null, sharedWithAccounts: null }),
      coverage: [gap(['aws.ebs.snapshot-permissions'], { resourceId: 'snap-4' })],
    },
  ],
  invalid: [
    { name: 'unencrypted', resource: snapshot('snap-2', { encrypted: false }), messageId: 'unencrypted', evidence: { snapshotId: 'snap-2', encrypted: false } },
  ],
  unknown: [
    { name: 'snapshots denied', coverage: [gap(['aws.ebs.snapshot'])] },
    { name: 'flag missing', resource: snapshot('snap-3', { encrypted: null }) },
  ],
});
