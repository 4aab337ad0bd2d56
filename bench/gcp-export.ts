/**
 * Benchmark: read a generated 1,000,000-line `gcloud asset export --content-type=resource` file (JSON lines,
 * snake_case, a realistic mix of the asset types Vigil reads) and print time and peak RSS.
 *
 * Two passes over the same file:
 * 1. streaming only (resources normalized, counted and dropped): peak RSS must stay flat, whatever the
 *    file size, because only one line is held at a time;
 * 2. the real path (normalized resources kept for the snapshot): memory grows with the resources kept,
 *    not with the file (the raw lines are never held).
 * The file is written to a temporary directory and deleted afterwards.
 *
 * `npx tsx bench/gcp-export.ts [--lines 1000000]`
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readExportFile } from '../src/collectors/gcp/export-reader.js';
import { GcpInventory } from '../src/collectors/gcp/inventory.js';

export interface GcpExportBenchResult {
  lines: number;
  fileBytes: number;
  streaming: PassResult;
  keeping: PassResult & { resources: number };
}

interface PassResult {
  ms: number;
  /** Peak RSS sampled during the pass, in bytes. */
  peakRss: number;
  /** RSS before the pass. */
  baseRss: number;
}

const MB = 1024 * 1024;
const PROJECTS = 200;

/** One export line of a realistic type for index i (firewalls, disks, buckets, SQL, keys, SA keys…). */
function line(i: number): string {
  const p = `bench-proj-${i % PROJECTS}`;
  const n = 100000000000 + (i % PROJECTS);
  const anc = `"ancestors":["projects/${n}","folders/4000","organizations/9000"],"update_time":"2026-01-10T00:00:00Z"`;
  const parent = `"parent":"//cloudresourcemanager.googleapis.com/projects/${n}"`;
  const C = `https://www.googleapis.com/compute/v1/projects/${p}`;
  switch (i % 6) {
    case 0:
      return `{"name":"//compute.googleapis.com/projects/${p}/global/firewalls/fw-${i}","asset_type":"compute.googleapis.com/Firewall","resource":{"version":"v1","discovery_document_uri":"https://www.googleapis.com/discovery/v1/apis/compute/v1/rest","discovery_name":"Firewall",${parent},"location":"global","data":{"kind":"compute#firewall","id":"${7e18 + i}","name":"fw-${i}","network":"${C}/global/networks/default","direction":"INGRESS","priority":1000,"sourceRanges":["${i % 12 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'}"],"allowed":[{"IPProtocol":"tcp","ports":["${i % 65535}","8000-8100"]}],"targetTags":["t${i % 9}"],"selfLink":"${C}/global/firewalls/fw-${i}"}},${anc}}`;
    case 1:
      return `{"name":"//compute.googleapis.com/projects/${p}/zones/us-central1-a/disks/disk-${i}","asset_type":"compute.googleapis.com/Disk","resource":{"version":"v1","discovery_name":"Disk",${parent},"location":"us-central1-a","data":{"name":"disk-${i}","sizeGb":"${10 + (i % 500)}","zone":"${C}/zones/us-central1-a","type":"${C}/zones/us-central1-a/diskTypes/pd-balanced","status":"READY","users":["${C}/zones/us-central1-a/instances/vm-${i}"]${i % 4 === 1 ? `,"diskEncryptionKey":{"kmsKeyName":"projects/${p}/locations/us-central1/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1"}` : ''}}},${anc}}`;
    case 2:
      return `{"name":"//storage.googleapis.com/bucket-${i}","asset_type":"storage.googleapis.com/Bucket","resource":{"version":"v1","discovery_name":"Bucket",${parent},"location":"us","data":{"name":"bucket-${i}","location":"US","projectNumber":"${n}","storageClass":"STANDARD","iamConfiguration":{"publicAccessPrevention":"${i % 3 ? 'enforced' : 'inherited'}","uniformBucketLevelAccess":{"enabled":${i % 5 !== 0}},"bucketPolicyOnly":{"enabled":${i % 5 !== 0}}}}},${anc}}`;
    case 3:
      return `{"name":"//cloudsql.googleapis.com/projects/${p}/instances/db-${i}","asset_type":"sqladmin.googleapis.com/Instance","resource":{"version":"v1beta4","discovery_name":"DatabaseInstance",${parent},"location":"us-central1","data":{"name":"db-${i}","databaseVersion":"POSTGRES_15","state":"RUNNABLE","settings":{"ipConfiguration":{"ipv4Enabled":true,"sslMode":"ENCRYPTED_ONLY","authorizedNetworks":[{"name":"office","value":"203.0.113.0/24"}]}},"ipAddresses":[{"type":"PRIMARY","ipAddress":"34.1.${i % 250}.${i % 200}"}]}},${anc}}`;
    case 4:
      return `{"name":"//cloudkms.googleapis.com/projects/${p}/locations/us-central1/keyRings/r/cryptoKeys/key-${i}","asset_type":"cloudkms.googleapis.com/CryptoKey","resource":{"version":"v1","discovery_name":"CryptoKey",${parent},"location":"us-central1","data":{"name":"projects/${p}/locations/us-central1/keyRings/r/cryptoKeys/key-${i}","purpose":"ENCRYPT_DECRYPT","rotationPeriod":"7776000s","primary":{"state":"ENABLED"},"versionTemplate":{"protectionLevel":"SOFTWARE","algorithm":"GOOGLE_SYMMETRIC_ENCRYPTION"}}},${anc}}`;
    default:
      return `{"name":"//iam.googleapis.com/projects/${p}/serviceAccounts/${1e20 + i}/keys/k${i}","asset_type":"iam.googleapis.com/ServiceAccountKey","resource":{"version":"v1","discovery_name":"ServiceAccountKey",${parent},"location":"global","data":{"name":"projects/${p}/serviceAccounts/sa-${i % 1000}@${p}.iam.gserviceaccount.com/keys/k${i}","keyAlgorithm":"KEY_ALG_RSA_2048","keyOrigin":"GOOGLE_PROVIDED","keyType":"${i % 2 ? 'USER_MANAGED' : 'SYSTEM_MANAGED'}","validAfterTime":"2025-0${1 + (i % 9)}-01T00:00:00Z","validBeforeTime":"9999-12-31T23:59:59Z"}},${anc}}`;
  }
}

