/** `bdg` run in this process (runCli), its output kept: the exit code, stdout, stderr and stdout read as JSON. */
import { runCli } from '../../src/main/hosts/cli/run';

export async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err, json: <T = Record<string, unknown>>() => JSON.parse(out) as T };
}
