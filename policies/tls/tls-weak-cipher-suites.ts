import { defineRule } from '../../src/api/rule.js';
import { TLS_ENDPOINT_TYPE, TLS_PROTOCOLS, type TlsKeyExchange } from '../../src/model/tls.js';
import { allowedByProfile, INSECURE, keyExchangeOutsideProfile, suiteWeaknesses } from '../_lib/tls-profiles.js';
import { endpointName, NOT_PROBED_MESSAGE, PROFILE_TUNABLE, profileOf, protocolName, REFS } from '../_lib/tls-rules.js';

export default defineRule({
  id: 'tls-weak-cipher-suites',
  title: 'TLS endpoint accepts weak or non-recommended cipher suites',
  severity: 'high',
  resourceTypes: [TLS_ENDPOINT_TYPE],
  description:
    'Grades every accepted suite (one handshake per candidate, per protocol) against the Mozilla profile (`intermediate` by default, or `modern`). Fails with `weak` when a broken suite is accepted (NULL, anonymous, EXPORT, RC4, DES/3DES, MD5, DHE under 2048 bits), otherwise with `outsideProfile` for CBC-mode, non-forward-secret or other suites the profile does not list, and for a key exchange on a group the profile does not list (e.g. P-521, finite-field DH), as negotiated by the handshake that accepted the suite.',
  risk: 'Weak suites let an attacker read or alter traffic (NULL, anonymous, EXPORT, RC4, Sweet32 on 3DES, Logjam). Suites without forward secrecy let anyone who later obtains the private key decrypt recorded sessions; CBC suites carry the padding-oracle history (Lucky13).',
  remediation: [
    "Offer only the profile's suites; generate a configuration at https://ssl-config.mozilla.org/.",
    '',
    '- nginx (intermediate): `ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`',
    '- AWS ALB: `ELBSecurityPolicy-TLS13-1-2-Res-2021-06` (forward-secret AEAD only).',
    '- Node.js: `ciphers` option with the same list.',
  ].join('\n'),
  references: [REFS.mozilla, REFS.generator, REFS.rfc9325, REFS.nist],
  messages: {
    weak: '{{endpoint}} accepts {{count}} weak suite(s): {{suites}}.',
    outsideProfile: '{{endpoint}} accepts {{count}} suite(s) outside the Mozilla {{profile}} profile: {{suites}}.',
    ok: '{{endpoint}} accepts only suites of the Mozilla {{profile}} profile.',
    notProbed: NOT_PROBED_MESSAGE,
  },
  ...PROFILE_TUNABLE,
  evaluate(r, ctx) {
    const profile = profileOf(ctx.options);
    const endpoint = endpointName(r);
    const offenders: Array<{ protocol: string; suite: string; weaknesses: string[]; insecure: boolean; keyExchange?: TlsKeyExchange }> = [];
    for (const p of TLS_PROTOCOLS)
      for (const s of r.data.suites[p]?.accepted ?? []) {
        const found = suiteWeaknesses(s);
        const weaknesses: string[] = found;
        const group = keyExchangeOutsideProfile(profile, s.keyExchange);
        if (weaknesses.length === 0 && !group && allowedByProfile(profile, p, s.iana)) continue;
        const insecure = found.some((w) => INSECURE.has(w));
        offenders.push({
          protocol: protocolName(p),
          suite: s.iana,
          weaknesses: group ? [...weaknesses, group] : weaknesses,
          insecure,
          ...(s.keyExchange ? { keyExchange: s.keyExchange } : {}),
        });
      }
    const show = (list: typeof offenders) =>
      list
        .slice(0, 8)
        .map((o) => `${o.suite} (${o.protocol}${o.weaknesses.length ? `: ${o.weaknesses.join(', ')}` : ''})`)
        .join('; ') + (list.length > 8 ? '; …' : '');
    const evidence = { profile: profile.name, suites: offenders.map(({ insecure: _, ...o }) => o) };
    const insecure = offenders.filter((o) => o.insecure);
    if (insecure.length > 0) return { status: 'fail', messageId: 'weak', data: { endpoint, count: insecure.length, suites: show(insecure) }, evidence };
    if (offenders.length > 0)
      return {
        status: 'fail',
        messageId: 'outsideProfile',
        data: { endpoint, count: offenders.length, profile: profile.name, suites: show(offenders) },
        evidence,
      };
    const incomplete = TLS_PROTOCOLS.filter((p) => {
      const probed = r.data.suites[p];
      return !probed || probed.inconclusive.length > 0;
    });
    if (incomplete.length > 0)
      return { status: 'unknown', messageId: 'notProbed', data: { endpoint, what: `the suites of ${incomplete.map(protocolName).join(', ')}` } };
    return { status: 'pass', messageId: 'ok', data: { endpoint, profile: profile.name }, evidence: { profile: profile.name, notProbed: r.data.notes } };
  },
});
