/**
 * Benchmark: collection under injected faults. moto_server on a free 127.0.0.1 port, seeded with the demo's
 * data (examples/demo/seed-aws-data.ts), collected once directly and then through the fault proxy
 * (src/testing/fault-proxy.ts) at several fault rates: each protocol's native throttling, 500/503 in its
 * shape, dropped connections and slow answers, on the first and second attempts of a call (the third always
 * goes through, so every fault is recoverable). Prints, per rate, whether the snapshot is identical to the
 * fault-free one (resources and coverage; logical call counts are not compared: IAM's credential-report polling
 * varies between two fault-free runs already), the faults injected, and the wall-time overhead.
 *
 * `npx tsx bench/faults.ts [--rates 0.1,0.3,0.5]`
 */
import { createHash } from 'node:crypto';
import { seedAwsData } from '../examples/demo/seed-aws-data.js';
import { collectAws } from '../src/collectors/aws/index.js';
import type { CollectorOutput } from '../src/collectors/types.js';
import { type Fault, startFaultProxy } from '../src/testing/fault-proxy.js';
import { startMoto } from '../src/testing/moto-server.js';

const REGION = 'us-east-1';
const SERVICES = ['s3', 'kms', 'ebs', 'ec2', 'iam', 'rds'];
const KINDS: Fault[] = ['throttle', '5xx', 'drop', 'slow'];
const arg = process.argv.indexOf('--rates');
const RATES = (arg > 0 ? (process.argv[arg + 1] ?? '') : '0.1,0.3,0.5').split(',').map(Number);

const draw = (key: string): number => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
const comparable = (o: CollectorOutput): string =>
  JSON.stringify({
    resources: o.resources.map((x) => JSON.stringify(x)).sort(),
    coverage: o.coverage.map((x) => JSON.stringify(x)).sort(),
  });

const moto = await startMoto();
try {
  await seedAwsData(moto.endpoint, [REGION]);
  const run = async (endpoint: string) => {
    const t = Date.now();
    const out = await collectAws({ endpointUrl: endpoint, regions: [REGION], services: SERVICES });
    return { out, ms: Date.now() - t };
  };
  await run(moto.endpoint); // warm moto's backends
  const base = await run(moto.endpoint);
  const baseText = comparable(base.out);
  console.log(`fault-free: ${base.out.resources.length} resources, ${Object.values(base.out.apiCalls ?? {}).reduce((a, b) => a + b, 0)} calls, ${base.ms} ms`);
  console.log('rate  | identical | requests | faults (throttle/5xx/drop/slow) | wall ms | overhead');
  for (const rate of RATES) {
    const proxy = await startFaultProxy({
      target: moto.endpoint,
      slowMs: 200,
      fault: (req, nth) => {
        const key = `${rate}|${req.service}|${req.operation}|${nth}`;
        return nth <= 2 && draw(key) < rate ? KINDS[Math.floor(draw(`${key}|kind`) * KINDS.length)] : undefined;
      },
    });
    try {
      const r = await run(proxy.endpoint);
      const count = (o: string) => proxy.log.filter((x) => x.outcome === o).length;
      const faults = `${count('throttled')}/${count('failed')}/${count('dropped')}/${count('slow')}`;
      const identical = comparable(r.out) === baseText;
      console.log(
        `${rate.toFixed(2).padEnd(5)} | ${String(identical).padEnd(9)} | ${String(proxy.log.length).padEnd(8)} | ${faults.padEnd(30)} | ${String(r.ms).padEnd(7)} | ${r.ms >= base.ms ? '+' : ''}${Math.round(((r.ms - base.ms) / base.ms) * 100)}%`,
      );
      if (!identical) process.exitCode = 1;
    } finally {
      await proxy.stop();
    }
  }
} finally {
  await moto.stop();
}
