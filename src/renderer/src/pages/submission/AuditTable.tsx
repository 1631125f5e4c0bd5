/** Audit entries as sentences: when, who, what happened (with the reason); the technical detail behind "Chi tiết". */
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '../../../../shared/domain/records';
import { auditDetail, auditSentence, type AuditNames } from '../../../../shared/text/audit';
import { LogTable } from '../../components/LogTable';

export function AuditTable({
  entries,
  loading,
  names,
}: {
  entries: AuditEntry[];
  loading?: boolean;
  names: AuditNames;
}) {
  const columns: TableColumnsType<AuditEntry> = [
    { title: 'Người thực hiện', dataIndex: 'actor', width: 170 },
    {
      title: 'Nội dung',
      render: (_: unknown, e) => (
        <>
          <div>{auditSentence(e, names)}</div>
          <details className="audit-detail">
            <summary>Chi tiết</summary>
            <dl>
              {auditDetail(e).map((d) => (
                <div key={d.label}>
                  <dt>{d.label}</dt>
                  <dd>
                    <pre>{d.value}</pre>
                  </dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      ),
    },
  ];

  return <LogTable rows={entries} loading={loading} empty="Chưa có thay đổi nào." columns={columns} paged />;
}
