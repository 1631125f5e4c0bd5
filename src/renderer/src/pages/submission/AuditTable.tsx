/** Audit entries in Vietnamese: when, who, what, before and after, why. */
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '../../../../shared/domain/records';
import { LogTable } from '../../components/LogTable';
import { auditAction, auditText } from '../../components/values';

export function AuditTable({
  entries,
  loading,
  elementName,
}: {
  entries: AuditEntry[];
  loading?: boolean;
  elementName?: (code: string) => string;
}) {
  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Người thực hiện', dataIndex: 'actor', width: 170 },
    { title: 'Thao tác', width: 140, render: (_: unknown, e) => auditAction(e) },
    {
      title: 'Nội dung',
      render: (_: unknown, e) => {
        const b = auditText(e.before, elementName);
        const a = auditText(e.after, elementName);
        return b ? (
          <>
            <div>Trước: {b}</div>
            <div>Sau: {a}</div>
          </>
        ) : (
          a
        );
      },
    },
    { title: 'Lý do', dataIndex: 'reason', width: 220, render: (v: string | null) => v ?? '' },
  ];

  return <LogTable rows={entries} loading={loading} empty="Chưa có thay đổi nào." columns={columns} paged />;
}
