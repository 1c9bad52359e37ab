import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { listCost, toConnection, type RequestContext } from '@lessons-network/common';
import { Ctx, Role, Roles } from '@lessons-network/identity';
import { todayIso } from '../domain/actions';
import { AddActionInput, SetActionStatusInput, UpdateActionInput } from '../dto/action.input';
import { ActionTrackerArgs } from '../dto/lessons.args';
import { ActionConnection, LessonActionModel } from '../models/lesson.model';
import { ActionsService } from '../services/actions.service';

@Resolver(() => LessonActionModel)
export class ActionsResolver {
  constructor(private readonly actions: ActionsService) {}

  @Roles(Role.QUALITY_LEAD, Role.REVIEWER, Role.VIEWER, Role.AUTHOR)
  @Query(() => ActionConnection, {
    description:
      'The action tracker: actions of approved and published lessons you may see, soonest due first. Staff.',
    complexity: listCost,
  })
  async actionTracker(
    @Ctx() ctx: RequestContext,
    @Args() args: ActionTrackerArgs,
  ): Promise<ActionConnection> {
    const page = await this.actions.tracker(ctx, args.filter, args.first, args.after);
    const today = todayIso();
    return toConnection(page, (a) => LessonActionModel.from(a, today));
  }

  @Roles(Role.AUTHOR, Role.QUALITY_LEAD)
  @Mutation(() => LessonActionModel, {
    description: "Add an action to a draft lesson's plan. Its author or a quality lead.",
  })
  async addLessonAction(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AddActionInput,
  ): Promise<LessonActionModel> {
    return LessonActionModel.from(await this.actions.add(ctx, input));
  }

  @Roles(Role.AUTHOR, Role.QUALITY_LEAD)
  @Mutation(() => LessonActionModel, {
    description: 'Change an action of a draft lesson. Its author or a quality lead.',
  })
  async updateLessonAction(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateActionInput,
  ): Promise<LessonActionModel> {
    return LessonActionModel.from(await this.actions.update(ctx, input));
  }

  @Roles(Role.AUTHOR, Role.QUALITY_LEAD)
  @Mutation(() => Boolean, {
    description: 'Remove an action from a draft lesson. Its author or a quality lead.',
  })
  async removeLessonAction(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    await this.actions.remove(ctx, id);
    return true;
  }

  @Roles(Role.AUTHOR, Role.REVIEWER, Role.QUALITY_LEAD)
  @Mutation(() => LessonActionModel, {
    description:
      "Move an action on (start, complete with evidence, verify, reopen) once its lesson is approved. The lesson's author, reviewers, quality leads; verifying: reviewers and quality leads.",
  })
  async setLessonActionStatus(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetActionStatusInput,
  ): Promise<LessonActionModel> {
    return LessonActionModel.from(await this.actions.setStatus(ctx, input));
  }
}
