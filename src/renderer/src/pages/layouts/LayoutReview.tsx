/**
 * The review of a suggested layout: the form as it looks beside the proposals, the column roles, the unit and the
 * period found; saved under a name. Nothing is written before "Lưu mẫu biểu".
 */
import { CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CatalogView } from '../../../../shared/contract';
import {
  APPENDIX_COLUMN_ROLES,
  type AppendixColumnRole,
  type LayoutColumns,
  type LayoutPurpose,
  type LayoutRow,
  type LayoutSuggestion,
} from '../../../../shared/contract/layouts';
import { formatNumber } from '../../../../shared/text/vi';
import { useOpMutation } from '../../api/client';
import { ErrorAlert } from '../../components/FormModal';
import { ElementModal } from '../catalog/ElementModal';
import type { Pick } from './ElementPicker';
import { FormPreview } from './FormPreview';
import {
  COLUMN_ROLES,
  columnTwice,
  definitionOf,
  headerTexts,
  nameFromLabel,
  PURPOSE_LABEL,
  rowState,
  SURE,
} from './review';
import { RowProposals } from './RowProposals';

const APPENDIX_ROLE_LABEL: Record<AppendixColumnRole, string> = {
  result: 'Kết quả',
  target: 'Chỉ tiêu (mục tiêu)',
  previous: 'Cùng kỳ năm trước',
  total: 'Tổng số',
  female: 'Nữ',
  male: 'Nam',
  value: 'Giá trị',
};

const UNIT_SOURCE_TEXT = {
  cell: (cell: string | null) => `ô ${cell ?? '?'} của mẫu`,
  sheet: () => 'tên trang tính',
  file: () => 'tên tệp',
};

