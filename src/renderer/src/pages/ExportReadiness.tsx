/**
 * Before the documents go out (Xuất báo cáo): what the period still lacks, said once above the tabs. Units that
 * have not reported (the documents then write their figures "tạm tính"), units whose files were refused, files
 * the app could not credit to any unit (their figures are in no total) and reports marked "cần bổ sung". Each
 * with the way to it. Nothing is blocked: she may have to send on the deadline with what she has.
 */
import { Alert, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { submissionStates } from '../../../shared/rules/submission-states';
import { compareVi, formatNumber } from '../../../shared/text/vi';
import type { InboxList } from '../../../shared/contract';
import type { Submission } from '../../../shared/domain/records';
import type { StatusReport } from '../../../shared/domain/report';
import { call, useOp } from '../api/client';

export interface Readiness {
  expected: number;
  received: number;
  missing: number;
  returned: number;
  unidentified: number;
  needsFix: number;
}

/** one gap: what she reads, and the link to where she deals with it */
export interface ReadinessLine {
  key: string;
  text: string;
  to: string;
  link: string;
}

/** files credited to no unit yet (Xuất báo cáo's notice, Khóa sổ, Tổng quan): their figures are in no total */
export function unassignedLine(count: number): ReadinessLine {
  return {
    key: 'unidentified',
    text: `${formatNumber(count)} tệp chưa rõ của đơn vị nào và chưa được chọn đơn vị: số liệu trong tệp chưa được tính vào tổng hợp.`,
    to: '/ho-so-da-nhan?ket-qua=unidentified',
    link: 'Chọn đơn vị cho tệp',
  };
}

/** the lines of the notice, each with where she deals with it; none when the period is complete */
export function readinessLines(r: Readiness): ReadinessLine[] {
  const n = formatNumber;
  const lines: ReadinessLine[] = [];
  if (!r.expected)
    lines.push({
      key: 'none',
      text: 'Kỳ này chưa có đơn vị nào phải báo cáo: văn bản sẽ không có số liệu của đơn vị nào.',
      to: '/ky-bao-cao',
      link: 'Chọn đơn vị phải báo cáo',
    });
  if (r.missing)
    lines.push({
      key: 'missing',
      text: `${n(r.missing)}/${n(r.expected)} đơn vị chưa nộp báo cáo: các chỉ tiêu tính từ ${n(r.received)} đơn vị đã gửi được ghi là tạm tính.`,
      to: '/xuat-bao-cao?tab=reminder',
      link: 'Soạn văn bản đôn đốc',
    });
  if (r.returned)
    lines.push({
      key: 'returned',
      text: `${n(r.returned)} đơn vị đã gửi nhưng tệp bị trả lại, cần gửi lại: số liệu của ${r.returned > 1 ? 'các đơn vị này' : 'đơn vị này'} chưa được tính.`,
      to: '/ho-so-da-nhan?ket-qua=rejected',
      link: 'Xem ở Hồ sơ đã nhận',
    });
  if (r.unidentified) lines.push(unassignedLine(r.unidentified));
  if (r.needsFix)
    lines.push({
      key: 'needsFix',
      text: `${n(r.needsFix)} báo cáo được đánh dấu cần bổ sung: số liệu hiện có của các báo cáo này vẫn được tính.`,
      to: '/',
      link: 'Xem ở Tổng quan',
    });
  return lines;
}

/** the inbox question whose `unassigned` counts the files credited to no unit (one key for every screen asking) */
export const UNASSIGNED_QUERY = { status: ['unidentified' as const], offset: 0, limit: 1 };

/** the gaps counted from the three answers (the notice's and the close-period confirmation's) */
function readinessOf(s: StatusReport, subs: Submission[], inbox: InboxList): Readiness {
  return {
    expected: s.expected,
    received: s.received,
    missing: s.missing,
    returned: s.returned,
    unidentified: inbox.unassigned,
    needsFix: submissionStates(subs, compareVi).counts.needs_fix,
  };
}

/** the period's gaps asked for now (the close-period confirmation lists them): the same figures as the notice */
export async function fetchReadiness(periodId: number): Promise<Readiness> {
  const [s, subs, inbox] = await Promise.all([
    call('status.get', { periodId }),
    call('submissions.list', { periodId }),
    call('inbox.list', { periodId, ...UNASSIGNED_QUERY }),
  ]);
  return readinessOf(s, subs, inbox);
}

export function ExportReadiness({ periodId }: { periodId: number }) {
  const status = useOp('status.get', { periodId });
  const subs = useOp('submissions.list', { periodId });
  const inbox = useOp('inbox.list', { periodId, ...UNASSIGNED_QUERY });
  if (!status.data || !subs.data || !inbox.data) return null;
  const r = readinessOf(status.data, subs.data, inbox.data);
  const lines = readinessLines(r);
  if (!lines.length)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={`Đã nhận đủ báo cáo của ${formatNumber(r.received)}/${formatNumber(r.expected)} đơn vị; không còn tệp chưa rõ đơn vị hay báo cáo cần bổ sung.`}
      />
    );
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title="Trước khi gửi: số liệu của kỳ chưa đủ"
      description={
        <>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {lines.map((l) => (
              <li key={l.key}>
                {l.text} {/* underlined: a link inside a sentence is told apart without its colour */}
                <Link to={l.to} style={{ textDecoration: 'underline' }}>
                  {l.link}
                </Link>
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">
            Các văn bản vẫn xuất được với số liệu hiện có; trong văn bản, số đơn vị đã báo cáo được ghi rõ.
          </Typography.Text>
        </>
      }
    />
  );
}
