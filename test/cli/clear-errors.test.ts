/**
 * Bad input of every kind found by trying to break the CLI: each is exit 2 with one message naming the file
 * or flag, the place and the fix, never a stack trace; those about outputs or flags are refused before a
 * single AWS call is made (counted by the fault proxy in front of moto).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EBS_ENCRYPTION_DEFAULT } from '../../src/model/aws/ebs.js';
import { type FaultProxy, startFaultProxy } from '../../src/testing/fault-proxy.js';
import { type MotoServer, startMoto } from '../../src/testing/moto-server.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { runCli } from '../support/cli.js';
import { collectedSnapshot, resource } from '../support/rule-tester.js';

let dir: string;
let moto: MotoServer;
let proxy: FaultProxy;

const snapshotOf = (name?: string, enabled = false) =>
  collectedSnapshot([resource(EBS_ENCRYPTION_DEFAULT, 'thing-1', { region: 'us-east-1', enabled }, name ? { name } : {})], [EBS_ENCRYPTION_DEFAULT], []);

const BAD_STATUS_RULE = `export default {
  id: 'bad-status',
  title: 'Returns a status that does not exist',
  severity: 'high',
  resourceTypes: ['aws.ebs.encryption-default'],
  description: 'x', risk: 'x', remediation: 'x', references: [],
  messages: { ok: 'ok' },
  evaluate: () => ({ status: 'passed', messageId: 'ok' }),
};
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-clear-errors-'));
  const w = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const snap = snapshotOf();
  w('snap.json', JSON.stringify(snap));
  w('dup.json', JSON.stringify({ ...snap, resources: [...snap.resources, structuredClone(snap.resources[0])] }));
  w('deep.json', JSON.stringify(snap).replace('"scopes":[{', `"scopes":[{"detail":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)},`));
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `l${i}: &l${i} [${Array(9)
        .fill(i === 1 ? '*a' : `*l${i - 1}`)
        .join(',')}]`,
    );
  w('bomb.yaml', levels.join('\n') + '\n');
  w('endpoint-empty.yaml', 'aws:\n  endpointUrl: "http://"\n');
  w('endpoint-port.yaml', 'aws:\n  endpointUrl: "http://127.0.0.1:99999"\n');
  mkdirSync(join(dir, 'a-dir'));
  w('a-file', '');
  mkdirSync(join(dir, 'bad-rules'));
  w('bad-rules/bad-status.mjs', BAD_STATUS_RULE);
  moto = await startMoto();
  proxy = await startFaultProxy({ target: moto.endpoint });
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await moto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Case {
  name: string;
  args: () => string[];
  /** What stderr must say: file or flag, place, problem. */
  message: RegExp;
  /** The fix line. */
  fix: RegExp;
  /** Refused before any AWS call. */
  noCalls?: boolean;
}

const aws = () => ['--endpoint-url', proxy.endpoint, '--services', 'kms'];

