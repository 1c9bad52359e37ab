import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { Public } from '@lessons-network/identity';
import type { Request, Response } from 'express';
import { LESSON } from '../graphql/operations';
import { paragraphs, statusTag, ukDate, visibilityLabel } from './lesson-labels';
import { WebPageFilter } from './web-error.filter';
import { WebPages } from './web-pages.service';
import { WebProblem } from './web-problem';

/** A lesson, read only: title, status, classification facts, sections and learning points. */
@Public()
@UseFilters(WebPageFilter)
@Controller('lessons')
export class LessonPageController {
  constructor(private readonly web: WebPages) {}

  @Get(':id')
  async lesson(@Req() req: Request, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const call = await this.web.session.call(req, res, LESSON, { id });
    if (!call.signedIn) return this.web.toSignIn(req, res);
    if (!call.result.ok) throw new WebProblem(call.result.errors[0]);
    const { nodeInfo, me, lesson, lessonTemplates } = call.result.data;
    const tag = statusTag(lesson.status);
    const templateLabel =
      lessonTemplates.find((t) => t.template === lesson.template)?.label ?? lesson.template;
    const facts = [
      ['Status', tag.label],
      ['Template', templateLabel],
      ['Author', lesson.author.displayName],
      ['Who can see it', visibilityLabel(lesson.visibility)],
      ['Themes', lesson.themes.map((t) => t.label).join(', ') || 'None yet'],
      ['Last updated', ukDate(lesson.updatedAt)],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } }));

    this.web.pages.render(req, res, 'lesson.njk', this.web.signedInLayout(req, res, nodeInfo, me), {
      lesson: {
        ...lesson,
        sections: lesson.sections.map((s) => ({ ...s, paragraphs: paragraphs(s.text) })),
      },
      statusLabel: tag.label,
      statusColour: tag.colour,
      templateLabel,
      facts,
    });
  }
}
