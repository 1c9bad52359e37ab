import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { LessonActionEntity } from '../entities/lesson-action.entity';
import { LessonReviewEntity } from '../entities/lesson-review.entity';

/**
 * Per-request batch loaders for what a page of lessons shows beside each lesson, so that a page of
 * N lessons costs one query per kind of child, not N (no N+1).
 */
export class LessonLoaders {
  private static readonly perRequest = new WeakMap<object, LessonLoaders>();

  readonly actions: DataLoader<string, LessonActionEntity[]>;
  readonly reviews: DataLoader<string, LessonReviewEntity[]>;

  private constructor(dataSource: DataSource) {
    this.actions = new DataLoader(async (lessonIds) => {
      const rows = await dataSource.getRepository(LessonActionEntity).find({
        where: { lessonId: In([...lessonIds]) },
        order: { position: 'ASC' },
      });
      return lessonIds.map((id) => rows.filter((r) => r.lessonId === id));
    });
    this.reviews = new DataLoader(async (lessonIds) => {
      const rows = await dataSource.getRepository(LessonReviewEntity).find({
        where: { lessonId: In([...lessonIds]) },
        order: { createdAt: 'ASC' },
      });
      return lessonIds.map((id) => rows.filter((r) => r.lessonId === id));
    });
  }

  /** The loaders of one request (the request object is the key; they die with it). */
  static of(request: object, dataSource: DataSource): LessonLoaders {
    let loaders = LessonLoaders.perRequest.get(request);
    if (!loaders) {
      loaders = new LessonLoaders(dataSource);
      LessonLoaders.perRequest.set(request, loaders);
    }
    return loaders;
  }
}
