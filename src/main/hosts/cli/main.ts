/**
 * `bdg`: the command-line door onto the same handlers. `--json` prints exactly one JSON object on stdout;
 * human messages (Vietnamese) go to stderr. Exit 0 when the command ran, 2 for bad usage, 1 for a failure.
 * Run it as `npm run --silent bdg -- <command> [options]`.
 */
import { runCli } from './run';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
