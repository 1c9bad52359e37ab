import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CommonErrorCode,
  CommonException,
  isUuid,
  type RequestContext,
} from '@lessons-network/common';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import type { LessonFilter } from '../dto/lessons.args';
import { LessonEntity } from '../entities/lesson.entity';
import { LessonErrorCode, LessonException } from '../lessons.exception';
import { applyLessonFilter, LessonsService } from './lessons.service';

/**
 * How many of the newest matches are ranked. Ranking every match of a common word is what makes
 * full-text search slow (see docs/benchmarks.md); the newest matches are found through an index
 * and only these are ranked, so the cost is bounded whatever the query.
 */
export const RANKED_CANDIDATES = 1000;
export const MAX_SEARCH_RESULTS = 50;

/** Recency windows searched in turn (days; null = all time) until one holds RANKED_CANDIDATES matches. */
export const SEARCH_WINDOWS_DAYS: ReadonlyArray<number | null> = [31, 92, 366, 1096, null];

const START = '\u0001';
const STOP = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=30, MinWords=10, FragmentDelimiter=" … "`;

export interface SearchHit {
  readonly lesson: LessonEntity;
  readonly rank: number;
  /** The title with matched words marked: HTML-escaped, matches in `<mark>`. */
  readonly titleHighlight: string;
  /** The best fragments of the text with matched words marked: HTML-escaped, matches in `<mark>`. */
  readonly snippet: string;
}

export interface SearchResult {
  readonly hits: SearchHit[];
  /** How many matches were ranked (at most RANKED_CANDIDATES). */
  readonly candidates: number;
  /** True when there were more matches than were ranked: narrow the query or the filter. */
  readonly truncated: boolean;
}

/** Full-text search over lessons and "similar lessons elsewhere" for one being written. */
@Injectable()
export class LessonSearchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lessons: LessonsService,
  ) {}

  /** Ranked lessons matching `text` (web-search syntax: words, "phrases", -exclusions, or). */
  async search(
    ctx: RequestContext,
    text: string,
    filter: LessonFilter = {},
    first = 20,
  ): Promise<SearchResult> {
    const actor = ctx.requireActor();
    const trimmed = text.trim();
    if (trimmed.length < 2 || trimmed.length > 200) {
      throw new CommonException(CommonErrorCode.BadUserInput, 'Search for 2 to 200 characters', {
        field: 'text',
      });
    }
    const query = this.lessons.readableQuery(actor);
    applyLessonFilter(query, filter, actor);
    query.andWhere("l.search @@ websearch_to_tsquery('english', :text)", { text: trimmed });
    return this.rank(
      query,
      "websearch_to_tsquery('english', :text)",
      { text: trimmed },
      Math.min(first, MAX_SEARCH_RESULTS),
    );
  }

  /**
   * Published lessons most like the given one (or like `text`, for a lesson not saved yet): the
   * words of its title, summary and learning points, any of them, ranked; shared themes count too.
   */
  async similar(
    ctx: RequestContext,
    source: { lessonId?: string; text?: string },
    first = 5,
  ): Promise<SearchHit[]> {
    const actor = ctx.requireActor();
    let text = source.text?.trim() ?? '';
    let themes: string[] = [];
    let excludeId: string | undefined;
    if (source.lessonId) {
      if (!isUuid(source.lessonId))
        throw new LessonException(
          LessonErrorCode.LessonNotFound,
          'No such lesson in your organisation',
        );
      const lesson = await this.lessons.get(ctx, source.lessonId);
      text = [lesson.title, lesson.summary, ...lesson.keyLearningPoints, text].join(' ');
      themes = lesson.themes;
      excludeId = lesson.id;
    }
    if (text.length < 3) {
      throw new CommonException(
        CommonErrorCode.BadUserInput,
        'Give a lesson or at least a few words to compare',
        { field: 'text' },
      );
    }
    const [row] = await this.dataSource.query<{ query: string | null }[]>(
      `SELECT string_agg(quote_literal(lexeme), ' | ') AS query
         FROM (SELECT lexeme FROM unnest(to_tsvector('english', $1)) ORDER BY length(lexeme) DESC LIMIT 32) words`,
      [text.slice(0, 10_000)],
    );
    if (!row?.query) return [];
    const query = this.lessons.readableQuery(actor).andWhere("l.status = 'published'");
    if (excludeId) query.andWhere('l.id <> :excludeId', { excludeId });
    query.andWhere("l.search @@ to_tsquery('simple', :words)", { words: row.query });
    const result = await this.rank(
      query,
      "to_tsquery('simple', :words)",
      { words: row.query, themes },
      Math.min(first, 20),
      themes.length > 0,
    );
    return result.hits;
  }

  /**
   * Takes the newest RANKED_CANDIDATES rows of `query`, ranks them (cover density, plus 0.1 per
   * shared theme when asked), and highlights the best `limit`.
   */
  /** Ranks the newest RANKED_CANDIDATES rows of `query`; returns the best `limit` with the candidate count. */
  private rankWindow(
    query: SelectQueryBuilder<LessonEntity>,
    tsquery: string,
    params: Record<string, unknown>,
    limit: number,
    boostThemes: boolean,
  ): Promise<{ id: string; rank: number; candidates: string }[]> {
    const candidates = query
      .select([
        'l.id AS id',
        'l.created_at AS created_at',
        'l.search AS search',
        'l.themes AS themes',
      ])
      .orderBy('l.created_at', 'DESC')
      .limit(RANKED_CANDIDATES);
    const boost = boostThemes
      ? ' + 0.1 * cardinality(ARRAY(SELECT unnest(c.themes) INTERSECT SELECT unnest(CAST(:themes AS text[]))))'
      : '';
    return this.dataSource
      .createQueryBuilder()
      .select('c.id', 'id')
      .addSelect(`ts_rank_cd(c.search, ${tsquery})${boost}`, 'rank')
      .addSelect('count(*) OVER ()', 'candidates')
      .from(`(${candidates.getQuery()})`, 'c')
      .setParameters({ ...candidates.getParameters(), ...params })
      .orderBy('rank', 'DESC')
      .addOrderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; rank: number; candidates: string }>();
  }

  private async rank(
    query: SelectQueryBuilder<LessonEntity>,
    tsquery: string,
    params: Record<string, unknown>,
    limit: number,
    boostThemes = false,
  ): Promise<SearchResult> {
    // Widening windows of recency: the newest month first, then a quarter, a year … The first
    // window with enough matches is ranked, so the work is bounded by the window, not the table
    // (see docs/benchmarks.md: without this, a two-word query at 1M lessons fetched every match).
    let rows: { id: string; rank: number; candidates: string }[] = [];
    for (const days of SEARCH_WINDOWS_DAYS) {
      const windowed = query.clone();
      if (days !== null)
        windowed.andWhere('l.created_at >= now() - make_interval(days => :windowDays)', {
          windowDays: days,
        });
      rows = await this.rankWindow(windowed, tsquery, params, limit, boostThemes);
      if (Number(rows[0]?.candidates ?? 0) >= RANKED_CANDIDATES) break;
    }
    if (rows.length === 0) return { hits: [], candidates: 0, truncated: false };
    const ids = rows.map((r) => r.id);
    const [lessons, highlights] = await Promise.all([
      this.dataSource
        .getRepository(LessonEntity)
        .find({ where: { id: In(ids) }, relations: { author: true } }),
      this.dataSource
        .createQueryBuilder()
        .select('l.id', 'id')
        .addSelect(`ts_headline('english', l.title, ${tsquery}, :options)`, 'title')
        .addSelect(
          `ts_headline('english', concat_ws(' ', l.summary, array_to_string(l.key_learning_points, ' '),
             (SELECT string_agg(value, ' ') FROM jsonb_each_text(l.sections))), ${tsquery}, :options)`,
          'snippet',
        )
        .from(LessonEntity, 'l')
        .where('l.id IN (:...ids)', { ids })
        .setParameters({ ...params, options: HEADLINE_OPTIONS })
        .getRawMany<{ id: string; title: string; snippet: string }>(),
    ]);
    const byId = new Map(lessons.map((l) => [l.id, l]));
    const highlightById = new Map(highlights.map((h) => [h.id, h]));
    const candidatesCount = Number(rows[0].candidates);
    return {
      hits: rows.map((r) => ({
        lesson: byId.get(r.id)!,
        rank: Number(r.rank),
        titleHighlight: marked(highlightById.get(r.id)?.title ?? ''),
        snippet: marked(highlightById.get(r.id)?.snippet ?? ''),
      })),
      candidates: candidatesCount,
      truncated: candidatesCount >= RANKED_CANDIDATES,
    };
  }
}

/** Escapes HTML, then turns the headline markers into `<mark>` elements. */
export function marked(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .split(START)
    .join('<mark>')
    .split(STOP)
    .join('</mark>');
}
