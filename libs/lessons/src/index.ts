import { ActionForumEntity } from './entities/action-forum.entity';
import { LessonActionEntity } from './entities/lesson-action.entity';
import { LessonReviewEntity } from './entities/lesson-review.entity';
import { LessonEntity } from './entities/lesson.entity';
import { LessonFindingEntity } from './entities/lesson-finding.entity';
import { LessonKnownIdentifierEntity } from './entities/lesson-known-identifier.entity';
import { LessonScanEntity } from './entities/lesson-scan.entity';
import { AnonymiserTermEntity } from './entities/anonymiser-term.entity';
import { AnonymisationResolver } from './resolvers/anonymisation.resolver';
import { ThemeEntity } from './entities/theme.entity';
import { ActionsResolver } from './resolvers/actions.resolver';
import { LessonsResolver } from './resolvers/lessons.resolver';
import { TaxonomyResolver } from './resolvers/taxonomy.resolver';

export { LessonsModule } from './lessons.module';
export { LessonsService } from './services/lessons.service';
export {
  LessonShareHooks,
  type LessonShareHook,
  type SharedLesson,
} from './services/lesson-share-hooks';
export type { SharedField } from './services/lesson-gate';
export { ActionsService } from './services/actions.service';
export { ThemesService } from './services/themes.service';
export { LessonException, LessonErrorCode } from './lessons.exception';
export * from './domain/taxonomy';
export {
  LessonTemplate,
  TEMPLATES,
  type TemplateDefinition,
  type SectionDefinition,
} from './domain/templates';
export {
  LessonStatus,
  LessonTransition,
  Visibility,
  checkTransition,
  canRead,
  canEdit,
} from './domain/workflow';
export { ActionStatus, ActionStrength, isOverdue } from './domain/actions';
export { LessonEntity, LessonActionEntity };

/** The entities this lib adds to the node's schema. */
export const lessonEntities = [
  ThemeEntity,
  ActionForumEntity,
  LessonEntity,
  LessonActionEntity,
  LessonReviewEntity,
  LessonFindingEntity,
  LessonKnownIdentifierEntity,
  LessonScanEntity,
  AnonymiserTermEntity,
];

/** The GraphQL resolvers this lib contributes. */
export const lessonResolvers = [
  LessonsResolver,
  ActionsResolver,
  TaxonomyResolver,
  AnonymisationResolver,
];
