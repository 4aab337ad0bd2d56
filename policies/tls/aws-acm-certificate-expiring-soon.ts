import { defineRule } from '../../src/api/rule.js';
import { ACM_CERTIFICATE, ACM_CERTIFICATE_DETAILS } from '../../src/model/aws/acm.js';
import { certificateName, EDGE_REFS, inUse, useText, validity } from '../_lib/aws-edge.js';
import { REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'aws-acm-certificate-expiring-soon',
  title: 'ACM certificate in use expires soon',
  severity: 'medium',
  resourceTypes: [ACM_CERTIFICATE],
  inputs: [ACM_CERTIFICATE_DETAILS],
  description:
    'Fails for an ACM certificate in use that expires within `days` (default 30) of evaluation time. ACM starts renewing eligible Amazon-issued certificates 60 days before expiry, so one still this close has a renewal that is failing or not possible (imported certificates are never renewed by ACM); the message gives the renewal eligibility and status. Expired certificates are left to `aws-acm-certificate-expired`; certificates nothing uses are not applicable.',
  risk: 'An unrenewed certificate becomes an outage on a known date, and a renewal failing silently (DNS validation record removed, domain moved) is found too late.',
  remediation: [
    'Renew or replace the certificate now and fix what stops managed renewal.',
    '',
    '- Console: Certificate Manager → the certificate → Renewal status; for DNS validation, re-create the CNAME records shown under Domains.',
    '- CLI: `aws acm describe-certificate --certificate-arn ARN --query Certificate.RenewalSummary`; imported: `aws acm import-certificate --certificate-arn ARN --certificate fileb://new.pem --private-key fileb://key.pem`.',
    '- Terraform: `aws_acm_certificate` with `validation_method = "DNS"` and the `aws_route53_record` validation records kept in place.',
  ].join('\n'),
  references: [EDGE_REFS.acmRenewal, `${EDGE_REFS.acmHub}#acm-1`, REFS.cabf],
  messages: {
    expiring:
      'ACM certificate {{certificate}}, {{use}}, expires in {{days}} day(s), on {{notAfter}} (renewal eligibility {{eligibility}}, renewal status {{renewal}}).',
    ok: 'ACM certificate {{certificate}} is valid for {{days}} more days (limit {{limit}}).',
    expired: 'ACM certificate {{certificate}} has already expired (see aws-acm-certificate-expired).',
    idle: 'ACM certificate {{certificate}} is not in use.',
    notIssued: 'ACM certificate {{certificate}} was never issued (status {{status}}).',
    unreadable: 'ACM certificate {{certificate}}: its details could not be read.',
  },
  defaults: { days: 30 },
  optionsSchema: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 3650 } }, additionalProperties: false },
  evaluate(r, ctx) {
    const certificate = certificateName(r.data);
    const d = r.data.details;
    if (!d) return { status: 'unknown', messageId: 'unreadable', data: { certificate } };
    if (!inUse(d)) return { status: 'not_applicable', messageId: 'idle', data: { certificate } };
    const v = validity(r.data, d, ctx.now);
    if (v.state === 'undated') return { status: 'not_applicable', messageId: 'notIssued', data: { certificate, status: d.status ?? 'unknown' } };
    if (v.state === 'expired') return { status: 'not_applicable', messageId: 'expired', data: { certificate } };
    const notAfter = d.notAfter ?? r.data.notAfter ?? 'unknown';
    if (v.daysLeft <= ctx.options.days)
      return {
        status: 'fail',
        messageId: 'expiring',
        data: { certificate, use: useText(d), days: v.daysLeft, notAfter, eligibility: d.renewalEligibility ?? 'unknown', renewal: d.renewalStatus ?? 'none' },
        evidence: {
          certificateArn: r.data.arn,
          notAfter,
          daysLeft: v.daysLeft,
          limit: ctx.options.days,
          type: r.data.type,
          renewalEligibility: d.renewalEligibility,
          renewalStatus: d.renewalStatus,
          inUseBy: d.inUseBy,
        },
      };
    return { status: 'pass', messageId: 'ok', data: { certificate, days: v.daysLeft, limit: ctx.options.days } };
  },
});
