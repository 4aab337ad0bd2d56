import rule from '../../../policies/encryption/gcp-sql-public-ip-open.js';
import { gcpGap, sqlInstance } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'private IP only',
      resource: sqlInstance('db1', { ipv4Enabled: false, publicIpAddresses: [], authorizedNetworks: [{ name: 'all', value: '0.0.0.0/0' }] }),
    },
    { name: 'public IP with office range', resource: sqlInstance('db2', { authorizedNetworks: [{ name: 'office', value: '203.0.113.0/24' }] }) },
    { name: 'public IP without networks (proxy only)', resource: sqlInstance('db3', { authorizedNetworks: [] }) },
  ],
  invalid: [
    {
      name: '0.0.0.0/0 authorized',
      resource: sqlInstance('db4', {
        authorizedNetworks: [
          { name: 'office', value: '203.0.113.0/24' },
          { name: 'anywhere', value: '0.0.0.0/0' },
        ],
      }),
      messageId: 'open',
      evidence: { authorizedNetworks: ['0.0.0.0/0 (anywhere)'] },
    },
    {
      name: 'split halves of the internet',
      resource: sqlInstance('db5', {
        authorizedNetworks: [
          { name: null, value: '0.0.0.0/1' },
          { name: null, value: '128.0.0.0/1' },
        ],
      }),
      messageId: 'open',
      evidence: { authorizedNetworks: ['0.0.0.0/1', '128.0.0.0/1'] },
    },
  ],
  unknown: [
    { name: 'ip configuration missing', resource: sqlInstance('db6', { ipv4Enabled: null, authorizedNetworks: null }) },
    { name: 'public but networks unreadable', resource: sqlInstance('db7', { authorizedNetworks: null }) },
    { name: 'instances not listable', coverage: [gcpGap(['gcp.sql.instance'])] },
  ],
});
