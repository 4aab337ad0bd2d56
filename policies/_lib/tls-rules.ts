/** Shared helpers of the tls-* rules. */
import type { OptionsSchema, RuleResult } from '../../src/engine/types.js';
import type { Resource } from '../../src/model/types.js';
import { TLS_PROTOCOL_NAMES, type TlsCertificate, type TlsEndpointData, type TlsProtocol } from '../../src/model/tls.js';
import { MOZILLA_PROFILES, type MozillaProfile, type MozillaProfileName, PROFILE_OPTION } from './tls-profiles.js';

export type TlsEndpoint = Resource<TlsEndpointData>;

export const REFS = {
  mozilla: 'https://wiki.mozilla.org/Security/Server_Side_TLS',
  generator: 'https://ssl-config.mozilla.org/',
  nist: 'https://csrc.nist.gov/pubs/sp/800/52/r2/final',
  rfc8996: 'https://www.rfc-editor.org/rfc/rfc8996',
  rfc9325: 'https://www.rfc-editor.org/rfc/rfc9325',
  rfc6797: 'https://www.rfc-editor.org/rfc/rfc6797',
  rfc6125: 'https://www.rfc-editor.org/rfc/rfc6125',
  cabf: 'https://cabforum.org/working-groups/server/baseline-requirements/documents/',
  pci: 'https://www.pcisecuritystandards.org/document_library/',
};

/**
 * The `profile` tunable of the rules graded against a Mozilla profile (`intermediate` by default, or
 * `modern`): spread into the rule as its `defaults` and `optionsSchema`.
 */
export const PROFILE_TUNABLE: { defaults: { profile: MozillaProfileName }; optionsSchema: OptionsSchema } = {
  defaults: { profile: 'intermediate' },
  optionsSchema: { type: 'object', properties: { profile: PROFILE_OPTION }, additionalProperties: false },
};

export function profileOf(options: { profile?: MozillaProfileName }): MozillaProfile {
  return MOZILLA_PROFILES[options.profile ?? 'intermediate'];
}

export function protocolName(p: TlsProtocol): string {
  return TLS_PROTOCOL_NAMES[p];
}

/** The endpoint's display name for messages. */
export function endpointName(r: TlsEndpoint): string {
  return r.ref.id;
}

/** `unknown` result for a field that was not probed. */
export function notProbed(what: string, r: TlsEndpoint): RuleResult<'notProbed'> {
  return { status: 'unknown', messageId: 'notProbed', data: { endpoint: endpointName(r), what } };
}

/** Template shared by every tls rule for {@link notProbed}. */
export const NOT_PROBED_MESSAGE = 'Not evaluated on {{endpoint}}: {{what}} could not be probed (see coverage).';

/**
 * The certificates the server is answerable for: the leaf and the intermediates it sent, without a
 * self-signed root (its own signature and key are not used to validate anything).
 */
export function servedCertificates(chain: TlsCertificate[]): Array<{ position: string; cert: TlsCertificate }> {
  return chain.map((cert, i) => ({ position: i === 0 ? 'leaf' : `chain[${i}]`, cert })).filter(({ cert }, i) => i === 0 || !cert.selfSigned);
}

const DAY = 86_400_000;

/** Whole days from `now` to the certificate's notAfter (negative once expired). */
export function daysLeft(cert: TlsCertificate, now: Date): number {
  return Math.floor((Date.parse(cert.notAfter) - now.getTime()) / DAY);
}
