/** Vietnamese number and value display in the renderer's components. */
import { render, screen } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { describe, expect, it } from 'vitest';
import { ViNumberInput } from '../../src/renderer/src/components/ViNumberInput';
import { valueText } from '../../src/renderer/src/components/values';
import { MetTag, targetText } from '../../src/renderer/src/components/IndicatorTag';

describe('Vietnamese formatting in components', () => {
  it('shows numbers as 1.234,5 in the number box', () => {
    render(
      <ConfigProvider locale={viVN}>
        <ViNumberInput aria-label="Số liệu" value={1234.5} />
      </ConfigProvider>,
    );
    expect((screen.getByLabelText('Số liệu') as HTMLInputElement).value).toBe('1.234,5');
  });

  it('writes stored values in Vietnamese', () => {
    expect(valueText({ state: 'number', value: 1234567.25 })).toBe('1.234.567,25');
    expect(valueText({ state: 'yesno', value: true })).toBe('Có');
    expect(valueText({ state: 'yesno', value: false })).toBe('Không');
    expect(valueText({ state: 'na' })).toBe('Không áp dụng');
    expect(valueText(null)).toBe('');
  });

  it('labels targets and their assessment', () => {
    expect(targetText({ year: 2030, op: '>=', value: 75 }, '%')).toBe('≥ 75% (2030)');
    expect(targetText({ year: 2025, op: '<=', value: 111.5, source: 'province' }, 'bé trai')).toBe(
      '≤ 111,5 bé trai (2025, tỉnh)',
    );
    render(
      <>
        <MetTag met={true} />
        <MetTag met={false} />
        <MetTag met={null} />
      </>,
    );
    expect(screen.getByText('Đạt')).toBeTruthy();
    expect(screen.getByText('Chưa đạt')).toBeTruthy();
    expect(screen.getByText('Chưa đủ số liệu')).toBeTruthy();
  });
});
