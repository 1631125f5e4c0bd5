/**
 * The paper-entry form, laid out like the unit's template: its sections, its rows (only those of its kind) and the
 * cells that apply. Keyboard-first: Tab and Enter both move to the next cell down the form (Shift+Enter: a new line
 * in a text), numbers typed the Vietnamese way (1.234 / 12,5), Có/Không with the arrow keys or C / K, "KAD" for
 * không áp dụng. A cell's problem shows under it as she types; the last cell's Enter goes to `onDone`.
 */
import { Input, Radio, Typography } from 'antd';
import { memo, useMemo, type KeyboardEvent } from 'react';
import type { EntryFormRow } from '../../../../shared/contract/inbox';
import type { CellKey, ValueType } from '../../../../shared/domain/catalog';
import { CELL_LABEL } from '../../labels';
import { parseTaskElement, TASK_STATUS_LABEL, TASK_STATUSES } from '../../../../shared/rules/task-answers';
import { cellId, NA, NO, YES, type Draft } from './values';

type OnCell = (element: string, cell: CellKey, raw: string) => void;

const COLUMNS: CellKey[] = ['total', 'female', 'male', 'value'];
const NUMERIC: ValueType[] = ['integer', 'decimal'];

/** The cell after `from` in the form's order (the order of [data-entry-cell] wrappers), focused; false at the end. */
export function focusNextCell(root: HTMLElement, from: Element): boolean {
  const cells = Array.from(root.querySelectorAll<HTMLElement>('[data-entry-cell]'));
  const at = cells.findIndex((c) => c === from || c.contains(from));
  for (let i = at + 1; i < cells.length; i++) {
    const c = cells[i]!;
    const target =
      c.querySelector<HTMLElement>('input:checked:not([disabled])') ??
      c.querySelector<HTMLElement>('input:not([disabled]), textarea:not([disabled])');
    if (target) {
      target.focus();
      return true;
    }
  }
  return false;
}

/**
 * After a key picks a choice (c / k / a, 1 / 2 / 3), the radio it checked gets the focus once React has rendered it,
 * so that the arrows go on from there: but only while the focus is still in that group. A Tab or Enter typed before
 * the render (a fast typist, a busy machine) has already moved on to the next cell, and taking the focus back there
 * would send what she types next to the radio instead of the cell she sees (the figures lost).
 */
export function focusCheckedLater(groupId: string): void {
  window.setTimeout(() => {
    const group = document.getElementById(groupId);
    if (!group) return;
    const cell = group.closest('[data-entry-cell]') ?? group;
    const active = document.activeElement;
    if (active && active !== document.body && !cell.contains(active)) return;
    group.querySelector<HTMLElement>('input:checked')?.focus();
  });
}

function YesNo({
  id,
  label,
  value,
  onChange,
  invalid,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
}) {
  return (
    <div
      onKeyDown={(e) => {
        const k = e.key.toLowerCase();
        if (k === 'c') onChange(YES);
        else if (k === 'k') onChange(NO);
        else if (k === 'a') onChange(NA);
        else return;
        e.preventDefault();
        // the radio that matches is focused, so arrows go on from there
        focusCheckedLater(id);
      }}
    >
      <Radio.Group
        id={id}
        aria-label={label}
        aria-invalid={invalid || undefined}
        value={value || undefined}
        onChange={(e) => onChange(String(e.target.value))}
        options={[
          { value: YES, label: 'Có' },
          { value: NO, label: 'Không' },
          { value: NA, label: 'Không áp dụng' },
        ]}
      />
    </div>
  );
}