const CASES: Case[] = [
  {
    name: 'deeply nested scopes[].detail',
    args: () => ['evaluate', 'deep.json', '--out', 'o-deep'],
    message: /^vigil: deep\.json: \$\.scopes\[0\]\.detail(\.a)+…?: nested more than 64 levels deep$/m,
    fix: /fix: .*vigil collect/,
  },
  {
    name: 'duplicate resources in a snapshot',
    args: () => ['evaluate', 'dup.json', '--out', 'o-dup'],
    message:
      /^vigil: dup\.json: \$\.resources\[1\]: duplicate resource: aws\.ebs\.encryption-default "thing-1" in 123456789012\/us-east-1 is also \$\.resources\[0\]$/m,
    fix: /fix: a snapshot holds each resource once/,
  },
  {
    name: 'a YAML alias bomb in the config',
    args: () => ['evaluate', 'snap.json', '--config', 'bomb.yaml', '--out', 'o-bomb'],
    message: /^vigil: bomb\.yaml: too many YAML alias expansions \(more than 100\)/m,
    fix: /fix: write the values out/,
  },
  {
    name: '--endpoint-url not-a-url on collect',
    args: () => ['collect', '--endpoint-url', 'not-a-url', '--out', 's.json'],
    message: /^vigil: --endpoint-url: "not-a-url" is not an endpoint URL$/m,
    fix: /fix: pass http\(s\):\/\/host\[:port\]/,
  },
  {
    name: '--endpoint-url not-a-url on audit',
    args: () => ['audit', '--endpoint-url', 'not-a-url', '--out', 'o-url'],
    message: /^vigil: --endpoint-url: "not-a-url" is not an endpoint URL$/m,
    fix: /fix: pass http\(s\):\/\/host\[:port\]/,
  },
  {
    name: 'config endpointUrl "http://"',
    args: () => ['collect', '--config', 'endpoint-empty.yaml', '--out', 's.json'],
    message: /^vigil: config aws\.endpointUrl: "http:\/\/" is not an endpoint URL$/m,
    fix: /fix: pass http\(s\):\/\//,
  },
  {
    name: 'config endpointUrl with port 99999',
    args: () => ['collect', '--config', 'endpoint-port.yaml', '--out', 's.json'],
    message: /^vigil: config aws\.endpointUrl: "http:\/\/127\.0\.0\.1:99999" is not an endpoint URL: port 99999 is out of range \(1–65535\)$/m,
    fix: /fix: pass http\(s\):\/\//,
  },
  {
    name: 'diff --out at a directory',
    args: () => ['diff', 'f/findings.json', 'f/findings.json', '--out', 'a-dir'],
    message: /^vigil: .*a-dir: cannot write the file \(EISDIR/m,
    fix: /fix: choose a writable location with --out/,
  },
  {
    name: 'diff --out under a file',
    args: () => ['diff', 'f/findings.json', 'f/findings.json', '--out', 'a-file/diff.txt'],
    message: /^vigil: .*a-file\/diff\.txt: cannot write the file \(ENOTDIR/m,
    fix: /fix: choose a writable location with --out/,
  },
  {
    name: 'a custom rule returning an invalid status',
    args: () => ['evaluate', 'snap.json', '--rules-dir', 'bad-rules', '--rules', 'bad-status', '--out', 'o-status'],
    message:
      /^vigil: bad-rules\/bad-status\.mjs: evaluate\(\): rule bad-status returned status "passed" for aws\.ebs\.encryption-default "thing-1" in 123456789012\/us-east-1$/m,
    fix: /fix: return \{ status, messageId \} with status pass, fail, unknown or not_applicable/,
  },
  {
    name: "--tls 'exa mple.com:443'",
    args: () => ['collect', '--tls', 'exa mple.com:443', '--out', 's.json'],
    message: /^vigil: --tls: "exa mple\.com:443": invalid TLS target: a host name has no spaces$/m,
    fix: /fix: separate targets with commas/,
  },
  {
    name: '--regions us-est-1',
    args: () => ['collect', ...aws(), '--regions', 'us-est-1', '--out', 's.json'],
    message: /^vigil: --regions: unknown AWS region "us-est-1" \(did you mean us-east-1\?\)$/m,
    fix: /fix: pass region names as DescribeRegions lists them .*us-east-1/,
  },
  {
    name: '--regions ""',
    args: () => ['collect', ...aws(), '--regions', '', '--out', 's.json'],
    message: /^vigil: --regions: the list is empty$/m,
    fix: /fix: pass a comma list of regions, or leave --regions out/,
    noCalls: true,
  },
  {
    name: 'a region that is no region name',
    args: () => ['audit', ...aws(), '--regions', 'us east', '--out', 'o-region'],
    message: /^vigil: --regions: "us east" is not an AWS region name$/m,
    fix: /fix: pass region names such as us-east-1/,
    noCalls: true,
  },
  {
    name: 'collect --out under a file, before collecting',
    args: () => ['collect', ...aws(), '--regions', 'us-east-1', '--out', 'a-file/snap.json'],
    message: /^vigil: a-file\/snap\.json: cannot write the file \(ENOTDIR/m,
    fix: /fix: choose a writable location with --out/,
    noCalls: true,
  },
  {
    name: 'audit --snapshot at a directory, before collecting',
    args: () => ['audit', ...aws(), '--regions', 'us-east-1', '--snapshot', 'a-dir', '--out', 'o-snap'],
    message: /^vigil: a-dir: cannot write the file \(EISDIR/m,
    fix: /fix: choose a writable location with --snapshot/,
    noCalls: true,
  },
];

describe('clear errors instead of stack traces (exit 2)', () => {
  beforeAll(async () => {
    const r = await runCli(['evaluate', 'snap.json', '--out', 'f', '--format', 'json', '--fail-on', 'none', '--quiet'], { cwd: dir });
    expect(r.stderr).toMatch(/^$|nothing was assessed/);
  }, 60_000);

  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const calls = proxy.log.length;
      const r = await runCli(c.args(), { cwd: dir, timeoutMs: 60_000 });
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(c.message) });
      expect(r.stderr).toMatch(c.fix);
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+\)?\n|RangeError|TypeError|ReferenceError/);
      expect(r.stderr.trim().split('\n')).toHaveLength(2); // the message and its fix, nothing else
      if (c.noCalls) expect(proxy.log.slice(calls)).toEqual([]);
    },
    60_000,
  );
});

describe("diff's text output", () => {
  it('strips U+2028/U+2029 and other line and format controls from names, as every other output does', async () => {
    const evil = 'evil\u2028FORGED LINE\u2029\u0085\u200b\u202e\ufeffname';
    writeFileSync(join(dir, 'old.json'), JSON.stringify(snapshotOf(undefined, true)));
    writeFileSync(join(dir, 'new.json'), JSON.stringify(snapshotOf(evil, false)));
    const rules = [
      '--rules-dir',
      join(PACKAGE_ROOT, 'test', 'fixtures', 'custom-rules'),
      '--rules',
      'custom-open-thing',
      '--format',
      'json',
      '--fail-on',
      'none',
    ];
    expect((await runCli(['evaluate', 'old.json', ...rules, '--out', 'd-old', '--quiet'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['evaluate', 'new.json', ...rules, '--out', 'd-new', '--quiet'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'd-new', 'findings.json'), 'utf8')).toContain('\u2028'); // the name really is in the findings
    const r = await runCli(['diff', 'd-old/findings.json', 'd-new/findings.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('evilFORGED LINEname');
    expect(r.stdout).not.toMatch(/[\u2028\u2029\u0085\u200b\u202e\ufeff]/);
  }, 60_000);
});
