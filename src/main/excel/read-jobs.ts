/**
 * Everything the app reads out of a workbook somebody sent it, as one table of jobs that the parse pool runs off
 * the main thread (parse-pool.ts, parse-worker.ts): a filled form, a file read by a saved layout, a list of units,
 * the year's plan. Each job is the grid reader (grid.ts: the file guard, then the fast reader or exceljs) followed
 * by a pure function of the grid, so a hostile file (a merge over the whole sheet makes exceljs create every cell)
 * can only exhaust the worker, never the process that owns the database. Arguments and results are plain data
 * (they cross a thread by structured clone).
 */
import type { LayoutDefinition } from '../../shared/contract/layouts';
import { readForm, type FormCatalog, type ParsedForm, type ReadFormOptions } from './form-reader';
import { loadGrid, type LoadGridOptions } from './grid';
import { readByLayout, type LayoutReading } from './layout/read';
import { planFromGrid, type ReadPlan } from './plan-reader';
import { unitListFromGrid, type ColumnRole, type UnitList } from './unit-list-reader';

export interface ReadJobs {
  form: { args: { catalog: FormCatalog; options: ReadFormOptions }; result: ParsedForm };
  layout: {
    args: { catalog: FormCatalog; definition: LayoutDefinition; layoutName: string };
    result: LayoutReading;
  };
  unitList: { args: { columns: Record<string, ColumnRole> }; result: UnitList };
  plan: { args: Record<string, never>; result: ReadPlan };
}
export type ReadJobKind = keyof ReadJobs;
export type ReadJobArgs<K extends ReadJobKind> = ReadJobs[K]['args'];
export type ReadJobResult<K extends ReadJobKind> = ReadJobs[K]['result'];

/** One job of a kind, with its arguments (what crosses to the worker besides the bytes and the file's name). */
export type ReadJob = { [K in ReadJobKind]: { kind: K; args: ReadJobArgs<K> } }[ReadJobKind];

/**
 * Runs a job in this thread. `reader` 'fast' makes the grid reader throw FastGridUnsupported instead of falling
 * back to exceljs (the pool's short path: what the fast reader is unsure of goes to the worker).
 */
export async function runReadJob(
  job: ReadJob,
  bytes: Uint8Array,
  fileName: string,
  reader?: LoadGridOptions['reader'],
): Promise<ReadJobResult<ReadJobKind>> {
  const grid = (): ReturnType<typeof loadGrid> => loadGrid(bytes, fileName, reader ? { reader } : {});
  switch (job.kind) {
    case 'form':
      return readForm(bytes, fileName, job.args.catalog, reader ? { ...job.args.options, reader } : job.args.options);
    case 'layout':
      return readByLayout(await grid(), fileName, job.args.definition, job.args.layoutName, job.args.catalog);
    case 'unitList':
      return unitListFromGrid(await grid(), fileName, job.args.columns);
    case 'plan':
      return planFromGrid(await grid());
  }
}
