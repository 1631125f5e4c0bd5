/** First run: who we are (province, agency lines, officer), then the app. Also explains the demo. */
import { Alert, App, Button, Card, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { Settings } from '../../../shared/contract';
import { useOpMutation } from '../api/client';
import { ErrorAlert, required, TextItem } from '../components/FormModal';
import { useDemoSwitch } from '../state/demo';
import { APP_NAME } from '../labels';

interface WelcomeForm {
  province: string;
  agencyParent: string;
  agencyName: string;
  officer: string;
}

export function WelcomePage({ settings }: { settings: Settings }) {
  const { message } = App.useApp();
  const save = useOpMutation('settings.update');
  const [form] = Form.useForm<WelcomeForm>();
  const [demoOpen, setDemoOpen] = useState(false);
  const demo = useDemoSwitch();

  const onFinish = (v: WelcomeForm) => {
    save.mutate(
      {
        province: v.province.trim(),
        agencyParent: v.agencyParent.trim(),
        agencyName: v.agencyName.trim(),
        officer: v.officer.trim(),
        placeName: settings.placeName || v.province.replace(/^(tỉnh|thành phố)\s+/i, '').trim(),
        setupDone: true,
      },
      {
        onSuccess: () => void message.success('Đã lưu thông tin. Chào mừng bạn!'),
      },
    );
  };

  return (
    <main style={{ minHeight: '100vh', background: '#f0f3f8', display: 'flex', justifyContent: 'center', padding: 32 }}>
      <Card style={{ width: 640, alignSelf: 'flex-start' }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Chào mừng đến với {APP_NAME}
        </Typography.Title>
        <Typography.Paragraph>
          Ứng dụng giúp Thường trực Ban Vì sự tiến bộ phụ nữ thu nhận báo cáo của các đơn vị thành viên, kiểm tra, đôn
          đốc đơn vị chậm nộp, tổng hợp số liệu và lập báo cáo gửi Bộ. Trước tiên, hãy cho biết cơ quan của bạn; các
          thông tin này được in trên văn bản và có thể sửa lại trong mục Cài đặt.
        </Typography.Paragraph>
        <Form<WelcomeForm>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{
            province: settings.province,
            agencyParent: settings.agencyParent,
            agencyName: settings.agencyName,
            officer: settings.officer === 'Cán bộ thường trực' ? '' : settings.officer,
          }}
          onFinish={onFinish}
        >
          <TextItem
            label="Tỉnh, thành phố"
            name="province"
            rules={required('Hãy nhập tên tỉnh, thành phố')}
            extra="Ví dụ: Tỉnh Lào Cai"
            autoFocus
          />
          <TextItem
            label="Cơ quan chủ quản (dòng thứ nhất của tiêu đề văn bản)"
            name="agencyParent"
            rules={required('Hãy nhập cơ quan chủ quản')}
            extra="Ví dụ: UBND TỈNH LÀO CAI"
          />
          <TextItem
            label="Cơ quan ban hành (dòng thứ hai)"
            name="agencyName"
            rules={required('Hãy nhập tên cơ quan ban hành')}
          />
          <TextItem
            label="Họ và tên cán bộ phụ trách"
            name="officer"
            rules={required('Hãy nhập họ và tên của bạn')}
            extra="Được ghi vào nhật ký mỗi khi dữ liệu thay đổi."
          />
          <ErrorAlert error={save.error} style={{ marginBottom: 16 }} />
          <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between', flexWrap: 'wrap' }}>
            <Button onClick={() => setDemoOpen(true)}>Xem bản trình diễn</Button>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              Bắt đầu sử dụng
            </Button>
          </div>
        </Form>
      </Card>
      <Modal
        open={demoOpen}
        title="Bản trình diễn"
        onCancel={() => setDemoOpen(false)}
        okText="Mở bản trình diễn"
        cancelText="Đóng"
        okButtonProps={{ loading: demo.isPending }}
        onOk={() => demo.mutate({ open: true })}
      >
        <Typography.Paragraph>
          Bản trình diễn mở một tỉnh mẫu (Tỉnh Hoa Ban) với các đơn vị, các kỳ báo cáo và báo cáo đã nhập sẵn, để bạn
          xem thử mọi chức năng mà không ảnh hưởng đến dữ liệu thật.
        </Typography.Paragraph>
        <Typography.Paragraph>
          Dữ liệu mẫu nằm trong một cơ sở dữ liệu riêng, tạm thời. Khi xem xong, bấm “Quay về dữ liệu của tôi” ở dải chữ
          đầu màn hình.
        </Typography.Paragraph>
        {demo.isPending ? (
          <Alert type="info" showIcon title="Đang tạo tỉnh mẫu và nhập các báo cáo mẫu (khoảng 15 giây)…" />
        ) : null}
        <ErrorAlert error={demo.error} />
      </Modal>
    </main>
  );
}
