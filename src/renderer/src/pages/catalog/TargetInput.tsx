/** A target for one year in the local-indicator form: the operator and the value (fields t<year>op, t<year>). */
import { Form, Select, Space } from 'antd';
import { ViNumberInput } from '../../components/ViNumberInput';
import { OP_OPTIONS } from './targets';

export function TargetInput({ year }: { year: '2025' | '2030' }) {
  return (
    <Form.Item label={`Mục tiêu ${year}`} style={{ marginBottom: 0 }}>
      <Space.Compact>
        <Form.Item name={`t${year}op`} noStyle>
          <Select aria-label={`Điều kiện ${year}`} style={{ width: 70 }} options={OP_OPTIONS} />
        </Form.Item>
        <Form.Item name={`t${year}`} noStyle>
          <ViNumberInput aria-label={`Giá trị mục tiêu ${year}`} style={{ width: 110 }} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
