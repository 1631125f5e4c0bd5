/**
 * Hostile and broken files (issue point 3), the in-process run in `npm test`: a seeded corpus derived from real
 * filled forms goes through dispatch('imports.file') as one batch. Every file gets a result with a Vietnamese
 * message (no stack, no English exception text); a rejected file changes nothing (row counts and every stored
 * value identical before and after it); an accepted one carries exactly the figures of the form it came from;
 * each file is answered (a generous bound catches a hang, not speed); memory stays bounded. The full corpus
 * (300+ files, 200,000 rows, 100–200 MB bombs) runs through the CLI in `npm run test:stress`.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/api/dispatch';
import { getCatalog } from '../../../src/main/services/catalog';
import { cellValueToRow } from '../../../src/main/services/values';
import { toFill, unitFigures } from '../../../src/main/demo/data';
import { templateRowsFor } from '../../../src/main/excel/form-layout';
import type { ImportResult } from '../../../src/shared/domain/report';
import type { UnitKind } from '../../../src/shared/domain/catalog';
import { filledForm, smallProvince, tableCounts } from '../../helpers/province';
import { buildCorpus, messageProblems, SMALL } from '../../stress/lib/corpus';
import { rowKey, seedFromEnv } from '../../stress/lib/batch';

const HANG_MS = 15_000;
const MAX_RSS_MB = 2048;

describe('a hostile corpus through the real import pipeline (one batch)', () => {
  it('answers every file in Vietnamese, rejected files change nothing, accepted ones are exact', async () => {
    const seed = seedFromEnv('hostile-corpus');
    const { ctx, period } = smallProvince();
    try {
      const catalog = getCatalog(ctx.db);
      const tpl = catalog.templates[0]!;
      const kinds: Record<string, UnitKind> = {
        S01: 'so_nganh',
        S02: 'so_nganh',
        D01: 'doan_the',
        X01: 'xa',
        X02: 'xa',
      };
      const expected = new Map<string, Map<string, string>>();
      const forms = [];
      for (const [i, code] of Object.keys(kinds).entries()) {
        const values = unitFigures(catalog.dataElements, catalog.validationRules, catalog.cellLabels, seed + i);
        const f = await filledForm(ctx, period.id, code, toFill(values));
        forms.push({ name: f.name, bytes: new Uint8Array(f.bytes), unit: code });
        // the unit's own rows (Sở Y tế's form has its "chuyên ngành" rows): the same rule as the writer and the import
        const unit = ctx.raw.prepare('SELECT code, name, kind FROM units WHERE code = ?').get(code) as {
          code: string;
          name: string;
          kind: UnitKind;
        };
        const onForm = new Set(templateRowsFor(tpl, catalog.dataElements, unit).map((e) => e.code));
        expected.set(
          code,
          new Map(
            values
              .filter((v) => onForm.has(v.element))
              .map((v) => [`${v.element}.${v.cell}`, rowKey(cellValueToRow(v.value))]),
          ),
        );
      }
      // two units already reported: their stored values must never move
      for (const f of forms.slice(0, 2)) {
        const r = await dispatch(ctx, 'imports.file', { periodId: period.id, file: f });
        expect(r.ok && (r.data as ImportResult).status).toBe('accepted');
      }
      const valuesDigest = () =>
        JSON.stringify(
          ctx.raw
            .prepare('SELECT submission_id, element, cell, state, num, text FROM submission_values ORDER BY 1, 2, 3')
            .all(),
        );
      const storedValues = (submissionId: number) =>
        new Map(
          (
            ctx.raw
              .prepare('SELECT element, cell, state, num, text FROM submission_values WHERE submission_id = ?')
              .all(submissionId) as Array<{
              element: string;
              cell: string;
              state: string;
              num: number | null;
              text: string | null;
            }>
          ).map((r) => [`${r.element}.${r.cell}`, rowKey(r)]),
        );

      const corpus = buildCorpus(forms, seed, SMALL, { heavy: false });
      expect(corpus.length).toBeGreaterThanOrEqual(60);
      const problems: string[] = [];
      const tally = { accepted: 0, rejected: 0, unchanged: 0, unidentified: 0, duplicate: 0 };
      let slowest = { name: '', ms: 0 };
      for (const f of corpus) {
        const countsBefore = tableCounts(ctx);
        const digestBefore = valuesDigest();
        const t0 = performance.now();
        const r = await dispatch(ctx, 'imports.file', {
          periodId: period.id,
          file: { name: f.name, bytes: f.bytes },
          batchId: `corpus-${seed}`,
        });
        const ms = performance.now() - t0;
        if (ms > slowest.ms) slowest = { name: f.name, ms };
        const where = `${f.name} (${f.kind}; seed ${seed})`;
        if (ms > HANG_MS) problems.push(`${where}: answered after ${Math.round(ms)} ms (hang?)`);
        if (!r.ok) {
          problems.push(`${where}: no result, error ${r.error.code}: ${r.error.message}`);
          continue;
        }
        const res = r.data as ImportResult;
        tally[res.status]++;
        for (const p of messageProblems(res)) problems.push(`${where}: ${p}`);
        // refused in any of its forms (rejected, unidentified, duplicate): nothing written but its inbox entry
        // (one import_attempts row, and its original in files unless the same bytes are already there)
        if (res.status !== 'accepted' && res.status !== 'unchanged') {
          const after = tableCounts(ctx);
          const grew = Object.keys(after).filter((k) => after[k] !== countsBefore[k]);
          const inbox = after.import_attempts! - countsBefore.import_attempts!;
          const originals = after.files! - countsBefore.files!;
          if (
            grew.some((k) => k !== 'import_attempts' && k !== 'files') ||
            inbox !== 1 ||
            originals < 0 ||
            originals > 1
          )
            problems.push(`${where}: rejected but row counts changed beyond its inbox entry (${grew.join(', ')})`);
          if (res.entryId === undefined) problems.push(`${where}: refused without an inbox entry`);
          if (valuesDigest() !== digestBefore) problems.push(`${where}: rejected but stored values changed`);
        } else if (res.status === 'accepted') {
          if (!f.mayAccept) problems.push(`${where}: a broken file was ACCEPTED`);
          const want = expected.get(f.source ?? '');
          const got = storedValues(res.submissionId!);
          const same = !!want && JSON.stringify([...got].sort()) === JSON.stringify([...want].sort());
          if (!same && !(f.differsOnlyWithWarning && res.warnings.length > 0))
            problems.push(
              `${where}: accepted with figures different from the unit's form${f.differsOnlyWithWarning ? ' and no warning' : ''}`,
            );
        }
      }
      console.log(
        `[hostile corpus, in-process] seed=${seed} files=${corpus.length} accepted=${tally.accepted} rejected=${tally.rejected} unidentified=${tally.unidentified} unchanged=${tally.unchanged} slowest=${slowest.name} ${Math.round(slowest.ms)} ms maxRSS=${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
      expect(problems).toEqual([]);
      expect(tally.rejected + tally.unidentified).toBeGreaterThan(corpus.length / 2);
      expect(process.resourceUsage().maxRSS / 1024).toBeLessThan(MAX_RSS_MB);
      expect(ctx.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      ctx.dispose();
    }
  }, 600_000);
});
