import { Command, CommanderError } from 'commander';
import { getExitCode } from './exit.js';
import { TOOL_VERSION } from '../version.js';
import { ExitCode, InputError } from '../util/errors.js';
import { redactPatterns, registerAwsCredentials } from '../model/redaction.js';
import { auditCommand } from './audit.js';
import { collectCommand } from './collect.js';
import { diffCommand } from './diff.js';
import { evaluateCommand } from './evaluate.js';
import { frameworksCommand } from './frameworks.js';
import { historyCommand } from './history.js';
import { reportCommand } from './report.js';
import { rulesCommand } from './rules.js';
import { typesCommand } from './types.js';
import { uploadCommand } from './upload.js';
import { sendFailureSignals } from './signal-options.js';

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Cloud security and compliance scanner: AWS, GCP (Cloud Asset) and live TLS endpoints.')
    .version(TOOL_VERSION);
  program.addCommand(auditCommand());
  program.addCommand(collectCommand());
  program.addCommand(evaluateCommand());
  program.addCommand(reportCommand());
  program.addCommand(rulesCommand());
  program.addCommand(frameworksCommand());
  program.addCommand(typesCommand());
  program.addCommand(diffCommand());
  program.addCommand(historyCommand());
  program.addCommand(uploadCommand());
  configureErrors(program, 'vigil');
  return program;
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
  const program = buildProgram();
  let running: Command | undefined;
  try {
    const code = { value: ExitCode.Ok as number };
    program.hook('preAction', (_this, action) => {
      running = action;
    });
    program.hook('postAction', (_this, action) => {
      code.value = getExitCode(action) ?? ExitCode.Ok;
    });
    await program.parseAsync(argv);
    return code.value;
  } catch (err) {
    await sendFailureSignals(running);
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
