/**
 * The inbox of a period: everything received, one entry per file or paper report, whatever its outcome
 * (accepted, unchanged, rejected, unidentified, duplicate; withdrawn once the officer withdrew its revision).
 * Kept in the database (import_attempts), with the original bytes (capped), so nothing a unit sent is forgotten.
 */
import { z } from 'zod';
import type { CellKey, UnitKind, ValueType } from '../domain/catalog';
import type { IsoDate, IsoDateTime } from '../domain/records';
import type { ImportResult } from '../domain/report';
import { channelSchema } from './imports';
import { cellKey, elementCode, fileSchema, id, isoDate, op } from './op';

export const ENTRY_STATUSES = ['accepted', 'unchanged', 'rejected', 'unidentified', 'duplicate', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
/** the inbox's three kinds: a file (e-mail, USB, …), a paper report, a scanned copy entered by hand */
export const ENTRY_CHANNELS = ['file', 'paper', 'scan'] as const;
export type EntryChannel = (typeof ENTRY_CHANNELS)[number];

export type Msg = { code: string; message: string };

export interface InboxEntry {
  id: number;
  periodId: number;
  /** when the app recorded it */
  at: IsoDateTime;
  /** the file's name; null for a paper report entered without a scan */
  file: string | null;
  /** the day the unit's report was received (the officer's date, else the day it was recorded) */
  receivedAt: IsoDate | null;
  channel: EntryChannel;
  /** the submission's own channel (email, usb, direct, other, paper, scan) when there is one */
  via: string | null;
  status: EntryStatus;
  unit: string | null;
  unitName: string | null;
  unitId: number | null;
  revision: number | null;
  submissionId: number | null;
  errors: Msg[];
  warnings: Msg[];
  /** the original bytes are kept and can be opened (`inbox.original`) */
  hasOriginal: boolean;
  size: number | null;
  sha256: string | null;
  /** the officer's note (the reason of an assignment, a withdrawal, a date correction) */
  note: string | null;
  /** an unidentified entry the officer assigned: the entry of that check */
  assignedEntryId?: number | null;
}

export const inboxListInput = z
  .object({
    periodId: id,
    status: z.array(z.enum(ENTRY_STATUSES)).optional(),
    channel: z.array(z.enum(ENTRY_CHANNELS)).optional(),
    unitId: id.optional(),
    /** matched against file and unit names and codes, ignoring diacritics and case */
    search: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export interface InboxList {
  entries: InboxEntry[];
  /** entries matching the filters (all pages) */
  total: number;
  /** per status over the whole period (not filtered), for the filter's badges */
  counts: Record<EntryStatus, number>;
  /** unidentified files of the period the officer has not assigned to a unit yet (their figures are in no total) */
  unassigned: number;
}

/** One row of the hand-entry form: laid out like the unit's template (its sections and rows, its kind's rows). */
export interface EntryFormRow {
  element: string;
  name: string;
  section: string;
  sectionName: string;
  type: ValueType;
  unit: string;
  /** the cells this unit fills for this row (total/female/male or value) */
  cells: CellKey[];
}
export interface EntryForm {
  periodId: number;
  unit: { id: number; code: string; name: string; kind: UnitKind };
  rows: EntryFormRow[];
  /** the unit's current figures, if a revision is in, to start from */
  current: Record<string, Partial<Record<CellKey, number | string | boolean | null>>>;
  currentRevision: number | null;
}

/** VALUES.json: { CODE: { total, female, male, value } }, a number, "Có"/"Không"/true/false, a text, null = blank */
export const enteredValues = z.record(
  elementCode,
  z.partialRecord(cellKey, z.union([z.number(), z.string().max(10_000), z.boolean(), z.null()])),
);

const reason = z.string().trim().min(3, 'Cần ghi lý do (ít nhất 3 ký tự)').max(1000);
const unitRef = { unitId: id.optional(), unitCode: z.string().min(1).max(50).optional() };

const INBOX_WRITE = ['*'];

export const inboxContract = {
  'inbox.list': op(inboxListInput).returns<InboxList>(),
  'inbox.get': op(z.object({ id }).strict()).returns<InboxEntry>(),
  /** the original bytes the unit sent (a refused file too, so she can reopen it) */
  'inbox.original': op(z.object({ id }).strict()).returns<{ name: string; bytes: Uint8Array }>(),
  /**
   * An unidentified (or wrongly attributed) file, checked again as the chosen unit's report: every identity,
   * period and figure check applies, except the unit's name. Recorded as a new entry; answers like an import.
   */
  'inbox.assign': op(
    z
      .object({
        id,
        ...unitRef,
        receivedAt: isoDate.optional(),
        receivedReason: z.string().trim().min(1).max(500).optional(),
        allowBlanking: z.boolean().optional(),
        /** the saved layout the file was imported with (a province's own form, issue 17): read with it again */
        layoutId: id.optional(),
      })
      .strict(),
  )
    .invalidates(INBOX_WRITE)
    .returns<ImportResult & { entryId: number }>(),
  /** the feedback letter (phiếu phản hồi) to the unit of a refused entry, and the short message for Zalo/e-mail */
  'inbox.feedback': op(z.object({ id, format: z.enum(['html', 'docx']).default('html') }).strict()).returns<{
    name: string;
    bytes: Uint8Array;
    /** the same content as a short plain-text message to paste into Zalo or an e-mail */
    message: string;
    /** the unit's e-mail address, if known */
    email: string | null;
  }>(),
  /** the hand-entry form of a unit for a period (paper or scanned reports) */
  'submissions.entryForm': op(z.object({ periodId: id, ...unitRef }).strict()).returns<EntryForm>(),
  /**
   * A paper or scanned report entered by hand: checked by the same rules as an import (a rule error refuses it
   * with the same message) and written as a new revision (audited, channel paper or scan, the scan as original).
   */
  'submissions.enter': op(
    z
      .object({
        periodId: id,
        ...unitRef,
        values: enteredValues,
        scan: fileSchema.optional(),
        channel: z.enum(['paper', 'scan']).optional(),
        receivedAt: isoDate.optional(),
        receivedReason: z.string().trim().min(1).max(500).optional(),
        allowBlanking: z.boolean().optional(),
      })
      .strict(),
  )
    .invalidates(INBOX_WRITE)
    .returns<ImportResult & { entryId: number }>(),
  /** withdraws the unit's current revision (reason required, audited): the one before is current again, or none */
  'submissions.withdraw': op(z.object({ periodId: id, ...unitRef, reason }).strict())
    .invalidates(INBOX_WRITE)
    .returns<{ unit: string; revision: number | null }>(),
  /** corrects the received date of a revision (reason required, audited); timeliness follows */
  'submissions.setReceived': op(z.object({ id, receivedAt: isoDate, reason }).strict())
    .invalidates(INBOX_WRITE)
    .returns<{ id: number; receivedAt: IsoDate; previous: IsoDate }>(),
};

export { channelSchema };
