/**
 * THE contract: operation name → input schema (zod) → output type. Every door (Electron IPC, the local web
 * host, the CLI) validates input with these schemas and calls the same handlers (src/main/api).
 * Adding a capability = one entry here, one handler, one screen.
 */
import type { z } from 'zod';
import { appContract } from './app';
import { catalogContract } from './catalog';
import type { Op } from './op';
import { periodsContract } from './periods';
import { planContract } from './plan';
import { reportsContract } from './reports';
import { importsContract } from './imports';
import { inboxContract } from './inbox';
import { layoutsContract } from './layouts';
import { submissionsContract } from './submissions';
import { templatesContract } from './templates';
import { unitsContract } from './units';
import type { Result } from '../result';
import { type OP_NAME_LIST, type ApiEvent } from './names';

export const contract = {
  ...appContract,
  ...unitsContract,
  ...catalogContract,
  ...periodsContract,
  ...templatesContract,
  ...importsContract,
  ...submissionsContract,
  ...inboxContract,
  ...reportsContract,
  ...planContract,
  ...layoutsContract,
};

export type Contract = typeof contract;
export type OpName = keyof Contract;
export type Input<K extends OpName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type Output<K extends OpName> = Contract[K] extends Op<z.ZodType, infer O> ? O : never;

export const OP_NAMES = Object.keys(contract) as OpName[];

// the preload's name list must equal the contract's keys, both ways
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Same<(typeof OP_NAME_LIST)[number], OpName> = true;
void namesMatch;

export function isOpName(name: string): name is OpName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the renderer sees as `window.api`: one function per operation, each returning a Result. */
export type Api = { [K in OpName]: (input: Input<K>) => Promise<Result<Output<K>>> } & {
  /** events pushed by the core (import progress); returns an unsubscribe function */
  on: (event: ApiEvent, cb: (payload: unknown) => void) => () => void;
  /** which door the renderer sits behind */
  host: HostInfo;
};

export { API_EVENTS, type ApiEvent } from './names';

export interface HostInfo {
  kind: 'electron' | 'web';
  /** Electron only: pick a folder natively and write the files there */
  saveFilesToFolder?: (files: Array<{ name: string; bytes: Uint8Array }>) => Promise<Result<{ folder: string } | null>>;
  /** Electron only: print HTML to PDF through printToPDF; returns the PDF bytes */
  printToPdf?: (html: string) => Promise<Result<{ bytes: Uint8Array }>>;
}

export * from './op';
export type { AppInfo, Settings, Signer, BackupEntry } from './app';
export type { UnitInput, UnitImportResult, UnitImportRow } from './units';
export type { UnitColumnRole, UnitImportChange, UnitImportColumn, UnitImportDecisions } from './units';
export { UNIT_COLUMN_ROLES } from './units';
export type { CatalogView, DataElementInput, IndicatorInput } from './catalog';
export type { CreatePeriodInput, UpdatePeriodInput } from './periods';
export type { SubmissionDetail } from './submissions';
export type { ImportBatchInput, ImportBatchResult, ImportFileInput } from './imports';
export type { DrillRow, TrendPoint } from './reports';
export type { PlanView, PlanTask, PlanResults, TaskResult, UnitTasks, TaskStatus } from './plan';
export type { InboxEntry, InboxList, EntryForm, EntryFormRow, EntryStatus, EntryChannel } from './inbox';
