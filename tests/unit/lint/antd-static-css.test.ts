/**
 * src/renderer/src/antd-static.css (antd's styles of the first screens, written ahead of time so the page does
 * not write them at start, issue 20) must be the file scripts/antd-styles.ts writes for today's theme, sample and
 * antd version: a stale file would only cost speed, never looks, but silently.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');

it('antd-static.css is the one scripts/antd-styles.ts writes for the current theme', () => {
  let out = '';
  let code = 0;
  try {
    out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/antd-styles.ts', '--check'], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { status: number; stderr: string };
    code = err.status;
    out = err.stderr;
  }
  expect(out.trim(), out).toBe('khớp');
  expect(code).toBe(0);
}, 120_000);
