/**
 * Benchmark: how many EC2 API calls does a collection make for N security groups? Starts moto_server on a
 * free 127.0.0.1 port, seeds N groups (each with an ingress rule) in us-east-1 for each N, collects with
 * collectAws() and prints `stats.apiCalls`. The count must grow with pages (1,000 groups per page), not with
 * resources: no per-group call. Every tenth group takes its source from one shared managed prefix list, whose
 * entries cost one call per distinct list, not per referencing group. (moto ignores MaxResults for DescribeSecurityGroups, so it always answers in
 * one page; the paging path itself is tested in test/collectors/aws/ec2-network-paging.test.ts.)
 *
 * `npx tsx bench/ec2-api-calls.ts [--sizes 10,100,500]`
 */
import { AuthorizeSecurityGroupIngressCommand, CreateManagedPrefixListCommand, CreateSecurityGroupCommand, type IpPermission } from '@aws-sdk/client-ec2';
import pLimit from 'p-limit';
import { collectAws } from '../src/collectors/aws/index.js';
import { mergeOutputs } from '../src/collectors/index.js';
import { awsClients } from '../src/testing/aws-clients.js';
import { startMoto } from '../src/testing/moto-server.js';

const REGION = 'us-east-1';

export interface Ec2ApiCallsRow {
  groups: number;
  ec2Calls: number;
  byOperation: Record<string, number>;
  collectMs: number;
}

async function seedGroups(endpoint: string, n: number): Promise<void> {
  const clients = awsClients(endpoint, REGION);
  const { ec2 } = clients;
  const limit = pLimit(8);
  try {
    const office = (
      await ec2.send(
        new CreateManagedPrefixListCommand({ PrefixListName: 'bench-office', AddressFamily: 'IPv4', MaxEntries: 5, Entries: [{ Cidr: '198.51.100.0/24' }] }),
      )
    ).PrefixList!.PrefixListId!;
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        limit(async () => {
          const id = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: `bench-${i}`, Description: 'bench' }))).GroupId!;
          const port = 1000 + (i % 1000);
          const perm: IpPermission = {
            IpProtocol: 'tcp',
            FromPort: port,
            ToPort: port,
            ...(i % 10 === 0 ? { PrefixListIds: [{ PrefixListId: office }] } : { IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
          };
          await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [perm] }));
        }),
      ),
    );
  } finally {
    clients.destroy();
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<Ec2ApiCallsRow[]> {
  const i = argv.indexOf('--sizes');
  const sizesArg = i >= 0 ? argv[i + 1] : '10,100,500';
  if (sizesArg === undefined) throw new Error('ec2-api-calls: --sizes needs a value, e.g. --sizes 10,100,500');
  const sizes = sizesArg.split(',').map(Number);
  const moto = await startMoto();
  const rows: Ec2ApiCallsRow[] = [];
  try {
    for (const n of sizes) {
      await moto.reset();
      await seedGroups(moto.endpoint, n);
      const t0 = performance.now();
      const out = await collectAws({ endpointUrl: moto.endpoint, regions: [REGION], services: ['ec2'] });
      const collectMs = performance.now() - t0;
      const snapshot = mergeOutputs([out], new Date().toISOString());
      const byOperation = Object.fromEntries(Object.entries(snapshot.stats?.apiCalls ?? {}).filter(([k]) => k.startsWith('ec2:')));
      const found = snapshot.resources.filter((r) => r.ref.type === 'aws.ec2.security-group' && r.ref.name?.startsWith('bench-')).length;
      if (found !== n) throw new Error(`expected ${n} seeded groups in the snapshot, found ${found}`);
      rows.push({ groups: n, ec2Calls: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation, collectMs });
    }
  } finally {
    await moto.stop();
  }
  console.log('ec2-api-calls: EC2 API calls per collection of N security groups (one region, moto)');
  for (const r of rows) {
    const ops = Object.entries(r.byOperation)
      .map(([k, v]) => `${k.slice(4)} ${v}`)
      .join(', ');
    console.log(`  N=${String(r.groups).padStart(5)}: ${r.ec2Calls} calls (${ops}) in ${r.collectMs.toFixed(0)} ms`);
  }
  const constant = rows.every((r) => r.ec2Calls === rows[0]?.ec2Calls);
  console.log(`  calls grow with N: ${constant ? 'no (constant, as required)' : 'YES — per-resource calls crept in'}`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
