import {
  BadRequestException,
  Controller,
  Get,
  NotFoundException,
  Param,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import { Public } from '@lessons-network/identity';
import escapeHtml from 'escape-html';
import type { Response } from 'express';
import { Feed } from 'feed';
import { DataSource, IsNull } from 'typeorm';
import { SharedLessonEntity } from '../entities/remote-lesson.entity';
import { HARM_ORDER, matchesFilter } from '../protocol/filter';
import { FederationRefusal } from '../protocol/refusal';
import { parseFilterInput } from '../protocol/validate';
import { peekSigned } from '../protocol/signing';
import {
  ACTIVITY_CONTENT_TYPE,
  type FollowFilter,
  type LessonObject,
  nodeUrls,
} from '../protocol/vocabulary';
import { FederationRateGuard } from './federation-rate.guard';

/** Most items in one feed. */
const FEED_SIZE = 50;

function list(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0 && v.length <= 100)
    .slice(0, 50);
}

/**
 * Characters XML 1.0 does not allow (C0 controls but tab and line ends, U+FFFE, U+FFFF, lone
 * surrogates) and the C1 controls it discourages: one of them in a lesson would make the whole
 * feed unreadable, so they are dropped from every text a feed carries.
 */
const NOT_XML = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe in an XML text node (the XML writer escapes <, > and &). */
export function feedText(text: string): string {
  return text.replace(NOT_XML, '');
}

/**
 * Plain text as HTML, safe in a CDATA section. The `feed` library writes item titles, summaries
 * and content as HTML in CDATA (Atom `type="html"`), and its XML writer splits only the first
 * "]]>" of a CDATA section, so a second one ended the section early: ill-formed XML for every
 * subscriber, and a way to inject elements. Escaped HTML holds no ">", hence no "]]>", and no
 * markup: readers show the text exactly as written.
 */
export function feedHtml(text: string): string {
  return escapeHtml(feedText(text));
}

const THEME_KEY = /^[a-z][a-z0-9_]{1,62}$/;

/**
 * Query parameters → the same filter followers use, checked by the same schema: unknown harm
 * levels, care settings or sources are bad input.
 */
export function feedFilter(query: Record<string, unknown>): FollowFilter {
  const minimumHarm = typeof query.minimumHarm === 'string' ? query.minimumHarm : undefined;
  if (minimumHarm && !(HARM_ORDER as readonly string[]).includes(minimumHarm))
    throw new BadRequestException(`minimumHarm must be one of ${HARM_ORDER.join(', ')}`);
  const raw = {
    themes: list(query.themes),
    careSettings: list(query.careSettings),
    learningSources: list(query.learningSources),
    minimumHarm,
  };
  try {
    return parseFilterInput(raw);
  } catch (error) {
    if (error instanceof FederationRefusal) throw new BadRequestException(error.message);
    throw error;
  }
}

/**
 * Atom and RSS feeds of this node's public lessons (made with the `feed` library), filtered by
 * the same criteria as follows: `?themes=falls,medication&minimumHarm=moderate&careSettings=acute`.
 * Public: only lessons published as public appear, in their anonymised, signed form.
 */
@Controller()
@UseGuards(FederationRateGuard)
export class FeedController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
  ) {}

  private async publicLessons(filter: FollowFilter): Promise<LessonObject[]> {
    const rows = await this.dataSource.getRepository(SharedLessonEntity).find({
      where: { audience: 'public', retractedAt: IsNull() },
      order: { sharedAt: 'DESC' },
      take: 500,
    });
    return rows
      .map((row) => peekSigned(row.jws).payload as LessonObject)
      .filter((lesson) =>
        matchesFilter(filter, {
          themes: lesson.themes,
          careSetting: lesson.careSetting,
          physicalHarm: lesson.physicalHarm,
          learningSource: lesson.learningSource,
          originOdsCode: lesson.origin.odsCode,
        }),
      )
      .slice(0, FEED_SIZE);
  }

  /**
   * The feed, for Atom or RSS. Every text goes through `feedText` or `feedHtml` (above). RSS items
   * carry no author: RSS wants an e-mail address there, and the channel names the organisation.
   */
  private async feed(query: Record<string, unknown>, format: 'atom' | 'rss'): Promise<Feed> {
    const urls = nodeUrls(this.config.baseUrl);
    const lessons = await this.publicLessons(feedFilter(query));
    const organisation = feedText(this.config.organisationName);
    const feed = new Feed({
      title: `Lessons learned — ${organisation}`,
      description: `Public, anonymised lessons learned published by ${organisation} (${feedText(this.config.odsCode)}).`,
      id: `${urls.base}/feeds/lessons`,
      link: urls.base,
      language: 'en-GB',
      updated: lessons[0] ? new Date(lessons[0].updated) : new Date(0),
      copyright: organisation,
      generator: 'Lessons Network',
      feedLinks: { atom: `${urls.base}/feeds/lessons.atom`, rss: `${urls.base}/feeds/lessons.rss` },
    });
    for (const lesson of lessons) {
      feed.addItem({
        title: feedHtml(lesson.name),
        id: lesson.id,
        link: lesson.id,
        date: new Date(lesson.updated),
        published: new Date(lesson.published),
        description: feedHtml(lesson.summary),
        content: [
          ...lesson.sections.map((s) => s.text),
          ...lesson.keyLearningPoints.map((p) => `• ${p}`),
        ]
          .map((paragraph) => `<p>${feedHtml(paragraph)}</p>`)
          .join(''),
        category: lesson.themes
          .filter((key) => THEME_KEY.test(key))
          .map((key) => ({ name: key, term: key })),
        ...(format === 'atom' ? { author: [{ name: feedText(lesson.origin.name) }] } : {}),
      });
    }
    return feed;
  }

  @Public()
  @Get('feeds/lessons.atom')
  async atom(@Query() query: Record<string, unknown>, @Res() res: Response) {
    res.type('application/atom+xml; charset=utf-8').send((await this.feed(query, 'atom')).atom1());
  }

  @Public()
  @Get('feeds/lessons.rss')
  async rss(@Query() query: Record<string, unknown>, @Res() res: Response) {
    res.type('application/rss+xml; charset=utf-8').send((await this.feed(query, 'rss')).rss2());
  }

  /** A public lesson as its signed object (network lessons are not served to anyone who asks). */
  @Public()
  @Get('federation/lessons/:id')
  async lesson(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const row = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource
          .getRepository(SharedLessonEntity)
          .findOneBy({ lessonId: id, audience: 'public' })
      : null;
    if (!row) throw new NotFoundException('No public lesson has this id');
    res
      .status(row.retractedAt ? 410 : 200)
      .type(`${ACTIVITY_CONTENT_TYPE}; charset=utf-8`)
      .json({ ...(peekSigned(row.jws).payload as object), signedObject: row.jws });
  }
}
