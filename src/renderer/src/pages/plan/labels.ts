/** Words of the plan screens. */
import type { TaskStatus } from '../../../../shared/contract/plan';
import { TASK_STATUS_LABEL } from '../../../../shared/rules/task-answers';

export { TASK_STATUS_LABEL };
export const TASK_STATUS_COLOR: Record<TaskStatus, string> = {
  done: 'green',
  in_progress: 'blue',
  not_done: 'orange',
};
export const ROLE_LABEL = { lead: 'Chủ trì', partner: 'Phối hợp' } as const;
export const NOT_REPORTED = 'Chưa báo cáo';
