/** Where the app keeps its data: %APPDATA%\bao-cao-bdg on Windows, the XDG data folder elsewhere. */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve, sep, win32 } from 'node:path';

export const APP_DIR_NAME = 'bao-cao-bdg';
export const DB_FILE_NAME = 'bao-cao-bdg.sqlite';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(env.USERPROFILE || homedir(), 'AppData', 'Roaming');
    return win32.join(appData, APP_DIR_NAME);
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  const xdg =
    env.XDG_DATA_HOME && env.XDG_DATA_HOME.startsWith('/') ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(xdg, APP_DIR_NAME);
}

export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return (platform === 'win32' ? win32.join : join)(defaultDataDir(env, platform), DB_FILE_NAME);
}

/** Backups live beside the database, in `backups/`. */
export function backupDirFor(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

/**
 * The file a URL path names inside `root` ('/' is index.html), or null when the path is malformed or escapes
 * the root (`..`, encoded separators, NUL). Used by both doors that serve the built renderer.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, rel);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

/** Flushes a folder's entries (a rename) where the platform allows it (not on Windows: there it is a no-op). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether a process with this pid is running (the owner of a lock or a temporary file): signal 0 only asks. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
