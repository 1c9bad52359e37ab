import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RequestContext } from '@lessons-network/common';
import { NodeConfig } from '@lessons-network/config';
import { Ctx, Role, Roles } from '@lessons-network/identity';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { DataSource, In } from 'typeorm';
import { ActionStatus, isOverdue, todayIso } from '../domain/actions';
import { LessonActionEntity } from '../entities/lesson-action.entity';
import { LessonEntity } from '../entities/lesson.entity';
import { ActionsService } from '../services/actions.service';
import { renderBriefing } from '../services/briefing.renderer';
import { LessonsService } from '../services/lessons.service';
import { ThemesService } from '../services/themes.service';
import { STAFF } from '../domain/role-groups';

const MAX_CSV_ROWS = 10_000;

/** Exports for people: a lesson as a printable briefing, the action tracker as CSV. Bearer token as for GraphQL. */
@Controller()
export class ExportsController {
  constructor(
    private readonly lessons: LessonsService,
    private readonly actions: ActionsService,
    private readonly themes: ThemesService,
    private readonly config: NodeConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** GET /lessons/:id/briefing.html — the same readers as the `lesson` query. */
  @Roles(...STAFF)
  @Get('lessons/:id/briefing.html')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  @Header('x-content-type-options', 'nosniff')
  async briefing(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<string> {
    const lesson = await this.lessons.get(ctx, id);
    const [actions, themeLabels, forums] = await Promise.all([
      this.dataSource
        .getRepository(LessonActionEntity)
        .find({ where: { lessonId: lesson.id }, order: { position: 'ASC' } }),
      this.themes.themes(),
      this.themes.forums(ctx),
    ]);
    return renderBriefing({
      lesson,
      actions,
      organisationName: this.config.organisationName,
      themeLabels,
      forumNames: new Map(forums.map((f) => [f.id, f.name])),
    });
  }

  /** GET /actions/tracker.csv?status=planned,in_progress&overdue=true — the tracker's readers and filters. */
  @Roles(Role.QUALITY_LEAD, Role.REVIEWER, Role.VIEWER, Role.AUTHOR)
  @Get('actions/tracker.csv')
  async trackerCsv(
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) res: Response,
    @Query('status') status?: string,
    @Query('overdue') overdue?: string,
  ): Promise<string> {
    const statuses = status ? status.split(',').map((s) => s.trim()) : undefined;
    const valid = Object.values(ActionStatus) as string[];
    const bad = statuses?.filter((s) => !valid.includes(s)) ?? [];
    if (bad.length > 0 || (overdue !== undefined && !['true', 'false'].includes(overdue))) {
      res.status(400);
      res.type('text/plain');
      return `Unknown filter: status must be among ${valid.join(', ')}; overdue true or false\n`;
    }
    const rows: LessonActionEntity[] = [];
    let after: string | undefined;
    do {
      const page = await this.actions.tracker(
        ctx,
        {
          statuses: statuses as ActionStatus[] | undefined,
          overdue: overdue === undefined ? undefined : overdue === 'true',
        },
        100,
        after,
      );
      rows.push(...page.items);
      after = page.hasNextPage ? (page.endCursor ?? undefined) : undefined;
    } while (after && rows.length < MAX_CSV_ROWS);
    const lessonIds = [...new Set(rows.map((r) => r.lessonId))];
    const lessonTitles = new Map(
      (lessonIds.length
        ? await this.dataSource.getRepository(LessonEntity).findBy({ id: In(lessonIds) })
        : []
      ).map((l) => [l.id, l.title]),
    );
    const forums = new Map((await this.themes.forums(ctx)).map((f) => [f.id, f.name]));
    const today = todayIso();
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="action-tracker-${today}.csv"`);
    return stringify(
      rows.map((a) => ({
        lesson: lessonTitles.get(a.lessonId) ?? '',
        action: a.description,
        owner_role: a.ownerRole,
        owner_name: a.ownerName ?? '',
        due_date: a.dueDate,
        status: a.status,
        overdue: isOverdue(a.status, a.dueDate, today) ? 'yes' : 'no',
        strength: a.strength,
        forum: a.forumId ? (forums.get(a.forumId) ?? '') : '',
        evidence: a.evidence ?? '',
        lesson_id: a.lessonId,
        action_id: a.id,
      })),
      {
        header: true,
        cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
      },
    );
  }
}
