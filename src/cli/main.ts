import { Command, CommanderError } from 'commander';
import { ChromiumNotFoundError } from '../browser/find-chromium.js';
import { ExitCode, UsageError } from '../config/errors.js';
import { TOOL_VERSION } from '../version.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerDemo } from './commands/demo.js';
import { registerDiff } from './commands/diff.js';
import { registerEnqueue } from './commands/enqueue.js';
import { registerRunStatus } from './commands/run-status.js';
import { registerWorker } from './commands/worker.js';
import { registerMerge } from './commands/merge.js';
import { registerHistory } from './commands/history.js';
import { registerReport } from './commands/report.js';
import { registerRules } from './commands/rules.js';
import { registerScan } from './commands/scan.js';
import { registerVerify } from './commands/verify.js';

const EXIT_HELP = `
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on (verify: a file is altered or missing)
  2  bad usage, config, rules or persona file; no browser found
  3  the scan could not complete for some site (and no finding)`;

/** Runs the CLI and resolves to the exit code; never calls process.exit itself. */
export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.clean;
  const setExit = (value: number): void => {
    code = value;
  };
  const program = new Command()
    .name('pixel-audit')
    .description('Finds tracking pixels that leak what visitors type into web forms, and writes the evidence.')
    .version(TOOL_VERSION)
    .addHelpText('after', EXIT_HELP)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  registerScan(program, setExit);
  registerAnalyze(program, setExit);
  registerVerify(program, setExit);
  registerReport(program, setExit);
  registerRules(program, setExit);
  registerDemo(program, setExit);
  registerHistory(program, setExit);
  registerDiff(program, setExit);
  registerEnqueue(program, setExit);
  registerWorker(program, setExit);
  registerRunStatus(program, setExit);
  registerMerge(program, setExit);
  for (const command of program.commands) command.exitOverride().addHelpText('after', EXIT_HELP);
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; wrong flags with 1, which is ours for findings.
      return error.exitCode === 0 ? 0 : ExitCode.usage;
    }
    if (error instanceof UsageError || error instanceof ChromiumNotFoundError) {
      process.stderr.write(`pixel-audit: ${error.message}\n`);
      if (error instanceof UsageError && error.hint) process.stderr.write(`hint: ${error.hint}\n`);
      return ExitCode.usage;
    }
    // A bug: the stack, so it can be reported.
    process.stderr.write(`pixel-audit: internal error\n${error instanceof Error ? error.stack : String(error)}\n`);
    return ExitCode.incomplete;
  }
}
