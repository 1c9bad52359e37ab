import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LessonActionEntity } from '../entities/lesson-action.entity';
import type { LessonEntity } from '../entities/lesson.entity';
import type { SharedField } from './lesson-gate';

/** A lesson as it may leave the node: the row, its anonymised free text, and its actions. */
export interface SharedLesson {
  readonly lesson: LessonEntity;
  /** Every free-text field with accepted findings replaced by placeholders (the projection). */
  readonly fields: readonly SharedField[];
  /** The actions, for their coded fields; their text is taken from `fields` only. */
  readonly actions: readonly LessonActionEntity[];
}

/**
 * Something that acts when a lesson is shared beyond the node (federation). Called inside the
 * transaction that publishes or retracts, so what it writes (an outbox row) commits or rolls back
 * with the change itself.
 */
export interface LessonShareHook {
  published(manager: EntityManager, shared: SharedLesson): Promise<void>;
  retracted(manager: EntityManager, lesson: LessonEntity): Promise<void>;
}

/**
 * Where other libs register their hooks. The lessons lib knows nothing of federation: the
 * dependency points from federation to lessons, never back.
 */
@Injectable()
export class LessonShareHooks {
  private readonly hooks: LessonShareHook[] = [];

  register(hook: LessonShareHook): void {
    this.hooks.push(hook);
  }

  async published(manager: EntityManager, shared: SharedLesson): Promise<void> {
    for (const hook of this.hooks) await hook.published(manager, shared);
  }

  async retracted(manager: EntityManager, lesson: LessonEntity): Promise<void> {
    for (const hook of this.hooks) await hook.retracted(manager, lesson);
  }
}
