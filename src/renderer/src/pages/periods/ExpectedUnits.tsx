/** Which units must report in this period: taken from the register when the period was made, editable here. */
import { App, Button, Space, Transfer, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { Period } from '../../../../shared/domain/records';
import { formatNumber, matchesSearch } from '../../../../shared/text/vi';
import { errorMessage, useOp, useOpMutation } from '../../api/client';
import { Loading } from '../../components/common';
import { UNIT_KIND_LABEL } from '../../labels';

const sortedIds = (ids: number[]) => [...ids].sort((x, y) => x - y).join(',');

export function ExpectedUnits({ period, expectedIds }: { period: Period; expectedIds: number[] }) {
  const { message } = App.useApp();
  const units = useOp('units.list', {});
  const save = useOpMutation('periods.setExpected');
  const [target, setTarget] = useState<number[]>(expectedIds);
  useEffect(() => setTarget(expectedIds), [expectedIds]);
  const data = useMemo(
    () =>
      (units.data ?? []).map((u) => ({
        key: u.id,
        title: `${u.name}`,
        description: `${u.code} · ${UNIT_KIND_LABEL[u.kind]}${u.active ? '' : ' · đã ngừng'}`,
        name: u.name,
      })),
    [units.data],
  );
  const dirty = useMemo(() => sortedIds(target) !== sortedIds(expectedIds), [target, expectedIds]);
  if (units.isLoading) return <Loading />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        Khi tạo kỳ, danh sách được lấy từ các đơn vị đang hoạt động và còn hiệu lực vào ngày cuối của kỳ. Có thể thêm,
        bớt đơn vị ở đây.
      </Typography.Paragraph>
      <Transfer
        dataSource={data}
        targetKeys={target}
        onChange={(keys) => setTarget(keys.map(Number))}
        titles={['Không phải báo cáo', 'Phải báo cáo']}
        showSearch
        pagination={{ pageSize: 20, showSizeChanger: false }}
        filterOption={(input, item) => matchesSearch(`${item.title} ${item.description}`, input)}
        render={(item) => item.title}
        styles={{ section: { width: 440, height: 380 } }}
        locale={{ searchPlaceholder: 'Tìm đơn vị' }}
        disabled={period.status === 'closed'}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={!dirty || period.status === 'closed'}
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              { id: period.id, unitIds: target },
              {
                onSuccess: (p) => void message.success(`Đã lưu: ${formatNumber(p.expected)} đơn vị phải báo cáo.`),
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        >
          Lưu danh sách
        </Button>
        <Button disabled={!dirty} onClick={() => setTarget(expectedIds)}>
          Hoàn tác
        </Button>
      </Space>
    </>
  );
}