async function generate(file: string, lines: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  for (let i = 0; i < lines; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Runs `fn` while sampling RSS every 20 ms. */
async function measure<T>(fn: () => Promise<T>): Promise<PassResult & { value: T }> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return { value, ms: performance.now() - t0, peakRss, baseRss };
  } finally {
    clearInterval(timer);
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<GcpExportBenchResult> {
  const i = argv.indexOf('--lines');
  const lines = i >= 0 ? Number(argv[i + 1]) : 1_000_000;
  if (!Number.isInteger(lines) || lines <= 0) throw new Error('--lines takes a positive integer');
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-gcp-'));
  const file = join(dir, 'resources.jsonl');
  try {
    await generate(file, lines);
    const fileBytes = (await stat(file)).size;

    const streaming = await measure(async () => {
      const inv = new GcpInventory({ keepResources: false });
      const stats = await readExportFile(file, inv);
      if (stats.records !== lines || stats.malformed !== 0) throw new Error(`read ${stats.records} records, ${stats.malformed} malformed; expected ${lines}`);
      return inv.finish();
    });
    const keeping = await measure(async () => {
      const inv = new GcpInventory();
      await readExportFile(file, inv);
      return inv.finish();
    });
    const resources = keeping.value.resources.length;
    if (resources !== lines) throw new Error(`kept ${resources} resources, expected ${lines}`);

    const row = (name: string, r: PassResult) =>
      `  ${name}: ${(r.ms / 1000).toFixed(1)} s (${Math.round(lines / (r.ms / 1000)).toLocaleString('en')} lines/s, ${(fileBytes / MB / (r.ms / 1000)).toFixed(0)} MB/s), ` +
      `peak RSS ${(r.peakRss / MB).toFixed(0)} MB (+${((r.peakRss - r.baseRss) / MB).toFixed(0)} MB over ${(r.baseRss / MB).toFixed(0)} MB)`;
    console.log(`gcp-export: ${lines.toLocaleString('en')}-line resource export, ${(fileBytes / MB).toFixed(0)} MB`);
    console.log(row('streaming, resources dropped', streaming));
    console.log(row('resources kept (snapshot path)', keeping));
    console.log(
      `  kept ${resources.toLocaleString('en')} normalized resources: ~${Math.round((keeping.peakRss - keeping.baseRss) / resources)} bytes of RSS each; the file itself is never held`,
    );
    const { value: _s, ...s } = streaming;
    const { value: _k, ...k } = keeping;
    return { lines, fileBytes, streaming: s, keeping: { ...k, resources } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
