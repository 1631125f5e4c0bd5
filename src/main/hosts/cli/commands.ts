/**
 * The commands themselves, on an open database (restore and serve open theirs themselves): loaded by ./run once
 * the arguments are read and --help is answered. It reports its own failures (the built command holds this file
 * and ./run in two bundles, each with its own copy of ./usage's error classes).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createContext } from '../../api/context';
import { defaultDbPath } from '../../paths';
import { createEventHub } from '../events';
import { CliFailure, intArg, reportFailure, UsageError, type Command, type Io, type Options } from './args';
import { backup, check, restore } from './database';
import { feedback, reminder, report } from './letters';
import { importCommand } from './imports';
import { layout } from './layouts';
import { plan } from './plan';
import { inbox, submission } from './inbox';
import { catalog, init, period, template, units } from './records';
import { consolidate, exportCommand, status } from './results';

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

export interface CommandCall {
  o: Options;
  cmd: string;
  sub: string | undefined;
  rest: string[];
  json: boolean;
  io: Io;
}

export async function runCommand(c: CommandCall): Promise<number> {
  try {
    return await runInner(c);
  } catch (e) {
    return reportFailure(e, c.json, c.io);
  }
}

async function runInner({ o, cmd, sub, rest, io }: CommandCall): Promise<number> {
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
    throw new CliFailure(
      `Chưa có cơ sở dữ liệu ở "${dbPath}". Hãy tạo bằng lệnh: bdg init --db "${dbPath}"`,
      'no_database',
    );
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
