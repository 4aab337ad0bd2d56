/**
 * deploy/kubernetes/: every manifest validates against the Kubernetes API schema (unknown fields
 * included), the Indexed Job and the ConfigMap agree on the shard count, and the vigil command lines the
 * pods run use only flags the CLI has.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { type Manifest, readManifests, typeCheck, validateWithSchema } from '../support/k8s-schema.js';

const DIR = join(PACKAGE_ROOT, 'deploy', 'kubernetes');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .map((f) => join(DIR, f));
const manifests = readManifests(files);
const byName = (kind: string, name: string): Manifest['doc'] => {
  const m = manifests.find((x) => x.doc.kind === kind && x.doc.metadata?.name === name);
  if (!m) throw new Error(`no ${kind}/${name} in deploy/kubernetes`);
  return m.doc;
};

type Any = Record<string, any>;
const shards = byName('CronJob', 'vigil-fleet-shards') as Any;
const report = byName('CronJob', 'vigil-fleet-report') as Any;
const config = byName('ConfigMap', 'vigil-fleet') as Any;
const audit = byName('CronJob', 'vigil-audit') as Any;
const auditConfig = byName('ConfigMap', 'vigil-audit') as Any;
const script = (cj: Any): string => cj.spec.jobTemplate.spec.template.spec.containers[0].args.join(' ');

/** The tokens of the `vigil …` command in a pod's shell script (quotes removed, `${X:+…}` expansions unwrapped). */
function vigilArgs(sh: string): string[] {
  const cmd = sh.slice(sh.indexOf('exec vigil ') + 'exec vigil '.length).replace(/\$\{\w+:\+([^}]*)\}/g, '$1');
  return cmd.match(/"[^"]*"|\S+/g)!.map((t) => t.replace(/^"|"$/g, ''));
}

function knownFlags(cmd: Command): Set<string> {
  return new Set(cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x)));
}