export function LayoutReview({
  suggestion,
  fileName,
  purpose,
  catalog,
  onSaved,
  onCancel,
}: {
  suggestion: LayoutSuggestion;
  fileName: string;
  purpose: LayoutPurpose;
  catalog: CatalogView;
  onSaved: (id: number, name: string) => void;
  onCancel: () => void;
}) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<LayoutRow[]>(suggestion.rows);
  const [reviewed, setReviewed] = useState<Set<number>>(() => new Set());
  const [columns, setColumns] = useState<LayoutColumns>(suggestion.columns);
  const [appendix, setAppendix] = useState<Map<string, AppendixColumnRole>>(
    () => new Map((suggestion.appendixColumns ?? []).map((a) => [a.column, a.role])),
  );
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const [adding, setAdding] = useState<LayoutRow | null>(null);
  const [name, setName] = useState(() => fileName.replace(/\.(xlsx|xlsm|xls)$/i, ''));
  const [tried, setTried] = useState(false);
  const save = useOpMutation('layouts.save');
  const heads = useMemo(() => headerTexts(suggestion), [suggestion]);
  const withIndicators = purpose === 'appendix';

  const setRow = (row: number, change: Partial<LayoutRow>) => {
    setRows((rs) => rs.map((r) => (r.row === row ? { ...r, ...change } : r)));
    setReviewed((s) => new Set(s).add(row));
    setFocusRow(row);
  };
  const pick = (row: number, p: Pick | null) =>
    setRow(
      row,
      p ? { code: p.code, name: p.name, kind: p.kind, confidence: 1 } : { code: null, name: null, confidence: 1 },
    );
  const confirmSure = () => {
    const sure = rows.filter((r) => rowState(r, reviewed) === 'sure').map((r) => r.row);
    setRows((rs) => rs.map((r) => (sure.includes(r.row) ? { ...r, confidence: 1 } : r)));
    setReviewed((s) => new Set([...s, ...sure]));
    void message.success(`Đã xác nhận ${formatNumber(sure.length)} dòng chắc chắn.`);
  };

  const mapped = rows.filter((r) => r.code).length;
  const sureLeft = rows.filter((r) => rowState(r, reviewed) === 'sure').length;
  const toReview = rows.filter((r) => rowState(r, reviewed) === 'review').length;
  const twice = columnTwice(columns);
  const noFigureColumn = purpose === 'import' && !COLUMN_ROLES.some((r) => columns[r.key]);
  const nameError = tried && !name.trim() ? 'Nhập tên mẫu biểu để lưu (ví dụ “Biểu số liệu của tỉnh 2024”).' : null;

  const colOptions = [
    { value: '', label: 'Không có cột này' },
    ...suggestion.preview.columns.map((c) => ({ value: c, label: heads.get(c) ? `${c} – ${heads.get(c)}` : c })),
  ];

  const submit = () => {
    setTried(true);
    if (!name.trim() || twice || noFigureColumn) return;
    const appendixColumns =
      purpose === 'appendix' ? [...appendix].map(([column, role]) => ({ column, role })) : undefined;
    save.mutate(
      { name: name.trim(), purpose, definition: definitionOf(suggestion, rows, columns, appendixColumns) },
      { onSuccess: (r) => onSaved(r.id, name.trim()) },
    );
  };

  return (
    <>
      <Card size="small" style={{ marginBottom: 16 }} title={`Xem lại mẫu biểu đọc từ tệp “${fileName}”`}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'purpose', label: 'Dùng để', children: PURPOSE_LABEL[purpose] },
            { key: 'sheet', label: 'Trang tính', children: suggestion.sheet },
            {
              key: 'rows',
              label: 'Dòng đã ghép',
              children: `${formatNumber(mapped)}/${formatNumber(rows.length)} dòng (${formatNumber(toReview)} cần xem lại)`,
            },
            {
              key: 'unit',
              label: 'Đơn vị gửi',
              children: suggestion.unit.source
                ? `đọc từ ${UNIT_SOURCE_TEXT[suggestion.unit.source](suggestion.unit.cell)}${
                    suggestion.unitFound
                      ? ` (trong tệp này: ${suggestion.unitFound.name}, mã ${suggestion.unitFound.code})`
                      : ''
                  }`
                : 'không thấy trong mẫu: khi nhập, đơn vị được nhận ra theo tên tệp hoặc hỏi lại',
            },
            {
              key: 'period',
              label: 'Kỳ báo cáo',
              children: suggestion.periodFound
                ? `“${suggestion.periodFound.text}”${suggestion.period.cell ? ` (ô ${suggestion.period.cell})` : ''}`
                : 'không thấy trong tiêu đề: lấy theo kỳ chọn khi nhập',
            },
          ]}
        />
      </Card>

      <Card size="small" style={{ marginBottom: 16 }} title="Cột số liệu">
        <Flex gap={16} wrap>
          {COLUMN_ROLES.map((r) => (
            <Flex key={r.key} vertical gap={4}>
              <label htmlFor={`layout-col-${r.key}`}>Cột “{r.label}”</label>
              <Select
                id={`layout-col-${r.key}`}
                style={{ width: 220 }}
                value={columns[r.key] ?? ''}
                options={colOptions}
                onChange={(v: string) => setColumns((c) => ({ ...c, [r.key]: v || null }))}
              />
            </Flex>
          ))}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          Chỉ tiêu chỉ có một số liệu (số lượng, có/không, số tiền) lấy số ở cột số liệu đầu tiên (thường là “Tổng số”);
          “x” ở dòng có/không được hiểu là Có.
        </Typography.Paragraph>
        {twice ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            title={`Cột ${twice.col} đang được chọn cho cả ${twice.roles.join(' và ')}: mỗi cột chỉ chọn cho một loại số liệu.`}
          />
        ) : null}
        {noFigureColumn ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 8 }}
            title="Chưa chọn cột số liệu nào: chọn ít nhất cột “Tổng số” hoặc “Giá trị”."
          />
        ) : null}
        {purpose === 'appendix' ? (
          <>
            <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
              Ý nghĩa các cột của phụ lục
            </Typography.Title>
            <Flex gap={16} wrap>
              {suggestion.preview.columns.map((c) => (
                <Flex key={c} vertical gap={4}>
                  <label htmlFor={`appendix-col-${c}`}>
                    Cột {c}
                    {heads.get(c) ? ` – ${heads.get(c)}` : ''}
                  </label>
                  <Select
                    id={`appendix-col-${c}`}
                    style={{ width: 220 }}
                    value={appendix.get(c) ?? ''}
                    options={[
                      { value: '', label: 'Không điền' },
                      ...APPENDIX_COLUMN_ROLES.map((r) => ({ value: r, label: APPENDIX_ROLE_LABEL[r] })),
                    ]}
                    onChange={(v: string) =>
                      setAppendix((m) => {
                        const n = new Map(m);
                        if (v) n.set(c, v as AppendixColumnRole);
                        else n.delete(c);
                        return n;
                      })
                    }
                  />
                </Flex>
              ))}
            </Flex>
          </>
        ) : null}
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card size="small" title="Mẫu biểu như trong tệp" style={{ marginBottom: 16 }}>
            <FormPreview suggestion={suggestion} columns={columns} focusRow={focusRow} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title="Ghép từng dòng với chỉ tiêu"
            style={{ marginBottom: 16 }}
            extra={
              <Button
                size="small"
                icon={<CheckCircleOutlined aria-hidden />}
                disabled={!sureLeft}
                onClick={confirmSure}
              >
                Xác nhận các dòng chắc chắn ({formatNumber(sureLeft)})
              </Button>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              Dòng “Không khớp” để trống sẽ không được nhập. Ứng dụng không tự đoán: dòng nào chưa chắc, hãy chọn chỉ
              tiêu đúng hoặc bỏ ghép. Độ khớp từ {formatNumber(SURE * 100)}% trở lên được coi là chắc chắn.
            </Typography.Paragraph>
            <RowProposals
              rows={rows}
              reviewed={reviewed}
              catalog={catalog}
              withIndicators={withIndicators}
              onConfirm={(row) => setRow(row, { confidence: 1 })}
              onPick={pick}
              onNew={setAdding}
              onFocusRow={setFocusRow}
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title="Lưu mẫu biểu">
        <Form layout="vertical" onFinish={submit} component="div">
          <Flex gap={12} align="end" wrap>
            <Form.Item
              label="Tên mẫu biểu"
              htmlFor="layout-name"
              style={{ margin: 0, width: 420 }}
              validateStatus={nameError ? 'error' : undefined}
              help={nameError ?? undefined}
              required
            >
              <Input
                id="layout-name"
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
                onPressEnter={submit}
              />
            </Form.Item>
            <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={save.isPending} onClick={submit}>
              Lưu mẫu biểu
            </Button>
            <Button onClick={onCancel}>Hủy</Button>
          </Flex>
          <ErrorAlert error={save.error} style={{ marginTop: 12 }} />
        </Form>
      </Card>

      {adding ? (
        <ElementModal
          catalog={catalog}
          initialName={nameFromLabel(adding.label)}
          onClose={() => setAdding(null)}
          onSaved={(code, elName) => pick(adding.row, { kind: 'element', code, name: elName })}
        />
      ) : null}
    </>
  );
}
