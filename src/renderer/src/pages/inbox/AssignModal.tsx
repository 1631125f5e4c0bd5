/**
 * "Giao cho đơn vị…": a file the app could not attribute is checked again as the chosen unit's report (every
 * identity, period and figure check still applies, except the unit's name); the answer is shown like an import's.
 */
import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { ImportResult } from '../../../../shared/domain/report';
import { call, errorMessage, useInvalidateAfter } from '../../api/client';
import { ErrorAlert } from '../../components/FormModal';
import { ImportResults, type ResultRow } from '../import/ImportResults';
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
      width={result ? 960 : 560}
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
        <ImportResults
          title="Kết quả kiểm tra"
          results={[result]}
          done={1}
          total={1}
          running={busy}
          onImportAgain={() => assign(true)}
        />
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
