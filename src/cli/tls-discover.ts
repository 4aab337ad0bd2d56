import { AwsNetwork, instanceExposure } from '../../policies/_lib/aws-ec2.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import { EC2_INSTANCE } from '../model/aws/ec2.js';
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
  return [...out.values()];
}
