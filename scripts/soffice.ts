/**
 * LibreOffice re-saves an .xlsx the way an officer's copy of LibreOffice would (its own xlsx writer: shared strings,
 * styles and merges written its way), for the fixture scripts. A profile of its own, so a running LibreOffice or a
 * first-start dialog never blocks it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function libreOfficeResave(src: string, dest: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'bdg-lo-'));
  try {
    copyFileSync(src, join(dir, 'in.xlsx'));
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'in.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    copyFileSync(join(dir, 'out', 'in.xlsx'), dest);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
