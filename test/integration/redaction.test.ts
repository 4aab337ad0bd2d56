/**
 * The credential values a run signs with never leave it: an endpoint that echoes the session token and key id in
 * its error (through the fault proxy in front of moto, as a misbehaving proxy or service can), and a rule whose
 * error quotes the keys, end up redacted in the snapshot, in every report format, on the terminal and in errors.
 * Also for the role sessions a fleet audit assumes. The outputs are grepped for the raw values.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STSClient } from '@aws-sdk/client-sts';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assumeRoleProvider } from '../../src/collectors/aws/assume-role.js';
import { collectAws } from '../../src/collectors/aws/index.js';
import { mergeOutputs } from '../../src/collectors/index.js';
import { REDACTED, runSecrets } from '../../src/model/redaction.js';
import type { Snapshot } from '../../src/model/types.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { runCli } from '../support/cli.js';

const KEY_ID = 'AKIAVIGILREDACTION01';
const SECRET = 'vigilRedactionTestSecret/0123456789+ABCDEF';
const TOKEN = 'FwoGZXIvYXdzEVigilRedactionSessionToken//////////wEaDH+test/token+value==';
/** Someone else's key, quoted by a rule error: removed by pattern, not by value. */
const FOREIGN_KEY = 'AKIAFOREIGNKEY000042';

let moto: MotoServer;
let proxy: FaultProxy;
let dir: string;
/** Session tokens and key ids the proxy saw on the echoed requests. */
const seen = { tokens: new Set<string>(), keyIds: new Set<string>() };

const RULE = `// A rule whose error quotes the credentials of the process and a key it read.
export default {
  id: 'leaky-rule',
  title: 'A rule that fails loudly',
  severity: 'high',
  resourceTypes: ['aws.ebs.encryption-default'],
  description: 'Throws with the keys in its message.',
  risk: 'None.',
  remediation: 'None.',
  references: [],
  messages: { ok: 'ok' },
  evaluate() {
    throw new Error('cannot sign with ' + process.env.AWS_ACCESS_KEY_ID + ':' + process.env.AWS_SECRET_ACCESS_KEY + ' token ' + process.env.AWS_SESSION_TOKEN + ' nor ${FOREIGN_KEY}');
  },
};
`;

beforeAll(async () => {
  moto = await startMoto();
  dir = await mkdtemp(join(tmpdir(), 'vigil-redaction-'));
  await mkdir(join(dir, 'rules'));
  await writeFile(join(dir, 'rules', 'leaky-rule.mjs'), RULE);
  // Something passes, so that the run assessed something (exit 0, not 3).
  await writeFile(
    join(dir, 'rules', 'quiet-rule.mjs'),
    RULE.replace(/leaky-rule/g, 'quiet-rule').replace(/throw new Error\([^;]*;/, "return { status: 'pass', messageId: 'ok' };"),
  );
  // KMS ListKeys answers with an error quoting the request's own key id and session token.
  proxy = await startFaultProxy({
    target: moto.endpoint,
    respond: async (req) => {
      if (req.operation !== 'TrentService.ListKeys') return undefined;
      const token = req.headers['x-amz-security-token'] ?? '';
      const keyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
      seen.tokens.add(token);
      seen.keyIds.add(keyId);
      return {
        status: 400,
        type: 'application/x-amz-json-1.1',
        body: JSON.stringify({ __type: 'InvalidGrantTokenException', message: `request by ${keyId} with security token ${token} was refused` }),
      };
    },
  });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
  await rm(dir, { recursive: true, force: true });
  runSecrets.clear();
});

async function allOutputs(outDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(outDir)) out[name] = await readFile(join(outDir, name), 'utf8');
  return out;
}

describe('credential redaction', () => {
  it('audit: the echoed token and key id, and the keys in a rule error, are in no output; the places they were are marked', async () => {
    const env = { ...process.env, NO_COLOR: '1', AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_REGION: 'us-east-1' };
    const args = ['audit', '--endpoint-url', proxy.endpoint, '--regions', 'us-east-1', '--services', 'kms,ebs', '--rules-dir', join(dir, 'rules')];
    args.push(
      '--rules',
      'leaky-rule,quiet-rule,aws-kms-key-rotation-off',
      '--format',
      'sarif,html,json,csv,ocsf,asff',
      '--out',
      'out',
      '--snapshot',
      'snap.json',
    );
    args.push('--verbose', '--fail-on', 'none', '--no-progress');
    const run = await runCli(args, { cwd: dir, env, timeoutMs: 90_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect([...seen.tokens]).toEqual([TOKEN]); // the echo really carried the run's token
    expect([...seen.keyIds]).toEqual([KEY_ID]);

    const outputs: Record<string, string> = {
      ...(await allOutputs(join(dir, 'out'))),
      'snap.json': await readFile(join(dir, 'snap.json'), 'utf8'),
      stdout: run.stdout,
    };
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'findings.json',
        'report.html',
        'snap.json',
        'stdout',
        'vigil-manifest.json',
        'vigil.sarif',
        'findings.csv',
        'findings.ocsf.json',
        'securityhub-findings.json',
      ].sort(),
    );
    for (const [name, text] of Object.entries(outputs)) {
      for (const raw of [KEY_ID, SECRET, TOKEN, encodeURIComponent(TOKEN), FOREIGN_KEY]) {
        if (text.includes(raw)) throw new Error(`${name} contains the raw value ${raw}`);
      }
    }
    // The snapshot keeps the gap, its code and a message saying where the token was.
    const snap = JSON.parse(outputs['snap.json']!) as Snapshot;
    const gap = snap.coverage.find((c) => c.service === 'kms' && c.operation === 'ListKeys');
    expect(gap).toMatchObject({ status: 'error', errorCode: 'InvalidGrantTokenException' });
    expect(gap?.message).toBe(`request by ${REDACTED} with security token ${REDACTED} was refused`);
    // The rule error is still reported (unknown), its message redacted.
    const findings = JSON.parse(outputs['findings.json']!) as { findings: Array<{ ruleId: string; status: string; message: string }> };
    const leaky = findings.findings.filter((f) => f.ruleId === 'leaky-rule');
    expect(leaky.length).toBeGreaterThan(0);
    for (const f of leaky) {
      expect(f.status).toBe('unknown');
      expect(f.message).toContain(`cannot sign with ${REDACTED}:${REDACTED} token ${REDACTED} nor AKIA…`);
    }
  }, 120_000);

  it("a fleet audit's assumed-role session echoed by an endpoint is redacted in the collected snapshot", async () => {
    seen.tokens.clear();
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'AKIAMANAGEMENT000001', secretAccessKey: 'management-secret-key-0000000000000000000' },
    });
    const credentials = assumeRoleProvider(sts, { roleArn: 'arn:aws:iam::123456789012:role/VigilAudit' });
    const out = await collectAws({ endpointUrl: proxy.endpoint, regions: ['us-east-1'], services: ['kms'], credentials, maxAttempts: 1 });
    const snapshot = mergeOutputs([out], new Date().toISOString());
    sts.destroy();
    const assumed = await credentials();
    expect([...seen.tokens]).toEqual([assumed.sessionToken]); // signed with the assumed session, echoed back
    expect(assumed.sessionToken?.length).toBeGreaterThan(20);
    const text = JSON.stringify(snapshot);
    for (const raw of [assumed.sessionToken!, assumed.accessKeyId, assumed.secretAccessKey]) expect(text).not.toContain(raw);
    expect(snapshot.coverage.find((c) => c.operation === 'ListKeys')?.message).toBe(`request by ${REDACTED} with security token ${REDACTED} was refused`);
  }, 60_000);
});
