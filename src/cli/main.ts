import { Command, CommanderError, Help } from 'commander';
import { getExitCode } from './exit.js';
import { printTimings } from './timings.js';
import { TOOL_VERSION } from '../version.js';
import { ExitCode, InputError } from '../util/errors.js';
import { redactPatterns, registerAwsCredentials } from '../model/redaction.js';

/**
 * Every command, loaded lazily: `vigil --help` and `--version` import none of them, and a run imports only
 * the one it names (which imports its collectors, rules and reporters as it needs them). `term` and
 * `description` are what `vigil --help` lists without loading the module; test/cli/startup.test.ts checks
 * they match the commands themselves.
 */
export const COMMANDS: { name: string; term: string; description: string; load: () => Promise<Command> }[] = [
  {
    name: 'audit',
    term: 'audit [options]',
    description: 'collect, evaluate and report in one run',
    load: async () => (await import('./audit.js')).auditCommand(),
  },
  {
    name: 'collect',
    term: 'collect [options]',
    description: 'collect a snapshot only (no evaluation)',
    load: async () => (await import('./collect.js')).collectCommand(),
  },
  {
    name: 'evaluate',
    term: 'evaluate [options] <snapshot>',
    description: 'evaluate a saved snapshot (no network) and write the reports',
    load: async () => (await import('./evaluate.js')).evaluateCommand(),
  },
  {
    name: 'report',
    term: 'report [options]',
    description: 'merge the shard snapshots of a fleet run (vigil collect --shard) and write one set of reports',
    load: async () => (await import('./report.js')).reportCommand(),
  },
  { name: 'rules', term: 'rules', description: 'list the rules, or explain one', load: async () => (await import('./rules.js')).rulesCommand() },
  {
    name: 'frameworks',
    term: 'frameworks',
    description: 'list the compliance framework packs, or show one',
    load: async () => (await import('./frameworks.js')).frameworksCommand(),
  },
  {
    name: 'types',
    term: 'types [options]',
    description: 'list the resource types a snapshot may hold (the registry), with their schema versions',
    load: async () => (await import('./types.js')).typesCommand(),
  },
  {
    name: 'diff',
    term: 'diff [options] <old> <new>',
    description:
      'compare two findings.json (or two runs of a history store): new failures, resolved, still failing, coverage lost, severity and compliance changes',
    load: async () => (await import('./diff.js')).diffCommand(),
  },
  {
    name: 'history',
    term: 'history',
    description: 'runs recorded in the history store (--store on audit / evaluate): list, show, trend',
    load: async () => (await import('./history.js')).historyCommand(),
  },
  {
    name: 'upload',
    term: 'upload [options]',
    description: 'upload SARIF to GitHub code scanning (token from GITHUB_TOKEN or GH_TOKEN)',
    load: async () => (await import('./upload.js')).uploadCommand(),
  },
];

/**
 * The program with the commands `load` selects built for real (default: all of them) and the others as
 * entries of the help only (name and description, no options, never run).
 */
export async function buildProgram(load: (name: string) => boolean = () => true): Promise<Command> {
  const program = new Command('vigil')
    .description('Cloud security and compliance scanner: AWS, GCP (Cloud Asset) and live TLS endpoints.')
    .version(TOOL_VERSION);
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  // The help lists a command not loaded with the term its real definition gives (`evaluate [options] <snapshot>`).
  program.configureHelp({ subcommandTerm: (cmd) => terms.get(cmd.name()) ?? new Help().subcommandTerm(cmd) });
  for (const c of COMMANDS) {
    if (load(c.name)) program.addCommand(await c.load());
    else program.command(c.name).description(c.description);
  }
  configureErrors(program, 'vigil');
  return program;
}

/** The command a command line runs (`vigil [--flags] NAME …`, `vigil help NAME`), if any. */
export function commandOf(argv: string[]): string | undefined {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.some((c) => c.name === name) ? name : undefined;
}

/**
 * Commander's own usage errors (unknown flag, missing argument) in Vigil's format: `vigil audit: unknown
 * option '--bogus'` plus where to look, on every command and subcommand (settings are not inherited by
 * commands added with addCommand).
 */
function configureErrors(cmd: Command, path: string): void {
  cmd.exitOverride();
  cmd.configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, `${path}: `)) });
  cmd.showHelpAfterError(`  fix: see \`${path} --help\``);
  for (const sub of cmd.commands) configureErrors(sub, `${path} ${sub.name()}`);
}

/** Runs the CLI and returns the exit code (0 clean, 1 findings ≥ --fail-on, 2 usage/input error, 3 incomplete with --strict). */
export async function main(argv: string[]): Promise<number> {
  // Credentials from the environment are the run's own: redacted wherever they could be echoed (src/model/redaction.ts).
  registerAwsCredentials({
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  });
  let running: Command | undefined;
  try {
    const wanted = commandOf(argv);
    const program = await buildProgram((name) => name === wanted);
    const code = { value: ExitCode.Ok as number };
    program.hook('preAction', (_this, action) => {
      running = action;
    });
    program.hook('postAction', (_this, action) => {
      code.value = getExitCode(action) ?? ExitCode.Ok;
    });
    await program.parseAsync(argv);
    printTimings();
    return code.value;
  } catch (err) {
    // The failure metrics of a run that threw (--metrics-file, --pushgateway), loaded only when a command ran.
    if (running) await (await import('./signal-options.js')).sendFailureSignals(running);
    if (err instanceof CommanderError) {
      // --help, `vigil help` and --version exit 0; everything else commander rejects (including a bare `vigil`,
      // which shows the help because a command is missing) is a usage error.
      return err.exitCode === 0 ? ExitCode.Ok : ExitCode.InputError;
    }
    if (err instanceof InputError) {
      process.stderr.write(`vigil: ${redactPatterns(err.describe())}\n`);
      return ExitCode.InputError;
    }
    process.stderr.write(`vigil: unexpected error: ${redactPatterns((err as Error).stack ?? String(err))}\n`);
    return ExitCode.InputError;
  }
}
