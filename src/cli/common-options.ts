import { Command, Option } from 'commander';
import { collectList, parsePositiveInt } from './options.js';

/** Collection flags, shared by `audit` and `collect`. */
export function addCollectOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--provider <list>', 'providers to collect: aws, gcp, tls (comma list; default aws, or what --gcp-*/--tls imply)'))
    .option('--regions <list>', 'AWS regions to scan (default: every enabled region)')
    .option('--endpoint-url <url>', 'override the endpoint of every AWS client (emulators such as moto)')
    .option('--profile <name>', 'AWS named profile (default: the standard credential chain)')
    .option('--services <list>', 'AWS service collectors to run (default: all)')
    .option('--concurrency <n>', 'concurrent (region × service) collections', parsePositiveInt('--concurrency'))
    .option('--timeout <seconds>', 'bound on the whole AWS collection: calls still running then are recorded as timeout gaps', parsePositiveInt('--timeout'))
    .option('--aws-organization', 'audit every active account of the AWS Organization (from the management or a delegated-administrator account)')
    .option('--role-name <name>', '(--aws-organization) role assumed in each account (default VigilAudit)')
    .option('--external-id <id>', '(--aws-organization) external id the audit role requires')
    .option(
      '--role-duration <seconds>',
      '(--aws-organization) role session length, 900–43200 (default 3600; refreshed before it expires)',
      parsePositiveInt('--role-duration'),
    )
    .option('--accounts <ids>', '(--aws-organization) only these account ids (comma list)')
    .option('--exclude-accounts <ids>', '(--aws-organization) leave these account ids out (comma list)')
    .option('--ous <ids>', '(--aws-organization) only accounts under these OUs or roots, recursively (comma list)')
    .option('--shard <i/N>', '(--aws-organization) audit only shard i (0-based) of N, by rendezvous hashing over account ids')
    .option(
      '--run-id <id>',
      '(--aws-organization, --store) run id recorded in the snapshot and the history store, shared by every shard of one run (default: $VIGIL_RUN_ID, else a fresh one)',
    )
    .option(
      '--max-concurrency <n>',
      '(--aws-organization) concurrent collections across all accounts (default 32); --concurrency caps each account',
      parsePositiveInt('--max-concurrency'),
    )
    .option('--gcp-scope <scope>', 'GCP scope: organizations/ID, folders/ID or projects/ID (live, Application Default Credentials)')
    .option('--gcp-export <file>', 'gcloud asset export file (JSON lines) or search-all-iam-policies JSON; repeatable', collectList)
    .option('--gcp-endpoint <host:port>', 'Cloud Asset API endpoint override (tests, private endpoints)')
    .option('--tls <targets>', 'TLS endpoints host:port[@sni], comma list; repeatable', collectList)
    .option('--tls-targets <file>', 'file of TLS targets, one per line (# comments)')
    .option('--ca-file <file>', 'extra CA certificates (PEM) trusted for TLS chain checks')
    .option('--no-progress', 'no progress line on stderr');
}

/** Evaluation and report flags, shared by `audit` and `evaluate`. */
export function addEvaluateOptions(cmd: Command): Command {
  return cmd
    .option('--out <dir>', 'output directory for reports (default vigil-out)')
    .option('--format <list>', 'report formats: sarif, html, json (default all three); exports csv, ocsf, asff')
    .option('--fail-on <severity>', 'exit 1 when a failure at or above this severity: critical, high, medium, low, info, none (default high)')
    .option('--strict', 'exit 3 when collection was incomplete (coverage gaps) and nothing else failed')
    .option('--rules <ids>', 'evaluate only these rule ids')
    .option('--rules-dir <dir>', 'load extra rule modules from a directory; repeatable', collectList)
    .option('--framework <ids>', 'compliance frameworks (hipaa, soc2, pci-dss-4.0); limits the run to the rules they need')
    .option('--framework-file <file>', 'a framework pack of your own (same schema); repeatable', collectList)
    .option('--config <file>', 'config file (default ./vigil.config.yaml when present)')
    .option('--quiet', 'no terminal summary')
    .option('--verbose', 'list every failing rule with its failing resources, every coverage gap and every unknown (default: the top five of each)')
    .option('--store [url]', 'record the run in a history store: sqlite:PATH (default vigil-out/history.db) or postgres://USER@HOST/DB')
    .option('--keep-runs <n>', '(--store) keep only the newest n runs', parsePositiveInt('--keep-runs'))
    .option('--keep-days <n>', '(--store) remove runs that started more than n days ago', parsePositiveInt('--keep-days'))
    .option('--baseline <run>', '(--store) mark the failures new since a recorded run: last, previous or a run id')
    .option(
      '--fail-on-new <severity>',
      '(--store) exit 1 only for new failures (since --baseline, default last) at or above this severity, instead of --fail-on',
    );
}

/** `--run-id` and its derived forms, for commands that record a run (`evaluate`; `audit` has `--run-id` among its collection flags). */
export function addRunIdOptions(cmd: Command, withRunId: boolean): Command {
  if (withRunId) cmd.option('--run-id <id>', '(--store) record the run under this id (default: $VIGIL_RUN_ID, else a fresh one)');
  return cmd.option(
    '--run-id-from-schedule <interval>',
    '(--store) derive the run id from the current time rounded down to the schedule interval (e.g. 15m, 1h, 1d): jobs of one scheduled run share it',
  );
}
