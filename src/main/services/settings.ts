/** The officer's settings (agency lines, signer, nơi nhận…), stored as one JSON row. */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Settings } from '../../shared/contract';
import type { Db } from '../db/open';
import { preparedOnce } from '../db/prepared';
import { settings as settingsTable } from '../db/schema';
import { audit } from './audit';

export const DEFAULT_SETTINGS: Settings = {
  setupDone: false,
  province: '',
  agencyParent: '',
  agencyName: 'BAN VÌ SỰ TIẾN BỘ PHỤ NỮ',
  docNumberPattern: '{so}/BC-BVSTBPN',
  placeName: '',
  signer: { authority: 'KT.', authorityTitle: 'TRƯỞNG BAN', title: 'PHÓ TRƯỞNG BAN THƯỜNG TRỰC', name: '' },
  recipients: [
    'Bộ Nội vụ (Vụ Công tác thanh niên và Bình đẳng giới)',
    'Ủy ban quốc gia vì sự tiến bộ của phụ nữ Việt Nam',
    'Thường trực Tỉnh ủy',
    'Thường trực HĐND tỉnh',
    'Chủ tịch, các Phó Chủ tịch UBND tỉnh',
    'Thành viên Ban Vì sự tiến bộ phụ nữ tỉnh',
  ],
  backupKeep: 30,
  officer: 'Cán bộ thường trực',
  officerPhone: '',
  officerEmail: '',
  agencyNameInSentence: '',
  draftingUnit: 'VP',
  reminderRecipients: [],
};

const KEY = 'app.settings';

export function getSettings(db: Db): Settings {
  const row = preparedOnce(db, 'settings.app', () =>
    db.select().from(settingsTable).where(eq(settingsTable.key, KEY)).prepare(),
  ).get();
  if (!row) return structuredClone(DEFAULT_SETTINGS);
  const stored = JSON.parse(row.value) as Partial<Settings>;
  return {
    ...structuredClone(DEFAULT_SETTINGS),
    ...stored,
    signer: { ...DEFAULT_SETTINGS.signer, ...(stored.signer ?? {}) },
  };
}

/** The stored settings as last parsed, per handle: the import reads two texts of them for every file. */
const parsedSettings = new WeakMap<object, { value: string; stored: Partial<Settings> }>();

/**
 * One text setting, the same as `getSettings(db)[key]` without copying the whole settings (the import's hot path
 * reads the province and the officer for every file). The stored JSON is parsed again whenever it changed.
 */
export function getSettingText(db: Db, key: 'province' | 'officer'): string {
  const row = preparedOnce(db, 'settings.app', () =>
    db.select().from(settingsTable).where(eq(settingsTable.key, KEY)).prepare(),
  ).get();
  if (!row) return DEFAULT_SETTINGS[key];
  let held = parsedSettings.get(db);
  if (!held || held.value !== row.value) {
    held = { value: row.value, stored: JSON.parse(row.value) as Partial<Settings> };
    parsedSettings.set(db, held);
  }
  return key in held.stored ? held.stored[key]! : DEFAULT_SETTINGS[key];
}

export function updateSettings(db: Db, patch: Partial<Settings>, reason?: string): Settings {
  return db.transaction((tx) => {
    const before = getSettings(tx as unknown as Db);
    const after: Settings = {
      ...before,
      ...patch,
      signer: { ...before.signer, ...(patch.signer ?? {}) },
    };
    const value = JSON.stringify(after);
    tx.insert(settingsTable)
      .values({ key: KEY, value })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value } })
      .run();
    audit(
      tx as unknown as Db,
      { action: 'update', entity: 'settings', entityId: 'app', before, after, reason: reason ?? null },
      after.officer,
    );
    return after;
  });
}

/** A small key/value store for internal markers (catalogue version, last daily backup…). */
export function getMeta(db: Db, key: string): string | null {
  // prepared once per handle: the import reads the database identity for every file
  const row = preparedOnce(db, 'settings.meta', () =>
    db
      .select()
      .from(settingsTable)
      .where(eq(settingsTable.key, sql.placeholder('key')))
      .prepare(),
  ).get({ key });
  return row ? row.value : null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.insert(settingsTable)
    .values({ key, value })
    .onConflictDoUpdate({ target: settingsTable.key, set: { value } })
    .run();
}

const DATABASE_ID_KEY = 'databaseId';

/**
 * This database's random identity, made once (at init, or on the first open of an older file) and kept by
 * backups and restores: the forms it exports carry it, so a form exported from ANOTHER database is recognised
 * even when its period has the same number here.
 */
export function ensureDatabaseId(db: Db): string {
  const id = getMeta(db, DATABASE_ID_KEY);
  if (id) return id;
  const made = randomUUID();
  setMeta(db, DATABASE_ID_KEY, made);
  return made;
}

export function databaseId(db: Db): string | null {
  return getMeta(db, DATABASE_ID_KEY);
}
