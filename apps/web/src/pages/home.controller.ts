import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { Public } from '@lessons-network/identity';
import type { Request, Response } from 'express';
import { HOME, type LessonSummary, REVIEW_QUEUE } from '../graphql/operations';
import { statusTag, ukDate } from './lesson-labels';
import { WebPageFilter } from './web-error.filter';
import { WebPages } from './web-pages.service';
import { WebProblem } from './web-problem';

/** Roles that review lessons. */
const REVIEWING_ROLES = ['REVIEWER', 'QUALITY_LEAD'];

function listed(lesson: LessonSummary) {
  const tag = statusTag(lesson.status);
  return {
    ...lesson,
    statusLabel: tag.label,
    statusColour: tag.colour,
    updated: ukDate(lesson.updatedAt),
  };
}

/** Home: the signed-in person's drafts and the lessons waiting for their review. */
@Public()
@UseFilters(WebPageFilter)
@Controller()
export class HomeController {
  constructor(private readonly web: WebPages) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const call = await this.web.session.call(req, res, HOME, {});
    if (!call.signedIn) return this.web.toSignIn(req, res);
    if (!call.result.ok) throw new WebProblem(call.result.errors[0]);
    const { nodeInfo, me, drafts } = call.result.data;

    const reviewer = me.roles.some((role) => REVIEWING_ROLES.includes(role));
    let toReview: LessonSummary[] = [];
    if (reviewer) {
      const queue = await this.web.session.call(req, res, REVIEW_QUEUE, {});
      if (!queue.signedIn) return this.web.toSignIn(req, res);
      if (!queue.result.ok) throw new WebProblem(queue.result.errors[0]);
      // Nobody reviews their own lesson (the API refuses it: SELF_REVIEW).
      toReview = queue.result.data.inReview.edges
        .map((edge) => edge.node)
        .filter((lesson) => lesson.author.id !== me.id);
    }

    this.web.pages.render(req, res, 'home.njk', this.web.signedInLayout(req, res, nodeInfo, me), {
      notice:
        req.query.passwordSet === '1' ? 'Your password is set and you are signed in.' : undefined,
      drafts: drafts.edges.map((edge) => listed(edge.node)),
      reviewer,
      toReview: toReview.map(listed),
    });
  }
}
