import rule from '../../../policies/tls/tls-hsts-missing.js';
import { ruleTester } from '../../support/rule-tester.js';
import { endpoint, unreachable } from './tls-fixtures.js';

const hsts = (maxAge: number | null, present = true) => ({
  statusCode: 200,
  present,
  header: present ? `max-age=${maxAge}` : null,
  maxAge,
  includeSubDomains: false,
  preload: false,
});

ruleTester(rule, {
  valid: [
    { name: 'two years', resource: endpoint() },
    { name: 'exactly 180 days', resource: endpoint((d) => (d.hsts = hsts(180 * 86400))) },
    { name: 'not an HTTPS target', resource: endpoint((d) => Object.assign(d, { https: false, hsts: null })), status: 'not_applicable' },
  ],
  invalid: [
    { name: 'no header', resource: endpoint((d) => (d.hsts = hsts(null, false))), messageId: 'missing', evidence: { header: null } },
    { name: 'one day', resource: endpoint((d) => (d.hsts = hsts(86400))), messageId: 'short', evidence: { maxAge: 86400 } },
    { name: 'max-age=0 (HSTS switched off)', resource: endpoint((d) => (d.hsts = hsts(0))), messageId: 'short' },
    { name: 'unparseable max-age', resource: endpoint((d) => (d.hsts = hsts(null))), messageId: 'short' },
  ],
  unknown: [
    { name: 'GET failed', resource: endpoint((d) => (d.hsts = null)) },
    { name: 'endpoint unreachable', coverage: [unreachable()] },
  ],
});
