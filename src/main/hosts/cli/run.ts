/**
 * The `bdg` commands: each goes through the core's dispatch, like the other doors. This file reads the arguments,
 * answers --help and turns failures into exit codes (2 for bad usage, 1 for a failure to run); the commands and
 * the core they open are loaded only after that (./commands: in the built command, a second file), so `bdg --help`
 * and a usage error start without compiling or evaluating the core.
 */
import { HELP, commandHelp } from './help';
import { defaultIo, parse, reportFailure, UsageError, type Io } from './usage';

export { UsageError } from './usage';

const SUBCOMMANDS: Record<string, string[]> = {
  units: ['list', 'import', 'export'],
  period: ['create', 'list'],
  template: ['export'],
  plan: ['import', 'list'],
  report: ['docx'],
  submission: ['enter', 'withdraw', 'set-received'],
  layout: ['suggest', 'save', 'list'],
};

export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const json = argv.includes('--json');
  try {
    const { values: o, positionals } = parse(argv);
    const [cmd, sub, ...rest] = positionals;
    if (!cmd || (o.help && !cmd)) {
      (o.help ? io.out : io.err)(HELP);
      return o.help ? 0 : 2;
    }
    if (o.help) {
      io.out(commandHelp(cmd));
      return 0;
    }
    const subs = SUBCOMMANDS[cmd];
    if (subs && (!sub || !subs.includes(sub))) {
      throw new UsageError(`Lệnh ${cmd} cần một trong: ${subs.join(', ')}${sub ? ` (không có "${sub}")` : ''}.`);
    }
    const { runCommand } = await import('./commands');
    return await runCommand({ o, cmd, sub, rest, json, io });
  } catch (e) {
    return reportFailure(e, json, io);
  }
}
