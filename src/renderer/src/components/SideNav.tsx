/**
 * The main navigation in the sider: the same look, roles and keys as antd's dark inline Menu, as plain links
 * (issue 20: antd's Menu, with a tooltip, a motion wrapper and a hidden measuring copy per item, was ~10 % of
 * Tổng quan's time to ready). A `menu` of `menuitem` links, one tab stop (the current item), arrows, Home and End
 * move between the items, Enter or a click follows the link.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface SideNavItem {
  path: string;
  label: string;
  icon: ReactNode;
}

const STEP: Record<string, (i: number, n: number) => number> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

export function SideNav({ items, selected }: { items: readonly SideNavItem[]; selected: string }) {
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const step = STEP[e.key];
    if (!step) return;
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[role="menuitem"]')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    e.preventDefault();
    links[step(Math.max(at, 0), links.length)]?.focus();
  };
  return (
    <ul className="side-nav" role="menu" aria-orientation="vertical" onKeyDown={onKeyDown}>
      {items.map((n) => {
        const current = n.path === selected;
        return (
          <li key={n.path} role="none">
            <Link
              to={n.path}
              role="menuitem"
              tabIndex={current ? 0 : -1}
              aria-current={current ? 'page' : undefined}
              className={current ? 'side-nav-item side-nav-item-selected' : 'side-nav-item'}
            >
              <span className="side-nav-icon">{n.icon}</span>
              <span>{n.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
