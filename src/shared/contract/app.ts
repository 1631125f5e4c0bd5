import { z } from 'zod';
import type { AuditEntry } from '../domain/records';
import { empty, fileSchema, op } from './op';

export interface AppInfo {
  name: string;
  version: string;
  dbPath: string;
  dataDir: string;
  schemaVersion: string;
  migrationsApplied: number;
  catalogVersion: string | null;
  demo: boolean;
  /** the demo was opened from the app and the officer's own database waits behind it */
  canLeaveDemo: boolean;
}

export interface Signer {
  /** "TM.", "KT.", "TL.", "TUQ." or "" */
  authority: string;
  /** the body signed for, e.g. "TRƯỞNG BAN" or "ỦY BAN NHÂN DÂN" */
  authorityTitle: string;
  /** the signer's title, e.g. "PHÓ TRƯỞNG BAN THƯỜNG TRỰC" */
  title: string;
  name: string;
}

export interface Settings {
  setupDone: boolean;
  province: string;
  /** first agency line (cơ quan chủ quản), e.g. "UBND TỈNH LÀO CAI" */
  agencyParent: string;
  /** second agency line (cơ quan ban hành), e.g. "BAN VÌ SỰ TIẾN BỘ PHỤ NỮ" */
  agencyName: string;
  /** document number pattern; `{so}` is replaced by the number, e.g. "{so}/BC-BVSTBPN" */
  docNumberPattern: string;
  placeName: string;
  signer: Signer;
  recipients: string[];
  backupKeep: number;
  /** the officer's name, written in the audit log */
  officer: string;
  /** the officer's phone and e-mail, printed in letters as the contact (empty: not printed) */
  officerPhone: string;
  officerEmail: string;
  /**
   * the agency's name as it reads inside a sentence ("Ban Vì sự tiến bộ phụ nữ tỉnh Lào Cai đề nghị…"); empty:
   * derived from the header line `agencyName` (see agencyInSentence in documents/docx/text.ts)
   */
  agencyNameInSentence: string;
  /** the drafting unit's abbreviation in a công văn's ký hiệu and in "Lưu: VT, …" (e.g. "VP") */
  draftingUnit: string;
  /** the reminder letter's own nơi nhận after "Như trên" (the report's list is `recipients`) */
  reminderRecipients: string[];
}

export const settingsPatch = z
  .object({
    setupDone: z.boolean(),
    province: z.string().max(200),
    agencyParent: z.string().max(200),
    agencyName: z.string().max(200),
    docNumberPattern: z.string().max(100),
    placeName: z.string().max(100),
    signer: z.object({
      authority: z.string().max(10),
      authorityTitle: z.string().max(200),
      title: z.string().max(200),
      name: z.string().max(200),
    }),
    recipients: z.array(z.string().max(300)).max(50),
    backupKeep: z.number().int().min(1).max(365),
    officer: z.string().max(200),
    officerPhone: z.string().max(50),
    officerEmail: z.string().max(200),
    agencyNameInSentence: z.string().max(200),
    draftingUnit: z.string().max(30),
    reminderRecipients: z.array(z.string().max(300)).max(50),
  })
  .partial()
  .strict();

export interface BackupEntry {
  name: string;
  size: number;
  createdAt: string;
  /** the reason as stored in the file name (a slug) */
  reason: string;
  /** the reason in Vietnamese, for the screen */
  label: string;
}

export interface Restored {
  /** the name of the copy that now is the database */
  restored: string;
  /** where the replaced database was kept */
  keptAs: string;
}

/** Options for Electron's webContents.printToPDF (page numbers come from the document's CSS, see print-html.ts) */
export interface PdfPrintOptions {
  pageSize: 'A4';
  preferCSSPageSize: boolean;
  printBackground: boolean;
  displayHeaderFooter: boolean;
}

export const appContract = {
  'app.info': op(empty).returns<AppInfo>(),
  'settings.get': op(empty).returns<Settings>(),
  'settings.update': op(settingsPatch).invalidates(['settings', 'app', 'reports']).returns<Settings>(),
  'db.check': op(empty).returns<{ integrity: string; foreignKeys: string }>(),
  'backup.list': op(empty).returns<BackupEntry[]>(),
  'backup.create': op(z.object({ reason: z.string().max(100).optional() }).strict())
    .invalidates(['backup'])
    .returns<BackupEntry>(),
  /** restore one of the backups in `backup.list`, by its name */
  'backup.restore': op(z.object({ name: z.string().min(1).max(200), force: z.boolean().optional() }).strict())
    .invalidates(['*'])
    .returns<Restored>(),
  /**
   * restore from a copy given as bytes (checked exactly like a listed backup before anything is replaced); `wal`:
   * the bytes of the copy's `-wal` file when it has one (its last changes may be there); a copy of another
   * database (another province or identity) is refused with code `conflict` (details.needsConfirmation) unless
   * `force` says the officer confirmed it (the same for `backup.restore`)
   */
  'backup.restoreFile': op(
    z.object({ file: fileSchema, wal: z.instanceof(Uint8Array).optional(), force: z.boolean().optional() }).strict(),
  )
    .invalidates(['*'])
    .returns<Restored>(),
  /** a consistent copy of the whole database, as a file to save elsewhere */
  'backup.export': op(empty).returns<{ name: string; bytes: Uint8Array }>(),
  'app.printOptions': op(empty).returns<PdfPrintOptions>(),
  /** open the demo province (a throw-away database) or go back to the officer's own database */
  'app.demo': op(z.object({ open: z.boolean() }).strict())
    .invalidates(['*'])
    .returns<AppInfo>(),
  'audit.list': op(
    z
      .object({
        entity: z.string().max(50).optional(),
        entityId: z.string().max(50).optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ).returns<AuditEntry[]>(),
};
