/** A unit's state as one tag, the same on the list and the unit page (shared/rules/unit-validity.ts decides). */
import { Tag } from 'antd';
import type { Unit } from '../../../../shared/domain/records';
import { endedFrom } from '../../../../shared/rules/unit-validity';
import { formatDate } from '../../../../shared/text/vi';

export function unitStateText(u: Unit): string {
  switch (u.state ?? (u.active ? 'active' : 'stopped')) {
    case 'active':
      return 'Đang hoạt động';
    case 'ended':
      return `Hết hiệu lực từ ${formatDate(u.validTo ? endedFrom(u.validTo) : null)}`;
    case 'not_yet':
      return `Có hiệu lực từ ${formatDate(u.validFrom)}`;
    default:
      return 'Ngừng theo dõi';
  }
}

export function UnitStateTag({ unit }: { unit: Unit }) {
  return <Tag color={unit.active ? 'green' : unit.state === 'not_yet' ? 'blue' : undefined}>{unitStateText(unit)}</Tag>;
}