describe('deploy/kubernetes', () => {
  it('every manifest validates against the Kubernetes schema (types, enums, required fields)', async () => {
    expect(manifests.map((m) => m.doc.kind).sort()).toEqual([
      'ConfigMap',
      'ConfigMap',
      'CronJob',
      'CronJob',
      'CronJob',
      'PersistentVolumeClaim',
      'ServiceAccount',
    ]);
    expect(await validateWithSchema(manifests)).toEqual([]);
  });

  it('has no field the Kubernetes API does not know', () => {
    expect(typeCheck(manifests)).toEqual([]);
  }, 60_000);

  it('the checker itself rejects a misspelt field and a wrong enum value', async () => {
    const bad = structuredClone(shards);
    bad.spec.jobTemplate.spec.completionMod = 'Indexed';
    const wrongEnum = structuredClone(shards);
    wrongEnum.spec.jobTemplate.spec.completionMode = 'Indexd';
    const out = typeCheck([{ file: 'bad.yaml', index: 0, doc: bad as Manifest['doc'] }]);
    expect(out.join('\n')).toMatch(/bad\.yaml#0 CronJob\/vigil-fleet-shards: .*completionMod/);
    expect(await validateWithSchema([{ file: 'enum.yaml', index: 0, doc: wrongEnum as Manifest['doc'] }])).toEqual([
      expect.stringMatching(/completionMode must be equal to one of the allowed values/),
    ]);
  }, 60_000);

  it('runs the shards as an Indexed Job whose completions, parallelism and SHARDS agree', () => {
    const job = shards.spec.jobTemplate.spec;
    expect(job.completionMode).toBe('Indexed');
    expect(job.completions).toBe(job.parallelism);
    expect(String(job.completions)).toBe(config.data.SHARDS);
    expect(script(shards)).toContain('--shard "$JOB_COMPLETION_INDEX/$SHARDS"');
    expect(job.template.spec.restartPolicy).toBe('Never');
  });

  it('runs the report after the shards are done or stopped, on the same run id', () => {
    const hour = (cj: Any) => Number(cj.spec.schedule.split(' ')[1]);
    const job = shards.spec.jobTemplate.spec;
    expect(hour(shards) * 3600 + job.activeDeadlineSeconds).toBeLessThanOrEqual(hour(report) * 3600);
    const runId = (cj: Any) => /RUN_ID="([^"]+)"/.exec(script(cj))![1];
    expect(runId(report)).toBe(runId(shards));
    expect(script(shards)).toContain('--out "/runs/$RUN_ID/shard-$JOB_COMPLETION_INDEX.json"');
    expect(script(report)).toContain('--from "/runs/$RUN_ID" --run "$RUN_ID"');
  });

  it('uses only flags the vigil CLI has', async () => {
    const program = await buildProgram();
    for (const cj of [shards, report, audit]) {
      const [sub, ...args] = vigilArgs(script(cj));
      const cmd = program.commands.find((c) => c.name() === sub);
      expect(cmd).toBeDefined();
      const flags = knownFlags(cmd!);
      const used = args.filter((a) => a.startsWith('--'));
      expect(used.length).toBeGreaterThan(3);
      for (const f of used) expect([f, flags.has(f)]).toEqual([f, true]);
    }
  });

  it('mounts the config key the report reads, and the kustomization lists every manifest', () => {
    const vol = report.spec.jobTemplate.spec.template.spec.volumes.find((v: Any) => v.name === 'config');
    expect(Object.keys(config.data)).toContain(vol.configMap.items[0].key);
    const kust = readFileSync(join(DIR, 'kustomization.yaml'), 'utf8');
    for (const f of files) expect(kust).toContain(f.slice(DIR.length + 1));
  });

  describe('the scheduled audit (cronjob-audit.yaml)', () => {
    const job = audit.spec.jobTemplate.spec;
    const pod = job.template.spec;
    const c = pod.containers[0];

    it('runs one audit at a time, as a non-root user on a read-only root file system with /tmp in memory', () => {
      expect(audit.spec.concurrencyPolicy).toBe('Forbid');
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      const tmp = pod.volumes.find((v: Any) => v.name === 'tmp');
      expect(tmp.emptyDir).toEqual({});
      expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
      expect(c.image).toMatch(/^ghcr\.io\/vigil-scanner\/vigil:/);
      expect(c.resources.requests).toBeDefined();
      expect(c.resources.limits.memory).toBeDefined();
    });

    it('uses the shared service account (workload identity annotations, no API token mounted) and the shared volume', () => {
      expect(pod.serviceAccountName).toBe('vigil');
      expect(pod.automountServiceAccountToken).toBe(false);
      const sa = byName('ServiceAccount', 'vigil') as Any;
      expect(Object.keys(sa.metadata.annotations).sort()).toEqual(['eks.amazonaws.com/role-arn', 'iam.gke.io/gcp-service-account']);
      expect(pod.volumes.find((v: Any) => v.name === 'runs').persistentVolumeClaim.claimName).toBe(
        (byName('PersistentVolumeClaim', 'vigil-runs') as Any).metadata.name,
      );
    });

    it('records into the store (SQLite on the volume, or PostgreSQL from an optional Secret) against the last run', () => {
      const sh = script(audit);
      expect(sh).toContain('--store "${VIGIL_STORE_URL:-sqlite:/runs/history/history.db}" --baseline last');
      expect(sh).toContain('mkdir -p /runs/history');
      const store = c.env.find((e: Any) => e.name === 'VIGIL_STORE_URL');
      expect(store.valueFrom.secretKeyRef).toEqual({ name: 'vigil-store', key: 'url', optional: true });
    });

    it('takes the webhook and the Pushgateway from the environment, never the command line', async () => {
      const sh = script(audit);
      expect(sh).not.toMatch(/--notify|--pushgateway|https?:\/\//);
      expect(c.env.find((e: Any) => e.name === 'VIGIL_NOTIFY_URL').valueFrom.secretKeyRef).toEqual({
        name: 'vigil-signals',
        key: 'notify-url',
        optional: true,
      });
      expect(Object.keys(auditConfig.data)).toEqual(expect.arrayContaining(['VIGIL_PUSHGATEWAY_URL', 'VIGIL_NOTIFY_FORMAT', 'vigil.config.yaml']));
      // The names the CLI reads (commander's .env()) are the ones the manifest sets.
      const cmd = (await buildProgram()).commands.find((x) => x.name() === 'audit')!;
      const envOf = (flag: string) => cmd.options.find((o) => o.long === flag)?.envVar;
      expect([envOf('--notify'), envOf('--pushgateway'), envOf('--notify-format')]).toEqual([
        'VIGIL_NOTIFY_URL',
        'VIGIL_PUSHGATEWAY_URL',
        'VIGIL_NOTIFY_FORMAT',
      ]);
      const vol = pod.volumes.find((v: Any) => v.name === 'config');
      expect(Object.keys(auditConfig.data)).toContain(vol.configMap.items[0].key);
    });
  });
});
