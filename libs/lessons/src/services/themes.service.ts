import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import { CommonErrorCode, CommonException, type RequestContext } from '@lessons-network/common';
import { DataSource } from 'typeorm';
import { ActionForumEntity } from '../entities/action-forum.entity';
import { ThemeEntity } from '../entities/theme.entity';
import { STARTING_FORUMS } from '../domain/taxonomy';
import { LessonErrorCode, LessonException } from '../lessons.exception';

/** Themes (node-wide, extensible at a hub) and action forums (per organisation). */
@Injectable()
export class ThemesService {
  private cache?: Promise<Map<string, string>>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every theme, key → label; cached until a theme is added. */
  themes(): Promise<Map<string, string>> {
    this.cache ??= this.dataSource
      .getRepository(ThemeEntity)
      .find({ order: { label: 'ASC' } })
      .then((rows) => new Map(rows.map((t) => [t.key, t.label])))
      .catch((error: unknown) => {
        this.cache = undefined;
        throw error;
      });
    return this.cache;
  }

  /** Throws UNKNOWN_THEME naming the keys that are not themes. */
  async assertThemes(keys: readonly string[]): Promise<void> {
    const themes = await this.themes();
    const unknown = keys.filter((k) => !themes.has(k));
    if (unknown.length > 0) {
      throw new LessonException(
        LessonErrorCode.UnknownTheme,
        `Unknown themes: ${unknown.join(', ')}`,
        { unknown },
      );
    }
  }

  /** Adds a theme (hub quality leads: the hub curates the shared list). */
  async addTheme(ctx: RequestContext, key: string, label: string): Promise<ThemeEntity> {
    const theme = await this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(ThemeEntity, { key })) {
        throw new CommonException(CommonErrorCode.Conflict, `There is already a theme "${key}"`);
      }
      const created = await manager.save(manager.create(ThemeEntity, { key, label: label.trim() }));
      await this.audit.record(ctx, manager, {
        action: 'theme.added',
        subjectType: 'theme',
        subjectId: ctx.requireActor().organisationId,
        details: { key, label },
      });
      return created;
    });
    this.cache = undefined;
    return theme;
  }

  /** The forums of the caller's organisation; the starting list is created on first use. */
  async forums(ctx: RequestContext): Promise<ActionForumEntity[]> {
    const organisationId = ctx.requireActor().organisationId;
    const repository = this.dataSource.getRepository(ActionForumEntity);
    let forums = await repository.find({ where: { organisationId }, order: { name: 'ASC' } });
    if (forums.length === 0) {
      await repository
        .createQueryBuilder()
        .insert()
        .values(STARTING_FORUMS.map((name) => ({ organisationId, name })))
        .orIgnore()
        .execute();
      forums = await repository.find({ where: { organisationId }, order: { name: 'ASC' } });
    }
    return forums;
  }

  async addForum(ctx: RequestContext, name: string): Promise<ActionForumEntity> {
    const organisationId = ctx.requireActor().organisationId;
    await this.forums(ctx);
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(ActionForumEntity, { organisationId, name: name.trim() })) {
        throw new CommonException(
          CommonErrorCode.Conflict,
          `There is already a forum "${name.trim()}"`,
        );
      }
      const forum = await manager.save(
        manager.create(ActionForumEntity, { organisationId, name: name.trim() }),
      );
      await this.audit.record(ctx, manager, {
        action: 'forum.added',
        subjectType: 'action_forum',
        subjectId: forum.id,
        details: { name: forum.name },
      });
      return forum;
    });
  }

  /** Throws UNKNOWN_FORUM unless the forum belongs to the caller's organisation. */
  async assertForum(ctx: RequestContext, forumId: string): Promise<void> {
    const exists = await this.dataSource
      .getRepository(ActionForumEntity)
      .existsBy({ id: forumId, organisationId: ctx.requireActor().organisationId });
    if (!exists)
      throw new LessonException(LessonErrorCode.UnknownForum, 'No such forum in your organisation');
  }
}
