import { Module } from '@nestjs/common';
import { AuditModule } from '@lessons-network/audit';
import { ActionsResolver } from './resolvers/actions.resolver';
import { AnonymisationResolver } from './resolvers/anonymisation.resolver';
import { LessonAnonymisationService } from './services/lesson-anonymisation.service';
import { ExportsController } from './controllers/exports.controller';
import { LessonsResolver } from './resolvers/lessons.resolver';
import { TaxonomyResolver } from './resolvers/taxonomy.resolver';
import { ActionsService } from './services/actions.service';
import { LessonSearchService } from './services/lesson-search.service';
import { LessonsService } from './services/lessons.service';
import { ThemesService } from './services/themes.service';
import { LessonShareHooks } from './services/lesson-share-hooks';

/** Lessons, their templates, review workflow and action plans. */
@Module({
  imports: [AuditModule],
  controllers: [ExportsController],
  providers: [
    LessonShareHooks,
    ThemesService,
    LessonsService,
    LessonSearchService,
    LessonAnonymisationService,
    AnonymisationResolver,
    ActionsService,
    LessonsResolver,
    ActionsResolver,
    TaxonomyResolver,
  ],
  exports: [LessonsService, LessonSearchService, ActionsService, ThemesService, LessonShareHooks],
})
export class LessonsModule {}
