import rule from '../../../policies/encryption/gcp-disk-no-cmek.js';
import { disk, gcpGap } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'cmek', resource: disk('d1', { encryption: 'cmek', kmsKeyName: 'projects/p/locations/us/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1' }) },
    { name: 'csek allowed by default', resource: disk('d2', { encryption: 'csek' }) },
  ],
  invalid: [
    { name: 'google-managed', resource: disk('d3', {}), messageId: 'googleManaged', evidence: { encryption: 'google-managed', kmsKeyName: null } },
    { name: 'csek not accepted', resource: disk('d4', { encryption: 'csek' }), options: { allowCsek: false }, messageId: 'csek' },
  ],
  unknown: [{ name: 'disks not listable', coverage: [gcpGap(['gcp.compute.disk'], { region: 'us-central1-a' })] }],
});
