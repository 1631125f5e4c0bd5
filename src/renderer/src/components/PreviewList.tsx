/**
 * A list that can be long (every unit of the country): its first rows in place, and "Xem tất cả (n)" opening the
 * whole list in a dialog, a page at a time, with a search that ignores diacritics. Never more than a page of rows
 * in the document.
 */
import { Button, Empty, Input, List, Modal, Typography } from 'antd';
import { useDeferredValue, useMemo, useState, type Key, type ReactNode } from 'react';
import { formatNumber } from '../../../shared/text/vi';
import { useUnitSearch } from './useUnitSearch';

export const PREVIEW_ROWS = 10;
export const DIALOG_PAGE = 20;

export function PreviewList<T>({
  items,
  renderItem,
  rowKey,
  searchText,
  title,
  empty,
  testId,
  preview = PREVIEW_ROWS,
}: {
  items: T[];
  renderItem: (item: T) => ReactNode;
  rowKey: (item: T) => Key;
  /** the text the search looks in (name, code, contact…) */
  searchText: (item: T) => string;
  /** the dialog's title, e.g. "Đơn vị chưa nộp hoặc nộp trễ" */
  title: string;
  empty?: ReactNode;
  testId?: string;
  preview?: number;
}) {
  const [open, setOpen] = useState(false);
  const head = useMemo(() => items.slice(0, preview), [items, preview]);
  if (!items.length) return <>{empty ?? <Empty />}</>;
  return (
    <div data-testid={testId}>
      <List size="small" dataSource={head} rowKey={rowKey} renderItem={renderItem} />
      {items.length > preview ? (
        <div style={{ paddingTop: 8, textAlign: 'center' }}>
          <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
            {formatNumber(preview)} trong {formatNumber(items.length)} đơn vị
          </Typography.Text>
          <Button size="small" onClick={() => setOpen(true)}>
            Xem tất cả ({formatNumber(items.length)})
          </Button>
        </div>
      ) : null}
      {open ? (
        <AllDialog
          items={items}
          renderItem={renderItem}
          rowKey={rowKey}
          searchText={searchText}
          title={title}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}

function AllDialog<T>({
  items,
  renderItem,
  rowKey,
  searchText,
  title,
  onClose,
}: {
  items: T[];
  renderItem: (item: T) => ReactNode;
  rowKey: (item: T) => Key;
  searchText: (item: T) => string;
  title: string;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const deferred = useDeferredValue(query);
  const shown = useUnitSearch(items, searchText, deferred);
  return (
    <Modal open title={`${title} (${formatNumber(items.length)})`} onCancel={onClose} footer={null} width={860}>
      <Input.Search
        allowClear
        aria-label="Tìm đơn vị"
        placeholder="Tìm đơn vị (gõ có dấu hay không dấu đều được)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setPage(1);
        }}
        style={{ marginBottom: 8 }}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {deferred.trim()
          ? `${formatNumber(shown.length)} đơn vị khớp với “${deferred.trim()}”`
          : `${formatNumber(items.length)} đơn vị`}
      </Typography.Paragraph>
      <div data-testid="preview-list-all">
        <List
          size="small"
          dataSource={shown}
          rowKey={rowKey}
          renderItem={renderItem}
          locale={{ emptyText: 'Không có đơn vị nào khớp với từ tìm kiếm.' }}
          pagination={{
            current: page,
            pageSize: DIALOG_PAGE,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (total, [a, b]) => `${formatNumber(a)}–${formatNumber(b)} / ${formatNumber(total)}`,
            align: 'center',
          }}
        />
      </div>
    </Modal>
  );
}
