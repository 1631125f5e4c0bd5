/**
 * Kế hoạch năm: the year's tasks (imported from Excel, copied from last year, entered here), the unit names to
 * resolve, and the results the units reported per task in a period of that year.
 */
import { CopyOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { PlanImportResult } from '../../../../shared/contract/plan';
import { formatNumber } from '../../../../shared/text/vi';
import { errorMessage, useOp, useOpMutation } from '../../api/client';
import { ErrorBox, Loading, PageHeader } from '../../components/common';
import { FilePicker } from '../../components/FilePicker';
import { usePeriod } from '../../state/period';
import { PlanTasks } from './PlanTasks';
import { TaskResults } from './TaskResults';

/** at most this many of the import's messages of each sort in the notice (a national list can have thousands) */
const LIST_MAX = 20;

export function PlanPage() {
  const { period, periods } = usePeriod();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number>(period?.year ?? thisYear);
  const years = [...new Set([...periods.map((p) => p.year), thisYear, thisYear + 1, year])].sort((a, b) => b - a);
  const plan = useOp('plan.get', { year });
  const units = useOp('units.list', { activeOnly: true });
  const imp = useOpMutation('plan.import');
  const copy = useOpMutation('plan.copy');
  const { message } = App.useApp();
  const [result, setResult] = useState<PlanImportResult | null>(null);
  const yearPeriods = periods.filter((p) => p.year === year);
  const [chosen, setChosen] = useState<number | null>(null);
  const periodId =
    yearPeriods.find((p) => p.id === chosen)?.id ?? (period?.year === year ? period.id : yearPeriods[0]?.id);

  const onFiles = async (files: File[]) => {
    const f = files[0]!;
    const bytes = new Uint8Array(await f.arrayBuffer());
    imp.mutate(
      { year, file: { name: f.name, bytes } },
      { onSuccess: (r) => setResult(r), onError: (e) => void message.error(errorMessage(e)) },
    );
  };

  return (
    <>
      <PageHeader
        title="Kế hoạch năm"
        sub="Nhiệm vụ giao cho các đơn vị (chủ trì, phối hợp) và kết quả đơn vị báo cáo"
        extra={
          <>
            <Select
              aria-label="Năm kế hoạch"
              value={year}
              style={{ width: 120 }}
              onChange={(y) => {
                setYear(y);
                setResult(null);
                setChosen(null);
              }}
              options={years.map((y) => ({ value: y, label: `Năm ${y}` }))}
            />
            <FilePicker
              label="Nhập kế hoạch từ Excel"
              accept=".xlsx,.xls,.xlsm"
              icon={<UploadOutlined aria-hidden />}
              testId="plan-file"
              onFiles={(f) => void onFiles(f)}
              disabled={imp.isPending}
            />
            <Button
              icon={<CopyOutlined aria-hidden />}
              loading={copy.isPending}
              onClick={() =>
                copy.mutate(
                  { fromYear: year - 1, toYear: year },
                  {
                    onSuccess: (r) =>
                      void message.success(
                        `Đã sao chép ${formatNumber(r.tasks)} nhiệm vụ từ năm ${year - 1}` +
                          (r.unmatched ? `; ${formatNumber(r.unmatched)} tên đơn vị cần chọn lại.` : '.'),
                      ),
                    onError: (e) => void message.error(errorMessage(e)),
                  },
                )
              }
            >
              Sao chép từ năm {year - 1}
            </Button>
          </>
        }
      />
      {result ? (
        <Alert
          closable
          onClose={() => setResult(null)}
          type={result.errors.length || result.unmatched.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          message={`Đã nhập ${formatNumber(result.tasks)} nhiệm vụ, ${formatNumber(result.assignments)} lượt giao cho đơn vị`}
          description={
            result.unmatched.length || result.errors.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {result.unmatched.slice(0, LIST_MAX).map((u) => (
                  <li key={`u${u.row}${u.text}`}>
                    Dòng {u.row}: “{u.text}” chưa khớp đơn vị nào — chọn đơn vị ở nhiệm vụ tương ứng bên dưới.
                  </li>
                ))}
                {result.errors.slice(0, LIST_MAX).map((e) => (
                  <li key={`e${e.row}${e.message}`}>{e.message}</li>
                ))}
                {result.unmatched.length > LIST_MAX || result.errors.length > LIST_MAX ? (
                  <li>
                    … và{' '}
                    {formatNumber(
                      Math.max(0, result.unmatched.length - LIST_MAX) + Math.max(0, result.errors.length - LIST_MAX),
                    )}{' '}
                    dòng nữa.
                  </li>
                ) : null}
              </ul>
            ) : null
          }
        />
      ) : null}
      {plan.isLoading || units.isLoading ? (
        <Loading />
      ) : plan.error || !plan.data ? (
        <ErrorBox error={plan.error} onRetry={() => void plan.refetch()} />
      ) : (
        <Tabs
          items={[
            {
              key: 'tasks',
              label: `Nhiệm vụ (${formatNumber(plan.data.tasks.length)})`,
              children: <PlanTasks plan={plan.data} units={units.data ?? []} />,
            },
            {
              key: 'results',
              label: 'Kết quả thực hiện',
              children: periodId ? (
                <>
                  <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
                    <Typography.Text>Kỳ báo cáo:</Typography.Text>
                    <Select
                      aria-label="Kỳ báo cáo"
                      style={{ width: 280 }}
                      value={periodId}
                      onChange={setChosen}
                      options={yearPeriods.map((p) => ({ value: p.id, label: p.label }))}
                    />
                  </Flex>
                  <TaskResults periodId={periodId} />
                </>
              ) : (
                <Typography.Paragraph>Năm {year} chưa có kỳ báo cáo nào.</Typography.Paragraph>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
