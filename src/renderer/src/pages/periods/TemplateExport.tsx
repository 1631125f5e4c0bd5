/** The templates to send: one workbook per expected unit (or the chosen ones), saved the way the door allows. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Period } from '../../../../shared/domain/records';
import { formatNumber, matchesSearch } from '../../../../shared/text/vi';
import { exportTemplates, hostErrorMessage, templateExportLabel } from '../../api/host';
import { ErrorAlert } from '../../components/FormModal';
import { useTask } from '../../components/useTask';

export function TemplateExport({ period }: { period: Period & { expectedUnits: { code: string; name: string }[] } }) {
  const { message } = App.useApp();
  const task = useTask(hostErrorMessage);
  const [unitCodes, setUnitCodes] = useState<string[]>([]);

  const run = () =>
    task.run(async () => {
      const r = await exportTemplates(period.id, unitCodes);
      if (r?.saved === 'folder') void message.success(`Đã lưu ${formatNumber(r.files)} tệp vào thư mục ${r.folder}.`);
      else if (r?.saved === 'zip') void message.success('Đã tạo tệp nén chứa mẫu biểu của các đơn vị.');
    });

  return (
    <>
      <Typography.Paragraph>
        Mỗi đơn vị nhận một tệp Excel riêng đã ghi sẵn tên đơn vị, kỳ báo cáo và hạn nộp, chỉ có các dòng đơn vị đó báo
        cáo; tên tệp gồm tên và mã đơn vị (ví dụ BC-BDG-Nam-2026_So-Y-te_S04.xlsx). Kèm một bản chung để dùng khi cần.
        Tệp được khóa cấu trúc để đơn vị chỉ điền vào các ô số liệu.
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        <Select
          mode="multiple"
          allowClear
          aria-label="Chỉ xuất cho các đơn vị"
          placeholder={`Tất cả ${formatNumber(period.expectedUnits.length)} đơn vị phải báo cáo`}
          style={{ minWidth: 420, maxWidth: 640 }}
          value={unitCodes}
          onChange={setUnitCodes}
          options={period.expectedUnits.map((u) => ({ value: u.code, label: u.name }))}
          filterOption={(input, o) => matchesSearch(String(o?.label ?? ''), input)}
        />
        <Button type="primary" icon={<DownloadOutlined aria-hidden />} loading={task.busy} onClick={() => void run()}>
          {templateExportLabel()}
        </Button>
      </Flex>
      <ErrorAlert error={task.error} style={{ marginTop: 12 }} />
    </>
  );
}
