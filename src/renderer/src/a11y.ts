/**
 * antd's built-in icons (select arrows, close crosses, pagination arrows, sorter carets…) carry English
 * aria-labels such as "down" or "close". A screen reader must not read English:
 * - an icon that is the only content of a button or link gets a Vietnamese name (from the nearest title, or a
 *   small dictionary);
 * - every other such icon is decorative next to Vietnamese text and is hidden from assistive technology.
 * Icons we label ourselves in Vietnamese are left alone.
 */
const ENGLISH_ICON_NAME = /^[a-z]+(-[a-z]+)*$/;

const VI: Record<string, string> = {
  close: 'Đóng',
  'close-circle': 'Xóa',
  left: 'Trước',
  right: 'Sau',
  'double-left': 'Lùi nhiều trang',
  'double-right': 'Tiến nhiều trang',
  up: 'Lên',
  down: 'Xuống',
  search: 'Tìm',
  calendar: 'Chọn ngày',
  delete: 'Xóa',
  plus: 'Thêm',
  minus: 'Bớt',
  check: 'Chọn',
  ellipsis: 'Thêm',
  filter: 'Lọc',
  eye: 'Xem',
  'eye-invisible': 'Ẩn',
  copy: 'Sao chép',
};

function fix(el: HTMLElement): void {
  const label = el.getAttribute('aria-label') ?? '';
  if (!ENGLISH_ICON_NAME.test(label)) return;
  const control = el.closest<HTMLElement>('button, a, [role="button"]');
  const ownName = control && (control.getAttribute('aria-label') || control.textContent?.trim());
  if (control && !ownName) {
    const titled = el.closest<HTMLElement>('[title]');
    el.setAttribute('aria-label', titled?.getAttribute('title') || VI[label] || 'Nút');
    return;
  }
  if (el.getAttribute('aria-hidden') !== 'true') el.setAttribute('aria-hidden', 'true');
}

/** antd controls rendered without a name: the check boxes of Transfer lists. */
function nameUnlabelled(root: ParentNode): void {
  root.querySelectorAll<HTMLInputElement>('.ant-transfer input[type="checkbox"]:not([aria-label])').forEach((el) => {
    const item = el.closest<HTMLElement>('li[title]');
    el.setAttribute('aria-label', item ? `Chọn ${item.getAttribute('title')}` : 'Chọn tất cả trong danh sách');
  });
}

function scan(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('span.anticon[role="img"][aria-label]').forEach(fix);
  nameUnlabelled(root);
}

export function hideIconNames(doc: Document = document): void {
  scan(doc);
  new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach((n) => {
        if (!(n instanceof HTMLElement)) return;
        if (n.matches('span.anticon[role="img"][aria-label]')) fix(n);
        scan(n);
      });
      if (r.type === 'attributes' && r.target instanceof HTMLElement && r.target.matches('span.anticon')) fix(r.target);
    }
  }).observe(doc.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-label'],
  });
}
