import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsElbv2ListenerTls13NotSupported from './aws-elbv2-listener-tls-1-3-not-supported.js';
import awsElbv2ListenerLegacyProtocol from './aws-elbv2-listener-legacy-protocol.js';
import awsElbv2ListenerWeakCipherSuites from './aws-elbv2-listener-weak-cipher-suites.js';
import awsElbv2HttpListenerNoRedirect from './aws-elbv2-http-listener-no-redirect.js';
import tls13NotSupported from './tls-1-3-not-supported.js';
import tlsLegacyProtocolEnabled from './tls-legacy-protocol-enabled.js';
import tlsWeakCipherSuites from './tls-weak-cipher-suites.js';
import tlsCertExpired from './tls-cert-expired.js';
import tlsCertExpiringSoon from './tls-cert-expiring-soon.js';
import tlsCertLifetimeTooLong from './tls-cert-lifetime-too-long.js';
import tlsCertWeakKey from './tls-cert-weak-key.js';
import tlsCertWeakSignature from './tls-cert-weak-signature.js';
import tlsCertHostnameMismatch from './tls-cert-hostname-mismatch.js';
import tlsCertUntrusted from './tls-cert-untrusted.js';
import tlsHstsMissing from './tls-hsts-missing.js';
import gcpSslPolicyWeak from './gcp-ssl-policy-weak.js';
import gcpHttpsProxyNoSslPolicy from './gcp-https-proxy-no-ssl-policy.js';
import awsElbListenerLegacyProtocol from './aws-elb-listener-legacy-protocol.js';
import awsElbListenerWeakCipherSuites from './aws-elb-listener-weak-cipher-suites.js';
import awsElbTls13NotSupported from './aws-elb-tls-1-3-not-supported.js';
import awsElbHttpListener from './aws-elb-http-listener.js';
import awsOpensearchHttpsNotEnforced from './aws-opensearch-https-not-enforced.js';
import awsOpensearchTlsPolicyWeak from './aws-opensearch-tls-policy-weak.js';
import awsCloudfrontViewerHttpAllowed from './aws-cloudfront-viewer-http-allowed.js';
import awsCloudfrontViewerLegacyTls from './aws-cloudfront-viewer-legacy-tls.js';
import awsCloudfrontOriginInsecureProtocol from './aws-cloudfront-origin-insecure-protocol.js';
import awsAcmCertificateExpired from './aws-acm-certificate-expired.js';
import awsAcmCertificateExpiringSoon from './aws-acm-certificate-expiring-soon.js';
import awsAcmCertificateWeakKey from './aws-acm-certificate-weak-key.js';
import awsAcmCertificateIdleUnsafe from './aws-acm-certificate-idle-unsafe.js';
import awsApigatewayDomainLegacyTls from './aws-apigateway-domain-legacy-tls.js';

/** The tls pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  tls13NotSupported,
  tlsLegacyProtocolEnabled,
  tlsWeakCipherSuites,
  tlsCertExpired,
  tlsCertExpiringSoon,
  tlsCertLifetimeTooLong,
  tlsCertWeakKey,
  tlsCertWeakSignature,
  tlsCertHostnameMismatch,
  tlsCertUntrusted,
  tlsHstsMissing,
  gcpSslPolicyWeak,
  gcpHttpsProxyNoSslPolicy,
  awsElbv2ListenerTls13NotSupported,
  awsElbv2ListenerLegacyProtocol,
  awsElbv2ListenerWeakCipherSuites,
  awsElbv2HttpListenerNoRedirect,
  awsElbListenerLegacyProtocol,
  awsElbListenerWeakCipherSuites,
  awsElbTls13NotSupported,
  awsElbHttpListener,
  awsOpensearchHttpsNotEnforced,
  awsOpensearchTlsPolicyWeak,
  awsCloudfrontViewerHttpAllowed,
  awsCloudfrontViewerLegacyTls,
  awsCloudfrontOriginInsecureProtocol,
  awsAcmCertificateExpired,
  awsAcmCertificateExpiringSoon,
  awsAcmCertificateWeakKey,
  awsAcmCertificateIdleUnsafe,
  awsApigatewayDomainLegacyTls,
];
