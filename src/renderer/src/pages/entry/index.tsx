/**
 * Nhập báo cáo giấy: a paper or scanned report typed in by hand. She picks the unit; the form is laid out like
 * its template (submissions.entryForm); the validation rules are checked as she types (shared/rules, the same code
 * the import runs); the core checks it again and writes it as a new revision (channel giấy / bản scan, the scan
 * kept as the original, the received date she sets). A rule error blocks the entry with the import's message.
 */
import { PaperClipOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Radio, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { EntryForm } from '../../../../shared/contract/inbox';
import type { CellKey } from '../../../../shared/domain/catalog';
import { localIsoDate } from '../../../../shared/rules/period';
import { evaluateRules } from '../../../../shared/rules/validation';
import { formatDate, formatNumber } from '../../../../shared/text/vi';
import { call, errorMessage, useInvalidateAfter, useOp } from '../../api/client';
import { ErrorBox, Loading, PeriodPage } from '../../components/common';
import { DateInput } from '../../components/DateInput';
import { FilePicker } from '../../components/FilePicker';
import { fileToPayload } from '../../components/util';
import { CELL_LABEL } from '../../labels';
import { useCatalog } from '../../state/catalog';
import { usePeriod } from '../../state/period';
import type { ResultRow } from '../import/ImportResults';
import { OneResult } from '../inbox/AssignModal';
import { UnitPicker } from '../inbox/UnitPicker';
import { EntryGrid } from './EntryGrid';
import { cellId, draftOf, readDraft, toEntered, type Draft } from './values';

export const SCAN_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const SCAN_RE = /\.(pdf|jpe?g|png)$/i;

export function PaperEntryPage() {
  return (
    <PeriodPage
      title="Nhập báo cáo giấy"
      sub="Đơn vị gửi bản giấy hoặc bản scan: gõ số liệu theo mẫu biểu của đơn vị. Tab hoặc Enter để sang ô tiếp theo."
    >
      {(periodId) => <EntryBody periodId={periodId} />}
    </PeriodPage>
  );
}

function EntryBody({ periodId }: { periodId: number }) {
  const { period } = usePeriod();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [last, setLast] = useState<ResultRow | null>(null);
  useEffect(() => {
    setUnitId(null);
    setLast(null);
  }, [periodId]);
  const closed = period?.status === 'closed';
  return (
    <>
      {closed ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="Kỳ này đã khóa sổ nên không nhận thêm báo cáo."
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Form.Item label="Đơn vị gửi báo cáo" htmlFor="entry-unit" style={{ margin: 0, maxWidth: 480 }}>
            <UnitPicker
              id="entry-unit"
              label="Đơn vị gửi báo cáo"
              periodId={periodId}
              value={unitId}
              onChange={(u) => {
                setUnitId(u);
                setLast(null);
              }}
            />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          Kỳ báo cáo: {period?.label ?? ''} (đổi kỳ ở ô “Kỳ báo cáo” phía trên).
        </Typography.Text>
      </Card>
      {last ? (
        <div style={{ marginBottom: 16 }}>
          <Card size="small" title="Kết quả lưu báo cáo giấy">
            <OneResult result={last} busy={false} onForce={() => undefined} />
          </Card>
        </div>
      ) : null}
      {unitId && !closed ? (
        <EntryFormLoader
          key={`${periodId}-${unitId}`}
          periodId={periodId}
          unitId={unitId}
          onSaved={(r) => {
            setLast(r);
            if (r.status === 'accepted' || r.status === 'unchanged') setUnitId(null);
          }}
        />
      ) : null}
    </>
  );
}

function EntryFormLoader({
  periodId,
  unitId,
  onSaved,
}: {
  periodId: number;
  unitId: number;
  onSaved: (r: ResultRow) => void;
}) {
  const q = useOp('submissions.entryForm', { periodId, unitId }, { staleTime: 0 });
  const { index, error: catErr } = useCatalog();
  if (q.isLoading || (!index && !catErr)) return <Loading label="Đang mở mẫu biểu của đơn vị…" />;
  if (q.error || !q.data) return <ErrorBox error={q.error} onRetry={() => void q.refetch()} />;
  if (!index) return <ErrorBox error={catErr} />;
  return <EntryEditor form={q.data} rules={index.catalog.validationRules} elements={index.element} onSaved={onSaved} />;
}

export function EntryEditor({
  form,
  rules,
  elements,
  onSaved,
}: {
  form: EntryForm;
  rules: Parameters<typeof evaluateRules>[0];
  elements: ReadonlyMap<string, Parameters<typeof evaluateRules>[2][number]>;
  onSaved: (r: ResultRow) => void;
}) {
  const { message } = App.useApp();
  const invalidateAfter = useInvalidateAfter();
  const [draft, setDraft] = useState<Draft>(() => draftOf(form.rows, form.current));
  const [channel, setChannel] = useState<'paper' | 'scan'>('paper');
  const [receivedAt, setReceivedAt] = useState<string>(localIsoDate());
  const [scan, setScan] = useState<File | null>(null);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [refused, setRefused] = useState<ResultRow | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);

  const { values, problems } = useMemo(() => readDraft(form.rows, draft, elements), [form.rows, draft, elements]);
  // the catalogue's rules on what is typed so far: the same function the import runs (a rule with a blank operand
  // is skipped, never failed)
  const findings = useMemo(
    () => evaluateRules(rules, values, [...elements.values()], CELL_LABEL),
    [rules, values, elements],
  );
  const ruleErrors = findings.filter((f) => f.severity === 'error');
  const ruleWarnings = findings.filter((f) => f.severity === 'warning');
  const flagged = useMemo(() => {
    const m = new Map<string, 'error' | 'warning'>();
    for (const f of findings) {
      if (!f.element) continue;
      const cells: CellKey[] = f.cell ? [f.cell] : ['total', 'female', 'male', 'value'];
      for (const c of cells) if (m.get(cellId(f.element, c)) !== 'error') m.set(cellId(f.element, c), f.severity);
    }
    return m;
  }, [findings]);
  const blocked = problems.size > 0 || ruleErrors.length > 0;

  const change = useCallback(
    (element: string, cell: CellKey, raw: string) =>
      setDraft((d) => ({ ...d, [element]: { ...d[element], [cell]: raw } })),
    [],
  );

  const save = async () => {
    if (blocked || saving) return;
    if (!values.length) {
      void message.warning('Chưa có số liệu nào; hãy gõ số liệu theo bản giấy rồi lưu.');
      return;
    }
    setSaving(true);
    setServerError(null);
    setRefused(null);
    try {
      const r = await call('submissions.enter', {
        periodId: form.periodId,
        unitId: form.unit.id,
        values: toEntered(values),
        channel,
        receivedAt,
        ...(scan ? { scan: await fileToPayload(scan) } : {}),
      });
      const row: ResultRow = { ...r, key: String(r.entryId), file: r.file || scan?.name || 'Báo cáo giấy' };
      if (r.status === 'accepted' || r.status === 'unchanged') {
        void message.success(
          r.status === 'accepted'
            ? `Đã lưu báo cáo của ${form.unit.name} (lần nộp thứ ${formatNumber(r.revision ?? 1)}).`
            : 'Số liệu giống bản đã nhận trước đó; không ghi thêm lần nộp.',
        );
        onSaved(row);
      } else setRefused(row);
    } catch (e) {
      setServerError(errorMessage(e));
    } finally {
      setSaving(false);
      void invalidateAfter('submissions.enter');
    }
  };

  return (
    <Card
      title={`Mẫu biểu của ${form.unit.name}`}
      extra={
        form.currentRevision ? (
          <Typography.Text type="secondary">
            Đang hiện số liệu lần nộp thứ {form.currentRevision}; lưu sẽ thành lần nộp mới.
          </Typography.Text>
        ) : null
      }
    >
      <Flex gap={16} wrap align="end" style={{ marginBottom: 16 }}>
        <div>
          <div id="entry-channel-label" style={{ marginBottom: 4 }}>
            Hình thức
          </div>
          <Radio.Group
            aria-labelledby="entry-channel-label"
            value={channel}
            onChange={(e) => setChannel(e.target.value as 'paper' | 'scan')}
            options={[
              { value: 'paper', label: 'Bản giấy' },
              { value: 'scan', label: 'Bản scan' },
            ]}
          />
        </div>
        <Form.Item label="Ngày nhận" htmlFor="entry-received-at" layout="vertical" style={{ margin: 0 }}>
          <DateInput
            id="entry-received-at"
            value={receivedAt}
            allowClear={false}
            onChange={(v) => v && setReceivedAt(v)}
          />
        </Form.Item>
        <Space>
          <FilePicker
            label={scan ? 'Đổi tệp scan…' : 'Đính kèm bản scan (PDF, JPG, PNG)…'}
            icon={<PaperClipOutlined aria-hidden />}
            accept={SCAN_ACCEPT}
            testId="entry-scan"
            onFiles={([f]) => {
              if (!f) return;
              if (!SCAN_RE.test(f.name)) {
                void message.error(`“${f.name}” không phải tệp PDF, JPG hay PNG; hãy chọn bản scan đúng định dạng.`);
                return;
              }
              setScan(f);
              setChannel('scan');
            }}
          />
          {scan ? (
            <Typography.Text>
              {scan.name}{' '}
              <Button size="small" type="link" onClick={() => setScan(null)}>
                Bỏ tệp
              </Button>
            </Typography.Text>
          ) : null}
        </Space>
      </Flex>
      <EntryGrid
        rows={form.rows}
        draft={draft}
        onChange={change}
        problems={problems}
        flagged={flagged}
        disabled={saving}
        onDone={() => saveRef.current?.focus()}
      />
      <div aria-live="polite" className="entry-summary">
        {ruleErrors.length || problems.size ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={`Còn ${formatNumber(ruleErrors.length + problems.size)} lỗi cần sửa trước khi lưu`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {[...problems.entries()].map(([k, p]) => (
                  <li key={k}>
                    {elements.get(k.split(':')[0]!)?.name ?? k}: {p}
                  </li>
                ))}
                {ruleErrors.map((f, i) => (
                  <li key={`r${i}`}>{f.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {ruleWarnings.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${formatNumber(ruleWarnings.length)} cảnh báo (vẫn lưu được)`}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {ruleWarnings.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {serverError ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={serverError} /> : null}
        {refused ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title="Báo cáo chưa được lưu"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {refused.errors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </div>
      <Flex gap={12} align="center">
        <Button
          ref={saveRef}
          type="primary"
          size="large"
          icon={<SaveOutlined aria-hidden />}
          loading={saving}
          disabled={blocked}
          onClick={() => void save()}
        >
          Lưu báo cáo
        </Button>
        <Typography.Text type="secondary">
          Ngày nhận {formatDate(receivedAt)} · {channel === 'scan' ? 'bản scan' : 'bản giấy'}
          {scan ? ` · kèm ${scan.name}` : ''}
        </Typography.Text>
        <Link to="/ho-so-da-nhan">Xem hồ sơ đã nhận</Link>
      </Flex>
    </Card>
  );
}
