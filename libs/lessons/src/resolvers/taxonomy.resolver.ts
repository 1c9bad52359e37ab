import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommonErrorCode, CommonException, type RequestContext } from '@lessons-network/common';
import { NodeConfig, NodeRole } from '@lessons-network/config';
import { Ctx, Role, Roles, SignedIn } from '@lessons-network/identity';
import {
  CARE_SETTINGS,
  CONTRIBUTORY_FACTORS,
  EVENT_TYPES,
  LEARNING_SOURCES,
  PHYSICAL_HARMS,
  PSYCHOLOGICAL_HARMS,
  type TaxonomyEntry,
} from '../domain/taxonomy';
import { TEMPLATES } from '../domain/templates';
import { ThemeModel } from '../models/lesson.model';
import {
  ActionForumModel,
  LessonTemplateModel,
  TaxonomyModel,
  type TaxonomyValueModel,
} from '../models/taxonomy.model';
import { ThemesService } from '../services/themes.service';

function values(entries: Record<string, TaxonomyEntry>): TaxonomyValueModel[] {
  return Object.entries(entries).map(([value, entry]) => ({
    value: value.toUpperCase(),
    label: entry.label,
    code: entry.code ?? null,
  }));
}

@Resolver()
export class TaxonomyResolver {
  constructor(
    private readonly themesService: ThemesService,
    private readonly config: NodeConfig,
  ) {}

  @SignedIn()
  @Query(() => TaxonomyModel, {
    description: 'Every classification with labels and national codes. Any signed-in user.',
  })
  taxonomy(): TaxonomyModel {
    return {
      eventTypes: values(EVENT_TYPES),
      physicalHarms: values(PHYSICAL_HARMS),
      psychologicalHarms: values(PSYCHOLOGICAL_HARMS),
      careSettings: values(CARE_SETTINGS),
      learningSources: values(LEARNING_SOURCES),
      contributoryFactors: values(CONTRIBUTORY_FACTORS),
    };
  }

  @SignedIn()
  @Query(() => [LessonTemplateModel], {
    description: 'The templates and their sections. Any signed-in user.',
  })
  lessonTemplates(): LessonTemplateModel[] {
    return Object.values(TEMPLATES).map((t) => ({ ...t, sections: [...t.sections] }));
  }

  @SignedIn()
  @Query(() => [ThemeModel], { description: 'Every theme, by label. Any signed-in user.' })
  async themes(): Promise<ThemeModel[]> {
    return [...(await this.themesService.themes())].map(([key, label]) => ({ key, label }));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => ThemeModel, {
    description: "Add a theme to the node's list. Quality leads of a hub node.",
  })
  async addTheme(
    @Ctx() ctx: RequestContext,
    @Args('key', { description: 'Stable key: lower case letters, digits and underscores.' })
    key: string,
    @Args('label', { description: 'Label shown to people.' }) label: string,
  ): Promise<ThemeModel> {
    if (this.config.role !== NodeRole.Hub) {
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        'Themes are added at the hub, which curates the shared list',
      );
    }
    if (!/^[a-z][a-z0-9_]{1,62}$/.test(key) || label.trim().length < 2 || label.length > 100) {
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        'The key must be lower case letters, digits and underscores; the label 2 to 100 characters',
      );
    }
    const theme = await this.themesService.addTheme(ctx, key, label);
    return { key: theme.key, label: theme.label };
  }

  @Roles(Role.AUTHOR, Role.REVIEWER, Role.QUALITY_LEAD, Role.VIEWER)
  @Query(() => [ActionForumModel], {
    description: 'Forums of your organisation that track actions. Staff.',
  })
  async actionForums(@Ctx() ctx: RequestContext): Promise<ActionForumModel[]> {
    return (await this.themesService.forums(ctx)).map((f) => ({ id: f.id, name: f.name }));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => ActionForumModel, {
    description: 'Add a forum that tracks actions. Quality leads.',
  })
  async addActionForum(
    @Ctx() ctx: RequestContext,
    @Args('name', { description: 'Name, e.g. "Falls Steering Group".' }) name: string,
  ): Promise<ActionForumModel> {
    if (name.trim().length < 2 || name.length > 100) {
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        'The name must be 2 to 100 characters',
      );
    }
    const forum = await this.themesService.addForum(ctx, name);
    return { id: forum.id, name: forum.name };
  }
}
