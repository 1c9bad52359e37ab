import { registerEnumType } from '@nestjs/graphql';

/** Progress of an action. Overdue is derived (due date past and not completed), never stored. */
export enum ActionStatus {
  PLANNED = 'planned',
  IN_PROGRESS = 'in_progress',
  COMPLETED = 'completed',
  VERIFIED = 'verified',
}

/** Hierarchy of intervention effectiveness: strong (forcing functions, redesign) to weak (training, reminders). */
export enum ActionStrength {
  STRONG = 'strong',
  INTERMEDIATE = 'intermediate',
  WEAK = 'weak',
}

registerEnumType(ActionStatus, { name: 'ActionStatus', description: 'Progress of an action.' });
registerEnumType(ActionStrength, {
  name: 'ActionStrength',
  description: 'Hierarchy of intervention effectiveness: strong, intermediate or weak.',
});

/** Allowed status changes. Completing needs evidence; verifying is for reviewers and quality leads. */
export const ACTION_STATUS_CHANGES: Record<ActionStatus, readonly ActionStatus[]> = {
  planned: [ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED],
  in_progress: [ActionStatus.PLANNED, ActionStatus.COMPLETED],
  completed: [ActionStatus.IN_PROGRESS, ActionStatus.VERIFIED],
  verified: [],
};

/** An action is overdue when its due date has passed and it is not yet done. */
export function isOverdue(status: ActionStatus, dueDate: string, today: string): boolean {
  return (
    (status === ActionStatus.PLANNED || status === ActionStatus.IN_PROGRESS) && dueDate < today
  );
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
