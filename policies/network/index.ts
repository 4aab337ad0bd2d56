import type { AnyRuleDefinition } from '../../src/engine/types.js';
import awsSgOpenAdminPort from './aws-sg-open-admin-port.js';
import awsSgOpenSensitivePort from './aws-sg-open-sensitive-port.js';
import awsSgOpenAllPorts from './aws-sg-open-all-ports.js';
import awsNaclOpenAdminPort from './aws-nacl-open-admin-port.js';
import awsDefaultSgHasRules from './aws-default-sg-has-rules.js';
import awsInstanceInternetExposed from './aws-instance-internet-exposed.js';
import awsInstanceImdsv1Allowed from './aws-instance-imdsv1-allowed.js';
import awsElbv2DropInvalidHeadersOff from './aws-elbv2-drop-invalid-headers-off.js';
import gcpFirewallOpenAdminPort from './gcp-firewall-open-admin-port.js';
import gcpFirewallOpenSensitivePort from './gcp-firewall-open-sensitive-port.js';
import gcpFirewallOpenAllPorts from './gcp-firewall-open-all-ports.js';
import awsOpensearchDomainPublic from './aws-opensearch-domain-public.js';
import awsRedshiftClusterPublic from './aws-redshift-cluster-public.js';

/** The network pack: every rule module of this folder, listed explicitly (a meta test checks the list against the folder). */
export const rules: AnyRuleDefinition[] = [
  awsSgOpenAdminPort,
  awsSgOpenSensitivePort,
  awsSgOpenAllPorts,
  awsNaclOpenAdminPort,
  awsDefaultSgHasRules,
  awsInstanceInternetExposed,
  awsInstanceImdsv1Allowed,
  awsElbv2DropInvalidHeadersOff,
  gcpFirewallOpenAdminPort,
  gcpFirewallOpenSensitivePort,
  gcpFirewallOpenAllPorts,
  awsOpensearchDomainPublic,
  awsRedshiftClusterPublic,
];
