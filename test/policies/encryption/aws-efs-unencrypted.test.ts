import rule from '../../../policies/encryption/aws-efs-unencrypted.js';
import { efsFileSystem } from '../../support/aws-datastores.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [{ name: 'encrypted', resource: efsFileSystem('fs-1'), messageId: 'encrypted' }],
  invalid: [
    { name: 'unencrypted', resource: efsFileSystem('fs-2', { encrypted: false, kmsKeyId: null }), messageId: 'unencrypted', evidence: { encrypted: false } },
  ],
  unknown: [
    { name: 'flag missing', resource: efsFileSystem('fs-3', { encrypted: null }), messageId: 'unknown' },
    { name: 'file systems not listed', coverage: [gap(['aws.efs.file-system'])] },
  ],
});
