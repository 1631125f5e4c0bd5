/**
 * "Who reports it" in Danh mục: roles (a unit whose name is "Sở Y tế…") and the province's own units, picked in
 * one list; the units each choice currently means are shown under it (shared/domain/reporters.ts, the rule the
 * forms and the import follow).
 */
import { Form, Select, Typography } from 'antd';
import { useOp } from '../../api/client';
import type { DataElement } from '../../../../shared/domain/catalog';
import { isRoleEntry, matchingUnits, REPORTER_ROLES, roleEntry, roleOf } from '../../../../shared/domain/reporters';
import { compareVi, matchesSearch } from '../../../../shared/text/vi';
import { UNIT_KIND_LABEL } from '../../labels';

/** The label of one entry: a role by its name, a unit by its name and code, an unknown code as it is. */
export function reporterLabel(entry: string, units: Array<{ code: string; name: string }>): string {
  const role = roleOf(entry);
  if (role) return `Đơn vị có tên “${role.label}”`;
  const u = units.find((x) => x.code.toUpperCase() === entry.toUpperCase());
  return u ? `${u.name} (${u.code})` : `Mã ${entry} (không có trong danh sách đơn vị)`;
}

/** Who reports an element, in words: "Sở Y tế (S04)" or the unit kinds. */
export function reportersText(e: DataElement, units: Array<{ code: string; name: string; kind: string }>): string {
  if (e.collectedFrom === 'province') return 'Cấp tỉnh nhập';
  if (!e.reporterUnits?.length) return e.reportedBy.map((k) => UNIT_KIND_LABEL[k]).join('; ');
  const now = matchingUnits(e.reporterUnits, units);
  if (now.length) return now.map((u) => `${u.name} (${u.code})`).join('; ');
  return `${e.reporterUnits.map((x) => reporterLabel(x, units)).join('; ')}: chưa có đơn vị nào khớp`;
}

/** The picker, as a form item named reporterUnits. */
export function ReporterSelect() {
  const units = useOp('units.list', { activeOnly: true });
  const list = [...(units.data ?? [])].sort((a, b) => compareVi(a.name, b.name));
  const options = [
    {
      label: 'Theo tên đơn vị (dùng được ở mọi tỉnh)',
      options: REPORTER_ROLES.map((r) => ({
        value: roleEntry(r.code),
        label: `Đơn vị có tên “${r.label}”`,
        title: r.basis,
      })),
    },
    { label: 'Đơn vị của tỉnh', options: list.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })) },
  ];
  const chosen = Form.useWatch<string[] | null | undefined>('reporterUnits') ?? [];
  const now = matchingUnits(chosen, list);
  return (
    <Form.Item
      label="Đơn vị báo cáo chỉ tiêu này"
      name="reporterUnits"
      extra={
        chosen.length === 0 ? (
          'Để trống: mọi đơn vị thuộc các loại đã chọn đều báo cáo.'
        ) : (
          <Typography.Text type={now.length ? 'secondary' : 'warning'}>
            {now.length
              ? `Hiện là: ${now.map((u) => u.name).join('; ')}. Chỉ các đơn vị này có dòng này trong mẫu biểu.`
              : 'Chưa có đơn vị nào khớp: không đơn vị nào có dòng này trong mẫu biểu.'}
            {chosen.some((c) => !isRoleEntry(c) && !list.some((u) => u.code === c))
              ? ' Có mã không còn trong danh sách.'
              : ''}
          </Typography.Text>
        )
      }
    >
      <Select
        mode="multiple"
        allowClear
        aria-label="Đơn vị báo cáo chỉ tiêu này"
        placeholder="Mọi đơn vị thuộc các loại đã chọn"
        options={options}
        loading={units.isLoading}
        filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
      />
    </Form.Item>
  );
}
