/**
 * Phần I of the report draft from the plan's tasks: one paragraph per section saying what was done, by whom,
 * what is in progress and what remains (not done or not reported). Pure: the Word draft calls it with the
 * per-task results (services/plan.ts planResults(...).tasks, or ReportModel.planTasks).
 */
import type { TaskAnswer, TaskResult, TaskStatus } from '../../shared/contract/plan';

export interface SectionParagraph {
  section: string;
  text: string;
}

type Overall = TaskStatus | 'none';

/** A task's state as the report says it: the lead units' answers (the partners' when no lead answered). */
export function overallStatus(t: Pick<TaskResult, 'answers'>): Overall {
  const lead = t.answers.filter((a) => a.role === 'lead' && a.status);
  const said = lead.length ? lead : t.answers.filter((a) => a.status);
  if (!said.length) return 'none';
  if (said.every((a) => a.status === 'done')) return 'done';
  if (said.some((a) => a.status === 'done' || a.status === 'in_progress')) return 'in_progress';
  return 'not_done';
}

const shorten = (s: string, n = 160): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const sentenceCase = (s: string): string => (s ? s[0]!.toLocaleLowerCase('vi') + s.slice(1) : s);

function byWhom(answers: TaskAnswer[], status?: TaskStatus): string {
  const lead = answers.filter((a) => a.role === 'lead' && (!status || a.status === status));
  const partners = answers.filter((a) => a.role === 'partner' && a.status === (status ?? 'done'));
  const names = (list: TaskAnswer[]) =>
    list.length > 3
      ? `${list
          .slice(0, 3)
          .map((a) => a.unitName)
          .join(', ')} và ${list.length - 3} đơn vị khác`
      : list.map((a) => a.unitName).join(', ');
  const parts: string[] = [];
  if (lead.length) parts.push(`${names(lead)} chủ trì`);
  if (partners.length) parts.push(`${names(partners)} phối hợp`);
  return parts.join(', ');
}

function taskPhrase(t: TaskResult, status?: TaskStatus): string {
  const who = byWhom(t.answers, status);
  const result =
    t.answers.find((a) => a.role === 'lead' && a.result)?.result ?? t.answers.find((a) => a.result)?.result;
  return (
    sentenceCase(t.title) +
    (who ? ` (${who})` : '') +
    (result && status !== 'not_done' ? `: ${sentenceCase(shorten(result))}` : '')
  );
}

/** One paragraph per section, in plan order. */
export function planNarrative(tasks: TaskResult[]): SectionParagraph[] {
  const sections: string[] = [];
  for (const t of tasks) if (!sections.includes(t.section)) sections.push(t.section);
  return sections.map((section) => {
    const mine = tasks.filter((t) => t.section === section);
    const of = (s: Overall) => mine.filter((t) => overallStatus(t) === s);
    const done = of('done');
    const going = of('in_progress');
    const remain = [...of('not_done'), ...of('none')];
    const parts: string[] = [];
    parts.push(
      `${section.replace(/[.:]\s*$/, '')}: Kế hoạch có ${mine.length} nhiệm vụ` +
        (done.length ? `, đã hoàn thành ${done.length}` : '') +
        (going.length ? `, đang thực hiện ${going.length}` : '') +
        (remain.length ? `, còn ${remain.length} nhiệm vụ chưa thực hiện hoặc chưa có báo cáo` : '') +
        '.',
    );
    if (done.length) parts.push(`Đã hoàn thành: ${done.map((t) => taskPhrase(t, 'done')).join('; ')}.`);
    if (going.length) parts.push(`Đang thực hiện: ${going.map((t) => taskPhrase(t, 'in_progress')).join('; ')}.`);
    const notDone = of('not_done');
    if (notDone.length) parts.push(`Chưa thực hiện: ${notDone.map((t) => taskPhrase(t, 'not_done')).join('; ')}.`);
    const none = of('none');
    if (none.length) {
      parts.push(
        `Chưa có đơn vị báo cáo kết quả: ${none
          .map((t) => {
            const lead = t.answers.filter((a) => a.role === 'lead').map((a) => a.unitName);
            return sentenceCase(t.title) + (lead.length ? ` (${lead.join(', ')} chủ trì)` : '');
          })
          .join('; ')}.`,
      );
    }
    return { section, text: parts.join(' ') };
  });
}
