/** Danh mục chỉ tiêu: data elements, indicators with national and provincial targets, validation rules. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useState } from 'react';
import { formatNumber } from '../../../../shared/text/vi';
import { ErrorBox, Loading, PageHeader } from '../../components/common';
import { useCatalog } from '../../state/catalog';
import { ElementModal } from './ElementModal';
import { ElementsTab } from './ElementsTab';
import { IndicatorModal } from './IndicatorModal';
import { IndicatorsTab } from './IndicatorsTab';
import { RulesTab } from './RulesTab';

export function CatalogPage() {
  const q = useCatalog();
  const [adding, setAdding] = useState<'element' | 'indicator' | null>(null);
  return (
    <>
      <PageHeader
        title="Danh mục chỉ tiêu"
        sub={
          q.data
            ? `Phiên bản danh mục ${q.data.catalogVersion}. Chỉ tiêu do tỉnh thêm được đánh dấu “Của tỉnh”.`
            : undefined
        }
        extra={
          <>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding('element')}>
              Thêm chỉ tiêu thu thập
            </Button>
            <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding('indicator')}>
              Thêm chỉ tiêu tính toán
            </Button>
          </>
        }
      />
      {q.isLoading ? <Loading /> : null}
      {q.error ? <ErrorBox error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <Tabs
          items={[
            {
              key: 'elements',
              label: `Chỉ tiêu thu thập (${formatNumber(q.data.dataElements.length)})`,
              children: <ElementsTab catalog={q.data} />,
            },
            {
              key: 'indicators',
              label: `Chỉ tiêu tính toán, mục tiêu (${formatNumber(q.data.indicators.length)})`,
              children: <IndicatorsTab catalog={q.data} />,
            },
            {
              key: 'legal',
              label: 'Căn cứ pháp lý',
              children: (
                <ul>
                  {(q.data.legalNotes ?? []).map((n) => (
                    <li key={n.code}>{n.text}</li>
                  ))}
                </ul>
              ),
            },
            {
              key: 'rules',
              label: `Quy tắc kiểm tra (${formatNumber(q.data.validationRules.length)})`,
              children: <RulesTab catalog={q.data} />,
            },
          ]}
        />
      ) : null}
      {adding === 'element' && q.data ? <ElementModal catalog={q.data} onClose={() => setAdding(null)} /> : null}
      {adding === 'indicator' && q.data ? <IndicatorModal catalog={q.data} onClose={() => setAdding(null)} /> : null}
    </>
  );
}