/** A task's status (the plan's rows): the form's three words; keys 1, 2, 3 pick them, arrows move between them. */
function TaskStatusChoice({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const words = TASK_STATUSES.map((s) => TASK_STATUS_LABEL[s]);
  return (
    <div
      onKeyDown={(e) => {
        const i = ['1', '2', '3'].indexOf(e.key);
        if (i < 0) return;
        e.preventDefault();
        onChange(words[i]!);
        focusCheckedLater(id);
      }}
    >
      <Radio.Group
        id={id}
        aria-label={label}
        value={value || undefined}
        onChange={(e) => onChange(String(e.target.value))}
        options={words.map((w, i) => ({ value: w, label: `${w} (${i + 1})` }))}
      />
    </div>
  );
}

export function EntryGrid({
  rows,
  draft,
  onChange,
  problems,
  flagged,
  onDone,
  disabled,
}: {
  rows: readonly EntryFormRow[];
  draft: Draft;
  onChange: (element: string, cell: CellKey, raw: string) => void;
  /** a cell's own problem (not a number, out of range), by cellId */
  problems: ReadonlyMap<string, string>;
  /** cells a validation rule points at (error or warning), by cellId */
  flagged: ReadonlyMap<string, 'error' | 'warning'>;
  /** Enter on the last cell */
  onDone?: () => void;
  disabled?: boolean;
}) {
  const sections = useMemo(() => {
    const out: Array<{ code: string; name: string; rows: EntryFormRow[] }> = [];
    for (const r of rows) {
      const last = out[out.length - 1];
      if (last && last.code === r.section) last.rows.push(r);
      else out.push({ code: r.section, name: r.sectionName, rows: [r] });
    }
    return out;
  }, [rows]);

  // each cell gets only its own value, problem and flag: typing re-renders that cell, not the whole form
  const cellProps = (element: string, cell: CellKey) => {
    const key = cellId(element, cell);
    return {
      raw: draft[element]?.[cell] ?? '',
      problem: problems.get(key),
      flag: flagged.get(key),
      onChange,
      disabled,
    };
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target as HTMLElement;
    if (!t.closest('[data-entry-cell]')) return;
    e.preventDefault();
    if (!focusNextCell(e.currentTarget, t)) onDone?.();
  };

  return (
    <div className="entry-grid" onKeyDown={onKeyDown}>
      {sections.map((s) => (
        <section key={s.code} aria-labelledby={`entry-sec-${s.code}`} style={{ marginBottom: 20 }}>
          <Typography.Title level={2} id={`entry-sec-${s.code}`} style={{ fontSize: 16, margin: '8px 0' }}>
            {s.name}
          </Typography.Title>
          <table className="entry-table">
            <thead>
              <tr>
                <th scope="col" style={{ width: 90 }}>
                  Mã số
                </th>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col" style={{ width: 90 }}>
                  Đơn vị tính
                </th>
                {COLUMNS.map((c) => (
                  <th scope="col" key={c} style={{ width: c === 'value' ? 230 : 120 }}>
                    {CELL_LABEL[c]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => {
                if (r.type === 'text')
                  return (
                    <tr key={r.element}>
                      <td>{r.element}</td>
                      <th scope="row">{r.name}</th>
                      <td>{r.unit}</td>
                      <td colSpan={4}>
                        <Cell r={r} cell="value" {...cellProps(r.element, 'value')} />
                      </td>
                    </tr>
                  );
                return (
                  <tr key={r.element}>
                    <td>{r.element}</td>
                    <th scope="row">{r.name}</th>
                    <td>{r.unit}</td>
                    {COLUMNS.map((c) => (
                      <td key={c} className={r.cells.includes(c) ? undefined : 'entry-na'}>
                        {r.cells.includes(c) ? (
                          <Cell r={r} cell={c} {...cellProps(r.element, c)} />
                        ) : (
                          <span aria-label="Ô không áp dụng">—</span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

const Cell = memo(function Cell({
  r,
  cell,
  raw,
  problem,
  flag: ruleFlag,
  onChange,
  disabled,
}: {
  r: EntryFormRow;
  cell: CellKey;
  raw: string;
  problem: string | undefined;
  flag: 'error' | 'warning' | undefined;
  onChange: OnCell;
  disabled?: boolean | undefined;
}) {
  const key = cellId(r.element, cell);
  const id = `entry-${r.element}-${cell}`.replace(/[^\w-]/g, '_');
  const flag = problem ? 'error' : ruleFlag;
  const label = r.cells.length > 1 || NUMERIC.includes(r.type) ? `${r.name} – ${CELL_LABEL[cell]}` : r.name;
  const hint = problem ? (
    <div id={`${id}-problem`} role="alert" style={{ color: '#cf1322', fontSize: 12, marginTop: 2 }}>
      {problem}
    </div>
  ) : null;
  let input;
  if (parseTaskElement(r.element)?.part === 'status')
    input = <TaskStatusChoice id={id} label={label} value={raw} onChange={(v) => onChange(r.element, cell, v)} />;
  else if (r.type === 'yesno')
    input = <YesNo id={id} label={label} value={raw} invalid={!!flag} onChange={(v) => onChange(r.element, cell, v)} />;
  else if (r.type === 'text')
    input = (
      <Input.TextArea
        id={id}
        aria-label={label}
        disabled={disabled}
        autoSize={{ minRows: 1, maxRows: 6 }}
        maxLength={10_000}
        value={raw}
        status={flag}
        onChange={(e) => onChange(r.element, cell, e.target.value)}
      />
    );
  else
    input = (
      <Input
        id={id}
        aria-label={label}
        aria-describedby={problem ? `${id}-problem` : undefined}
        aria-invalid={flag === 'error' || undefined}
        inputMode="decimal"
        autoComplete="off"
        disabled={disabled}
        value={raw}
        status={flag}
        placeholder={raw ? undefined : ''}
        style={{ textAlign: 'right' }}
        onChange={(e) => onChange(r.element, cell, e.target.value)}
      />
    );
  return (
    <div data-entry-cell={key}>
      {input}
      {hint}
    </div>
  );
});
