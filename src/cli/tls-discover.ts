import { AwsNetwork, instanceExposure } from '../../policies/_lib/aws-ec2.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import { APIGATEWAY_DOMAIN_NAME } from '../model/aws/apigateway.js';
import { CLOUDFRONT_DISTRIBUTION } from '../model/aws/cloudfront.js';
import { EC2_INSTANCE } from '../model/aws/ec2.js';
import { ELBV2_LISTENER, ELBV2_LOAD_BALANCER } from '../model/aws/elbv2.js';
import type { Snapshot } from '../model/types.js';
import { parseTarget, parseTargetArgs, type TlsTarget } from '../collectors/tls/targets.js';

/** Ports probed on discovered instances by default. */
export const DEFAULT_DISCOVERY_PORTS = [443];

/**
 * TLS targets derived from a snapshot: running instances whose public address the internet can reach
 * on one of `ports` (public IP + the subnet's route to an internet gateway + a security group open to the
 * world + the subnet's NACL allowing it: the same effective-exposure path as `aws-instance-internet-exposed`).
 * Opt-in (`--tls-discover`): it sends handshakes to the account's public addresses, so it never runs unless asked.
 *
 * Also offered, whatever `ports` says (their ports are known): the HTTPS and TLS listeners of internet-facing
 * ELBv2 load balancers (`dns-name:port`; no SNI, so the certificate's name is not checked against the AWS host name),
 * enabled CloudFront distributions (`d….cloudfront.net:443`, with the first alias as SNI so CloudFront serves the
 * custom certificate) and API Gateway custom domains (the regional or edge host name AWS answers on, with the
 * custom domain as SNI).
 *
 * `exclude`: targets already requested (`--tls`, `--tls-targets`), in any spelling (`1.2.3.4:443`,
 * `https://1.2.3.4`, `tls://…`): an endpoint with the same id is not returned, so it is not scanned twice.
 */
export function discoverTlsTargets(
  snapshot: Snapshot,
  ports: readonly number[] = DEFAULT_DISCOVERY_PORTS,
  exclude: ReadonlyArray<string | TlsTarget> = [],
): TlsTarget[] {
  const index = indexSnapshot(snapshot);
  const net = new AwsNetwork(index);
  const excluded = new Set(exclude.flatMap((t) => (typeof t === 'string' ? parseTargetArgs([t]) : [t])).map((t) => t.id));
  const out = new Map<string, TlsTarget>();
  for (const instance of index.ofType(EC2_INSTANCE)) {
    if (instance.data.state !== 'running') continue;
    const exposure = instanceExposure(instance, net, ports, Number.MAX_SAFE_INTEGER);
    if (exposure.kind !== 'paths') continue;
    for (const p of exposure.paths) {
      if (p.protocol !== 'tcp') continue;
      const host = p.address.includes(':') ? `[${p.address}]` : p.address;
      const t = parseTarget(`${p.port === 443 ? 'https://' : ''}${host}:${p.port}`, 'snapshot', instance.ref.id);
      t.origin = `aws instance ${instance.ref.id} (${instance.ref.account} ${instance.ref.region})`;
      if (!excluded.has(t.id)) out.set(t.id, t);
    }
  }
  const offer = (raw: string, origin: string, label: string) => {
    const t = parseTarget(raw, 'snapshot', label);
    t.origin = origin;
    if (!excluded.has(t.id) && !out.has(t.id)) out.set(t.id, t);
  };
  const where = (r: { ref: { account: string; region: string } }) => `(${r.ref.account} ${r.ref.region})`;
  const lbs = new Map(index.ofType(ELBV2_LOAD_BALANCER).map((lb) => [lb.data.arn, lb.data]));
  for (const l of index.ofType(ELBV2_LISTENER)) {
    const lb = lbs.get(l.data.loadBalancerArn);
    if (l.data.scheme !== 'internet-facing' || !lb?.dnsName || l.data.port === null) continue;
    if (l.data.protocol !== 'HTTPS' && l.data.protocol !== 'TLS') continue;
    const scheme = l.data.protocol === 'HTTPS' ? 'https://' : 'tls://';
    offer(`${scheme}${lb.dnsName}:${l.data.port}`, `aws elbv2 listener ${l.data.loadBalancerName}:${l.data.port} ${where(l)}`, l.ref.id);
  }
  for (const d of index.ofType(CLOUDFRONT_DISTRIBUTION)) {
    if (d.data.enabled === false || !d.data.domainName) continue;
    const alias = d.data.aliases.find((a) => !a.startsWith('*.'));
    offer(`https://${d.data.domainName}:443${alias ? `@${alias}` : ''}`, `aws cloudfront distribution ${d.data.id} (${d.ref.account})`, d.ref.id);
  }
  for (const g of index.ofType(APIGATEWAY_DOMAIN_NAME)) {
    const host = g.data.regionalDomainName ?? g.data.distributionDomainName;
    if (!host || g.data.domainName.startsWith('*.')) continue;
    offer(`https://${host}:443@${g.data.domainName}`, `aws api gateway domain ${g.data.domainName} ${where(g)}`, g.ref.id);
  }
  return [...out.values()];
}
