import { defineRule } from '../../src/api/rule.js';
import { GCP_SQL_INSTANCE } from '../../src/model/gcp.js';

const ENFORCING = new Set(['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']);

export default defineRule({
  id: 'gcp-sql-ssl-not-enforced',
  title: 'Cloud SQL instance accepts unencrypted connections',
  severity: 'medium',
  resourceTypes: [GCP_SQL_INSTANCE],
  description:
    'Flags Cloud SQL instances whose `sslMode` is `ALLOW_UNENCRYPTED_AND_ENCRYPTED`, or, when `sslMode` is unset, whose legacy `requireSsl` is false or absent (Cloud SQL documents absent as false). `ENCRYPTED_ONLY` and `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` pass. Unknown when the IP configuration could not be read (CIS GCP 6.4).',
  risk: 'Clients may connect in plaintext: credentials and query results cross the network readable by anyone on the path, and a misconfigured client silently downgrades.',
  remediation: [
    'Require encryption for every connection (the Cloud SQL Auth Proxy and connectors always encrypt).',
    '',
    '- Console: SQL → the instance → Connections → Security → "Allow only SSL connections" (or "Require trusted client certificates").',
    '- CLI: `gcloud sql instances patch INSTANCE --ssl-mode=ENCRYPTED_ONLY`',
    '- Terraform: `settings { ip_configuration { ssl_mode = "ENCRYPTED_ONLY" } }`.',
  ].join('\n'),
  references: [
    'https://cloud.google.com/sql/docs/postgres/configure-ssl-instance',
    'https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/instances#sslmode',
  ],
  messages: {
    allowed: 'Cloud SQL instance {{name}} accepts unencrypted connections ({{setting}}).',
    enforced: 'Cloud SQL instance {{name}} requires encrypted connections ({{setting}}).',
    unreadable: 'The SSL settings of Cloud SQL instance {{name}} could not be read.',
  },
  defaults: {},
  optionsSchema: { type: 'object', properties: {}, additionalProperties: false },
  evaluate(db) {
    const name = db.ref.name ?? db.data.name;
    const { sslMode, requireSsl } = db.data;
    const evidence = { sslMode, requireSsl };
    if (sslMode && sslMode !== 'SSL_MODE_UNSPECIFIED') {
      if (ENFORCING.has(sslMode)) return { status: 'pass', messageId: 'enforced', data: { name, setting: `sslMode ${sslMode}` } };
      return { status: 'fail', messageId: 'allowed', data: { name, setting: `sslMode ${sslMode}` }, evidence };
    }
    if (requireSsl === null) return { status: 'unknown', messageId: 'unreadable', data: { name } };
    if (requireSsl) return { status: 'pass', messageId: 'enforced', data: { name, setting: 'requireSsl true' } };
    return { status: 'fail', messageId: 'allowed', data: { name, setting: 'requireSsl false, sslMode unset' }, evidence };
  },
});
