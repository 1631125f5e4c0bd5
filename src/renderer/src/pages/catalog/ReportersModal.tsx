/** Who reports an element of the catalogue (standard or the province's): the only thing a standard one lets change. */
import { Form, Typography } from 'antd';
import type { Input } from '../../../../shared/contract';
import type { DataElement } from '../../../../shared/domain/catalog';
import { FormModal, useSaveAndClose } from '../../components/FormModal';
import { ReporterSelect } from './reporters';

type ElementForm = Input<'catalog.saveElement'>;

export function ReportersModal({ element, onClose }: { element: DataElement; onClose: () => void }) {
  const { save, saving } = useSaveAndClose('catalog.saveElement', onClose);
  const [form] = Form.useForm<Pick<ElementForm, 'reporterUnits'>>();
  return (
    <FormModal<Pick<ElementForm, 'reporterUnits'>>
      title={`Đơn vị báo cáo: ${element.code}`}
      width={640}
      form={form}
      saving={saving}
      intro={
        <Typography.Paragraph type="secondary">
          {element.name}. Mẫu biểu của mỗi đơn vị chỉ có các dòng đơn vị đó báo cáo; khi nhập báo cáo, số liệu ở dòng
          không thuộc đơn vị không được ghi nhận. Mẫu đã gửi trước vẫn nhập được.
        </Typography.Paragraph>
      }
      initialValues={{ reporterUnits: element.reporterUnits ?? [] }}
      onFinish={(v) =>
        save(
          {
            code: element.code,
            name: element.name,
            unit: element.unit,
            type: element.type,
            cells: element.cells,
            section: element.section,
            reportedBy: element.reportedBy,
            sensitive: element.sensitive,
            collectedFrom: element.collectedFrom,
            reporterUnits: v.reporterUnits?.length ? v.reporterUnits : null,
          },
          () => `Đã lưu đơn vị báo cáo của chỉ tiêu ${element.code}.`,
        )
      }
    >
      <ReporterSelect />
    </FormModal>
  );
}
