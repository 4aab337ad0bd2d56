import rule from '../../../policies/encryption/gcp-sql-ssl-not-enforced.js';
import { gcpGap, sqlInstance } from '../../fixtures/gcp/builders.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, {
  valid: [
    { name: 'encrypted only', resource: sqlInstance('a', { sslMode: 'ENCRYPTED_ONLY', requireSsl: false }) },
    { name: 'client certificates required', resource: sqlInstance('b', { sslMode: 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED', requireSsl: true }) },
    { name: 'legacy requireSsl true', resource: sqlInstance('c', { sslMode: null, requireSsl: true }) },
  ],
  invalid: [
    {
      name: 'allow unencrypted',
      resource: sqlInstance('d', { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' }),
      messageId: 'allowed',
      evidence: { sslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' },
    },
    {
      name: 'requireSsl absent (false) and no sslMode',
      resource: sqlInstance('e', { sslMode: null, requireSsl: false }),
      messageId: 'allowed',
      evidence: { requireSsl: false },
    },
  ],
  unknown: [
    { name: 'ip configuration missing', resource: sqlInstance('f', { sslMode: null, requireSsl: null }) },
    { name: 'instances not listable', coverage: [gcpGap(['gcp.sql.instance'])] },
  ],
});
