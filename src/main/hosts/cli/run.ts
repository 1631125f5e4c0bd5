/**
 * The `bdg` commands: each goes through the core's dispatch, like the other doors. The command groups live
 * beside this file (records, imports, results, database, serve); this one reads the arguments, opens the core
 * and turns failures into exit codes (2 for bad usage, 1 for a failure to run).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createContext } from '../../api/context';
import { defaultDbPath } from '../../paths';
import { createEventHub } from '../events';
import { CliFailure, defaultIo, intArg, parse, UsageError, type Command, type Io } from './args';
import { backup, check, restore } from './database';
import { HELP, commandHelp } from './help';
import { feedback, reminder, report } from './letters';
import { importCommand } from './imports';
import { layout } from './layouts';
import { plan } from './plan';
import { inbox, submission } from './inbox';
import { catalog, init, period, template, units } from './records';
import { consolidate, exportCommand, status } from './results';

export { UsageError } from './args';

/** the commands that run on an open database (restore and serve open theirs themselves) */
const COMMANDS = new Map<string, Command>([
  ['init', init],
  ['units', units],
  ['catalog', catalog],
  ['period', period],
  ['template', template],
  ['import', importCommand],
  ['status', status],
  ['consolidate', consolidate],
  ['export', exportCommand],
  ['report', report],
  ['reminder', reminder],
  ['feedback', feedback],
  ['backup', backup],
  ['check', check],
  ['plan', plan],
  ['inbox', inbox],
  ['submission', submission],
  ['layout', layout],
]);

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
    return await runInner(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`Lỗi: ${e.message}\nGõ "bdg --help" để xem cách dùng.\n`);
      if (json) io.out(JSON.stringify({ error: { code: 'usage', message: e.message } }) + '\n');
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.err(`Lỗi: ${message}\n`);
    if (json) io.out(JSON.stringify({ error: { code: 'failed', message } }) + '\n');
    return 1;
  }
}

async function runInner(argv: string[], io: Io): Promise<number> {
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
  const dbPath = resolve(o.db ?? defaultDbPath());
  const print = (obj: unknown, human: string) => {
    if (o.json) io.out(JSON.stringify(obj) + '\n');
    else io.out(human.endsWith('\n') ? human : human + '\n');
  };

  if (cmd === 'restore') return restore({ o, sub, rest, dbPath, io, print });
  if (cmd === 'serve') {
    const { serve } = await import('./serve');
    return serve({ dbPath, port: intArg(o.port, 'port', false), demo: o.demo ?? false, open: !o['no-open'], io });
  }

  const command = COMMANDS.get(cmd);
  if (!command) throw new UsageError(`Không có lệnh "${cmd}".`);
  if (cmd !== 'init' && !existsSync(dbPath)) {
    throw new CliFailure(`Chưa có cơ sở dữ liệu ở "${dbPath}". Hãy tạo bằng lệnh: bdg init --db "${dbPath}"`);
  }
  const events = createEventHub();
  const ctx = createContext(dbPath, {
    door: 'cli',
    emit: events.emit,
    ...(cmd === 'init' && o.province ? { province: o.province } : {}),
  });
  try {
    return await command({ ctx, events, o, sub, rest, dbPath, io, print });
  } finally {
    ctx.close();
  }
}
