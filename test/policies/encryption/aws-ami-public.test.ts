import rule from '../../../policies/encryption/aws-ami-public.js';
import { image } from '../../support/aws-data.js';
import { gap, ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'private image', resource: image('ami-1') },
    { name: 'deregistered public image', resource: image('ami-2', { public: true, state: 'deregistered' }), status: 'not_applicable' },
  ],
  invalid: [{ name: 'public image', resource: image('ami-3', { public: true }), messageId: 'public', evidence: { imageId: 'ami-3', public: true } }],
  unknown: [
    { name: 'images denied', coverage: [gap(['aws.ec2.image'])] },
    { name: 'public flag missing', resource: image('ami-4', { public: null }) },
  ],
});
