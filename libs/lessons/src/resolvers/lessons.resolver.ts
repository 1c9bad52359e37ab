import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { listCost, toConnection, type RequestContext } from '@lessons-network/common';
import { Ctx, Role, Roles } from '@lessons-network/identity';
import { DataSource } from 'typeorm';
import { todayIso } from '../domain/actions';
import { LessonTransition } from '../domain/workflow';
import { CreateLessonInput, LessonStepInput, UpdateLessonInput } from '../dto/lesson.input';
import { LessonsArgs, SearchLessonsArgs, SimilarLessonsArgs } from '../dto/lessons.args';
import {
  AuditEventModel,
  LessonActionModel,
  LessonConnection,
  LessonModel,
  LessonReviewModel,
  LessonSearchHit,
  LessonSearchResult,
  ThemeModel,
} from '../models/lesson.model';
import { LessonLoaders } from '../services/lesson-loaders';
import { LessonSearchService, type SearchHit } from '../services/lesson-search.service';
import { LessonsService } from '../services/lessons.service';
import { ThemesService } from '../services/themes.service';
import { STAFF, WRITERS } from '../domain/role-groups';

@Resolver(() => LessonModel)
export class LessonsResolver {
  constructor(
    private readonly lessonsService: LessonsService,
    private readonly themesService: ThemesService,
    private readonly searchService: LessonSearchService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Roles(...STAFF)
  @Query(() => LessonModel, {
    description:
      'One lesson of your organisation. Drafts: their author and quality leads; in review: also reviewers; published: all staff.',
  })
  async lesson(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<LessonModel> {
    return LessonModel.from(await this.lessonsService.get(ctx, id));
  }

  @Roles(...STAFF)
  @Query(() => LessonConnection, {
    description: 'Lessons of your organisation you may see, newest first, filtered. Staff.',
    complexity: listCost,
  })
  async lessons(@Ctx() ctx: RequestContext, @Args() args: LessonsArgs): Promise<LessonConnection> {
    const page = await this.lessonsService.list(ctx, args.filter, args.first, args.after);
    return toConnection(page, (l) => LessonModel.from(l));
  }

  @Roles(...STAFF)
  @Query(() => LessonSearchResult, {
    description:
      'Full-text search over title, summary, learning points and sections of the lessons you may see; best first. Staff.',
    complexity: ({
      args,
      childComplexity,
    }: {
      args: { first?: number };
      childComplexity: number;
    }) => (args.first ?? 20) * Math.max(1, childComplexity),
  })
  async searchLessons(
    @Ctx() ctx: RequestContext,
    @Args() args: SearchLessonsArgs,
  ): Promise<LessonSearchResult> {
    const result = await this.searchService.search(ctx, args.text, args.filter, args.first);
    return { ...result, hits: result.hits.map(toHit) };
  }

  @Roles(...STAFF)
  @Query(() => [LessonSearchHit], {
    description:
      'Published lessons like this one (or like the given text, for one not saved yet): where this has happened before. Staff.',
  })
  async similarLessons(
    @Ctx() ctx: RequestContext,
    @Args() args: SimilarLessonsArgs,
  ): Promise<LessonSearchHit[]> {
    return (
      await this.searchService.similar(
        ctx,
        { lessonId: args.lessonId, text: args.text },
        args.first,
      )
    ).map(toHit);
  }

  @Roles(...STAFF)
  @Query(() => [AuditEventModel], {
    description: 'Every change to a lesson you may see, oldest first. Staff.',
  })
  async lessonAuditTrail(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AuditEventModel[]> {
    const events = await this.lessonsService.auditTrail(ctx, id);
    return events.map((e) =>
      Object.assign(new AuditEventModel(), {
        id: e.id,
        action: e.action,
        actorUserId: e.actorUserId,
        occurredAt: e.occurredAt,
        details: JSON.stringify(e.details),
      }),
    );
  }

  @Roles(...WRITERS)
  @Mutation(() => LessonModel, { description: 'Start a draft lesson. Authors and quality leads.' })
  async createLesson(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateLessonInput,
  ): Promise<LessonModel> {
    const created = await this.lessonsService.create(ctx, input);
    return LessonModel.from(await this.lessonsService.get(ctx, created.id));
  }

  @Roles(...WRITERS)
  @Mutation(() => LessonModel, {
    description:
      'Change a draft (or a lesson sent back for changes). Its author or a quality lead; refused if stale.',
  })
  async updateLesson(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateLessonInput,
  ): Promise<LessonModel> {
    await this.lessonsService.update(ctx, input);
    return LessonModel.from(await this.lessonsService.get(ctx, input.id));
  }

  @Roles(...WRITERS)
  @Mutation(() => LessonModel, {
    description: 'Send a complete draft for review. Its author (or a quality lead).',
  })
  submitLesson(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LessonStepInput,
  ): Promise<LessonModel> {
    return this.step(ctx, LessonTransition.SUBMIT, input);
  }

  @Roles(Role.REVIEWER, Role.QUALITY_LEAD)
  @Mutation(() => LessonModel, {
    description:
      'Send a lesson in review back to its author with comments. Reviewers, not on their own.',
  })
  requestLessonChanges(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LessonStepInput,
  ): Promise<LessonModel> {
    return this.step(ctx, LessonTransition.REQUEST_CHANGES, input);
  }

  @Roles(Role.REVIEWER, Role.QUALITY_LEAD)
  @Mutation(() => LessonModel, {
    description: 'Approve a lesson in review. Reviewers, never on their own lesson.',
  })
  approveLesson(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LessonStepInput,
  ): Promise<LessonModel> {
    return this.step(ctx, LessonTransition.APPROVE, input);
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => LessonModel, { description: 'Publish an approved lesson. Quality leads.' })
  publishLesson(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LessonStepInput,
  ): Promise<LessonModel> {
    return this.step(ctx, LessonTransition.PUBLISH, input);
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => LessonModel, {
    description: 'Retract a published lesson, saying why. Quality leads.',
  })
  retractLesson(
    @Ctx() ctx: RequestContext,
    @Args('input') input: LessonStepInput,
  ): Promise<LessonModel> {
    return this.step(ctx, LessonTransition.RETRACT, input);
  }

  @ResolveField('themes', () => [ThemeModel], { description: 'Themes, with labels.' })
  async themesOf(@Parent() lesson: LessonModel): Promise<ThemeModel[]> {
    const themes = await this.themesService.themes();
    return lesson.themeKeys.map((key) => ({ key, label: themes.get(key) ?? key }));
  }

  @ResolveField('actions', () => [LessonActionModel], { description: 'The action plan, in order.' })
  async actions(
    @Parent() lesson: LessonModel,
    @Context('req') req: object,
  ): Promise<LessonActionModel[]> {
    const today = todayIso();
    const actions = await LessonLoaders.of(req, this.dataSource).actions.load(lesson.id);
    return actions.map((a) => LessonActionModel.from(a, today));
  }

  @ResolveField('reviews', () => [LessonReviewModel], {
    description: 'Reviewers’ decisions and comments, oldest first.',
  })
  async reviews(
    @Parent() lesson: LessonModel,
    @Context('req') req: object,
  ): Promise<LessonReviewModel[]> {
    const reviews = await LessonLoaders.of(req, this.dataSource).reviews.load(lesson.id);
    return reviews.map((r) => LessonReviewModel.from(r));
  }

  private async step(
    ctx: RequestContext,
    transition: LessonTransition,
    input: LessonStepInput,
  ): Promise<LessonModel> {
    await this.lessonsService.step(ctx, transition, input);
    return LessonModel.from(await this.lessonsService.get(ctx, input.id));
  }
}

function toHit(hit: SearchHit): LessonSearchHit {
  return Object.assign(new LessonSearchHit(), {
    lesson: LessonModel.from(hit.lesson),
    rank: hit.rank,
    titleHighlight: hit.titleHighlight,
    snippet: hit.snippet,
  });
}
