/**
 * `npm run demo`: a full audit of a demo environment that needs no cloud account.
 *
 * - AWS: starts moto_server on a free 127.0.0.1 port, seeds a deliberately misconfigured account
 *   (network, IAM, encryption, logging) in two regions, and collects it through the real AWS SDK.
 *   Without moto_server it evaluates the bundled snapshot `examples/demo/aws-snapshot.json` instead, and says so.
 * - TLS: starts a few local TLS endpoints (good, legacy, expired) and probes them with real handshakes.
 * - GCP: reads the bundled `gcloud asset export` sample in `examples/demo/gcp-export/`.
 * Then evaluates every rule pack with the HIPAA, SOC 2 and PCI DSS 4.0 frameworks and writes the reports.
 *
 * Flags: --out DIR (default vigil-out), --write-bundled-snapshot (refresh aws-snapshot.json from moto).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { collect, mergeOutputs } from '../../src/collectors/index.js';
import { evaluateAndReport } from '../../src/cli/pipeline.js';
import { parseSnapshot } from '../../src/model/schema.js';
import type { Snapshot } from '../../src/model/types.js';
import { startFaultProxy } from '../../src/testing/fault-proxy.js';
import { cloudFrontListDistributions } from '../../src/testing/moto-cloudfront.js';
import { MOTO_INSTALL_HINT, motoAvailable, startMoto } from '../../src/testing/moto-server.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { InputError } from '../../src/util/errors.js';
import { seedAwsData } from './seed-aws-data.js';
import { seedAwsElbv2 } from './seed-aws-elbv2.js';
import { seedAwsDatastores } from './seed-aws-datastores.js';
import { seedAwsEdge } from './seed-aws-edge.js';
import { seedAwsDetectionExtra } from './seed-aws-detection-extra.js';
import { seedAwsIam } from './seed-aws-iam.js';
import { seedAwsNetwork } from './seed-aws-network.js';
import { seedAwsTransitData } from './seed-aws-transit-data.js';
import { startDemoTlsEndpoints } from './tls-endpoints.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
/** The region the single-region seeds (load balancers, transit data) use. */
const HOME_REGION = 'us-east-1';
const REGIONS = [HOME_REGION, 'eu-west-1'];
const BUNDLED_AWS_SNAPSHOT = here('./aws-snapshot.json');
const GCP_EXPORTS = [here('./gcp-export/resources.jsonl'), here('./gcp-export/iam.jsonl')];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function collectAwsDemo(): Promise<Snapshot | undefined> {
  if (!motoAvailable()) {
    console.log(`[demo] ${MOTO_INSTALL_HINT}`);
    console.log(`[demo] Evaluating the bundled AWS snapshot instead: ${BUNDLED_AWS_SNAPSHOT}`);
    return parseSnapshot(await readFile(BUNDLED_AWS_SNAPSHOT, 'utf8'), BUNDLED_AWS_SNAPSHOT);
  }
  console.log('[demo] starting moto_server on 127.0.0.1 and seeding a misconfigured AWS account …');
  const moto = await startMoto({ env: { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
  try {
    await seedAwsNetwork(moto.endpoint, REGIONS);
    await seedAwsIam(moto.endpoint);
    await seedAwsData(moto.endpoint, REGIONS);
    await seedAwsElbv2(moto.endpoint, HOME_REGION);
    await seedAwsDatastores(moto.endpoint, REGIONS);
    await seedAwsTransitData(moto.endpoint, HOME_REGION);
    await seedAwsEdge(moto.endpoint, REGIONS);
    await seedAwsDetectionExtra(moto.endpoint, REGIONS);
    // moto's ListDistributions omits the distributions' settings: a loopback proxy answers it from moto's state.
    const proxy = await startFaultProxy({ target: moto.endpoint, respond: cloudFrontListDistributions(moto.endpoint) });
    let snapshot: Snapshot;
    try {
      snapshot = await collect({ aws: { endpointUrl: proxy.endpoint, regions: REGIONS } });
    } finally {
      await proxy.stop();
    }
    if (process.argv.includes('--write-bundled-snapshot')) {
      await writeFileAtomic(BUNDLED_AWS_SNAPSHOT, JSON.stringify(snapshot, null, 1) + '\n');
      console.log(`[demo] wrote ${BUNDLED_AWS_SNAPSHOT}`);
    }
    return snapshot;
  } finally {
    await moto.stop();
  }
}

async function main(): Promise<number> {
  const outDir = arg('--out') ?? 'vigil-out';
  const startedAt = new Date().toISOString();
  const aws = await collectAwsDemo();

  console.log('[demo] starting local TLS endpoints and reading the bundled GCP export …');
  const tls = await startDemoTlsEndpoints();
  let live: Snapshot;
  try {
    live = await collect({ tls: { targets: tls.targets, caFile: tls.caFile }, gcp: { exportFiles: GCP_EXPORTS } });
  } finally {
    await tls.stop();
  }

  const parts = [aws, live].filter((s): s is Snapshot => !!s);
  const snapshot = mergeOutputs(
    parts.map((s) => ({ scopes: s.scopes, resources: s.resources, coverage: s.coverage, apiCalls: s.stats?.apiCalls })),
    startedAt,
  );
  await writeFileAtomic(`${outDir}/snapshot.json`, JSON.stringify(snapshot));
  await evaluateAndReport(snapshot, {
    flags: { out: outDir, failOn: 'none' },
    config: { frameworks: ['hipaa', 'soc2', 'pci-dss-4.0'] },
  });
  console.log(`\n[demo] reports written to ${outDir}/: report.html, vigil.sarif, findings.json, compliance.json`);
  console.log(`[demo] open the HTML report in a browser: ${pathToFileURL(resolve(outDir, 'report.html')).href}`);
  console.log(`[demo] the snapshot is in ${outDir}/snapshot.json; re-evaluate it offline (no network) with`);
  console.log(`[demo]   npx vigil evaluate ${outDir}/snapshot.json --framework hipaa,soc2,pci-dss-4.0 --out vigil-out-2`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof InputError) console.error(`vigil demo: ${err.describe()}`);
    else console.error(err);
    process.exit(2);
  },
);
