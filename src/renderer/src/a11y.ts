/**
 * antd's built-in icons (select arrows, close crosses, pagination arrows, sorter carets…) carry English
 * aria-labels such as "down" or "close". A screen reader must not read English:
 * - an icon that is the only content of a button or link gets a Vietnamese name (from the nearest title, or a
 *   small dictionary);
 * - every other such icon is decorative next to Vietnamese text and is hidden from assistive technology.
 * Icons we label ourselves in Vietnamese are left alone.
 * Some antd controls have no name at all: the check boxes of Transfer lists, and the open list of every Select
 * (rc-select renders `role="listbox"` with the id `<combobox id>_list` and no way to name it): the list takes the
 * name of its combobox, so a screen reader says which list is open.
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

const UNNAMED_LIST = '[role="listbox"][id$="_list"]:not([aria-label]):not([aria-labelledby])';

/** a Select's open list named as its combobox is: by the same aria-labelledby, its aria-label or its <label> */
function nameList(list: HTMLElement): void {
  const box = list.ownerDocument.getElementById(list.id.slice(0, -'_list'.length));
  if (!box) return;
  const by = box.getAttribute('aria-labelledby');
  if (by) {
    list.setAttribute('aria-labelledby', by);
    return;
  }
  const labels = box instanceof HTMLInputElement ? Array.from(box.labels ?? []) : [];
  const name = box.getAttribute('aria-label') || labels.map((l) => l.textContent?.trim() ?? '').find(Boolean);
  list.setAttribute('aria-label', name || 'Danh sách để chọn');
}

/** antd controls rendered without a name: the check boxes of Transfer lists, a Select's open list. */
function nameUnlabelled(root: ParentNode): void {
  if (root instanceof HTMLElement && root.matches(UNNAMED_LIST)) nameList(root);
  root.querySelectorAll<HTMLElement>(UNNAMED_LIST).forEach(nameList);
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
