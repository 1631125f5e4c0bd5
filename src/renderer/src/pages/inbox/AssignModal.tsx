/**
 * "Giao cho đơn vị…": a file the app could not attribute is checked again as the chosen unit's report (every
 * identity, period and figure check still applies, except the unit's name); the answer is shown like an import's.
 */
import { Alert, Button, Descriptions, Form, Modal, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { IMPORT_STATUS_COLOR, IMPORT_STATUS_LABEL } from '../../labels';
import { useState } from 'react';
import type { ImportResult } from '../../../../shared/domain/report';
import { call, errorMessage, useInvalidateAfter } from '../../api/client';
import { ErrorAlert } from '../../components/FormModal';
import { Messages, UnitCell, type ResultRow } from '../import/ImportResults';
import type { InboxEntry } from '../../../../shared/contract/inbox';
import { UnitPicker } from './UnitPicker';

export function AssignModal({ entry, onClose }: { entry: InboxEntry; onClose: () => void }) {
  const invalidateAfter = useInvalidateAfter();
  const [unitId, setUnitId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ResultRow | null>(null);

  const assign = async (allowBlanking?: boolean): Promise<ImportResult> => {
    if (!unitId) throw new Error('no unit');
    setBusy(true);
    setError(null);
    try {
      const r = await call('inbox.assign', { id: entry.id, unitId, ...(allowBlanking ? { allowBlanking } : {}) });
      setResult({ ...r, key: String(r.entryId), file: r.file || entry.file || '' });
      return r;
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setBusy(false);
      void invalidateAfter('inbox.assign');
    }
  };

  return (
    <Modal
      open
      width={640}
      title={`Giao cho đơn vị: ${entry.file ?? 'báo cáo'}`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            Đóng
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Hủy</Button>
            <Button
              type="primary"
              loading={busy}
              disabled={!unitId}
              onClick={() => void assign().catch(() => undefined)}
            >
              Kiểm tra như báo cáo của đơn vị này
            </Button>
          </>
        )
      }
    >
      {result ? (
        <OneResult result={result} busy={busy} onForce={() => void assign(true).catch(() => undefined)} />
      ) : (
        <>
          <Typography.Paragraph>
            Ứng dụng chưa xác định được đơn vị gửi tệp này. Chọn đơn vị gửi: tệp được kiểm tra lại như báo cáo của đơn
            vị đó (kỳ báo cáo, mẫu biểu, số liệu), chỉ bỏ qua tên đơn vị ghi trong tệp.
          </Typography.Paragraph>
          {entry.errors.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="Lý do chưa xác định được"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {entry.errors.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Form layout="vertical">
            <Form.Item label="Đơn vị gửi" htmlFor="assign-unit" required>
              <UnitPicker
                id="assign-unit"
                label="Đơn vị gửi"
                periodId={entry.periodId}
                value={unitId}
                onChange={setUnitId}
                autoFocus
              />
            </Form.Item>
          </Form>
          <ErrorAlert error={error ? errorMessage(error) : null} />
        </>
      )}
    </Modal>
  );
}

/** One check's answer, told like a row of the import results: outcome, unit, the messages, where to look next. */
export function OneResult({ result, busy, onForce }: { result: ResultRow; busy: boolean; onForce: () => void }) {
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        Kết quả kiểm tra
      </Typography.Title>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { label: 'Tệp', children: <span style={{ wordBreak: 'break-all' }}>{result.file}</span> },
          {
            label: 'Kết quả',
            children: <Tag color={IMPORT_STATUS_COLOR[result.status]}>{IMPORT_STATUS_LABEL[result.status]}</Tag>,
          },
          { label: 'Đơn vị', children: <UnitCell r={result} /> },
          { label: 'Thông báo', children: <Messages result={result} busy={busy} onForce={onForce} /> },
        ]}
      />
      {result.submissionId ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Link to={`/bao-cao/${result.submissionId}`}>Xem báo cáo</Link>
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
