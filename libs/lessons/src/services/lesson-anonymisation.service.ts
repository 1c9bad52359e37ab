import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { anonymiseDocument, type FindingType } from '@lessons-network/anonymiser';
import { AuditService } from '@lessons-network/audit';
import {
  CommonErrorCode,
  CommonException,
  isUuid,
  type Actor,
  type RequestContext,
} from '@lessons-network/common';
import { DataSource } from 'typeorm';
import { EDITABLE_STATES } from '../domain/workflow';
import { LessonActionEntity } from '../entities/lesson-action.entity';
import { AnonymiserTermEntity } from '../entities/anonymiser-term.entity';
import { LessonFindingEntity } from '../entities/lesson-finding.entity';
import { LessonKnownIdentifierEntity } from '../entities/lesson-known-identifier.entity';
import { LessonScanEntity } from '../entities/lesson-scan.entity';
import { LessonEntity } from '../entities/lesson.entity';
import { LessonErrorCode, LessonException } from '../lessons.exception';
import { LessonsService } from './lessons.service';
import { assertShareable, hash, project, sharedFields, type SharedField } from './lesson-gate';

/**
 * The anonymisation workflow of a lesson: scan every shared field, let reviewers accept or dismiss
 * each finding, keep the author's known identifiers, and build the projection that may be shared.
 */
@Injectable()
export class LessonAnonymisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lessons: LessonsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Scans every shared field. Fields whose text, known identifiers and word lists are unchanged are
   * not scanned again; in the others, decisions on findings that still stand are kept.
   */
  async scan(ctx: RequestContext, lessonId: string): Promise<LessonFindingEntity[]> {
    const actor = ctx.requireActor();
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.lessons.lockReadable(manager, actor, lessonId);
      assertMayWork(actor, lesson);
      const actions = await manager.find(LessonActionEntity, { where: { lessonId: lesson.id } });
      const known = await manager.find(LessonKnownIdentifierEntity, {
        where: { lessonId: lesson.id },
      });
      const knownIdentifiers = known.map((k) => ({ type: k.type as FindingType, value: k.value }));
      const terms = await manager.find(AnonymiserTermEntity, {
        where: { organisationId: lesson.organisationId },
        order: { term: 'ASC' },
      });
      const alwaysRedact = terms.filter((t) => t.kind === 'always').map((t) => t.term);
      const neverRedact = terms.filter((t) => t.kind === 'never').map((t) => t.term);
      const fields = sharedFields(lesson, actions);
      // A name found in any field is looked for in every field ("Quince" opening a sentence).
      const { results, propagated } = anonymiseDocument(
        fields.map((f) => f.text),
        { knownIdentifiers, alwaysRedact, neverRedact },
      );
      // Known identifiers, names found elsewhere and the word lists shape every finding: changing
      // any of them makes every field stale.
      const knownHash = hash(
        JSON.stringify({ knownIdentifiers, alwaysRedact, neverRedact, propagated }),
      );
      const scans = new Map(
        (await manager.find(LessonScanEntity, { where: { lessonId: lesson.id } })).map((x) => [
          x.field,
          x,
        ]),
      );
      let added = 0;
      for (const [index, { field, text }] of fields.entries()) {
        const fieldHash = hash(text);
        const previous = scans.get(field);
        // Unchanged text, same known identifiers: the findings and their decisions stand.
        if (previous && previous.fieldHash === fieldHash && previous.knownHash === knownHash)
          continue;
        // A finding that still stands (same text, same span, type and rule) keeps its row and the
        // reviewer's decision: a word list or known identifier that changes nothing here must not
        // discard decisions. The rest are replaced by what the scan found now.
        const before = await manager.find(LessonFindingEntity, {
          where: { lessonId: lesson.id, field },
        });
        const standing = new Map(
          before.filter((f) => f.fieldHash === fieldHash).map((f) => [findingKey(f), f]),
        );
        const kept = new Set<string>();
        const fresh: (typeof results)[number]['findings'] = [];
        for (const f of results[index].findings) {
          const same = standing.get(findingKey(f));
          if (same && !kept.has(same.id)) {
            kept.add(same.id);
            if (same.confidence !== f.confidence)
              await manager.update(
                LessonFindingEntity,
                { id: same.id },
                { confidence: f.confidence },
              );
          } else fresh.push(f);
        }
        const gone = before.filter((f) => !kept.has(f.id)).map((f) => f.id);
        if (gone.length > 0) await manager.delete(LessonFindingEntity, gone);
        for (const f of fresh) {
          await manager.insert(LessonFindingEntity, {
            lessonId: lesson.id,
            field,
            fieldHash,
            start: f.start,
            end: f.end,
            type: f.type,
            rule: f.rule,
            confidence: f.confidence,
            status: 'open',
          });
          added++;
        }
      }
      const fieldNames = fields.map((f) => f.field);
      await manager
        .createQueryBuilder()
        .delete()
        .from(LessonFindingEntity)
        .where('lesson_id = :id', { id: lesson.id })
        .andWhere(fieldNames.length ? 'field NOT IN (:...fields)' : 'true', { fields: fieldNames })
        .execute();
      await manager.delete(LessonScanEntity, { lessonId: lesson.id });
      if (fields.length > 0) {
        await manager.insert(
          LessonScanEntity,
          fields.map(({ field, text }) => ({
            lessonId: lesson.id,
            field,
            fieldHash: hash(text),
            knownHash,
          })),
        );
      }
      await this.audit.record(ctx, manager, {
        action: 'lesson.scanned',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: { fields: fields.length, newFindings: added },
      });
      return manager.find(LessonFindingEntity, {
        where: { lessonId: lesson.id },
        order: { field: 'ASC', start: 'ASC' },
      });
    });
  }

  async findings(
    ctx: RequestContext,
    lessonId: string,
  ): Promise<{ lesson: LessonEntity; findings: LessonFindingEntity[]; fields: SharedField[] }> {
    const actor = ctx.requireActor();
    const lesson = await this.lessons.get(ctx, lessonId);
    assertMayWork(actor, lesson);
    const actions = await this.dataSource
      .getRepository(LessonActionEntity)
      .find({ where: { lessonId: lesson.id } });
    const findings = await this.dataSource
      .getRepository(LessonFindingEntity)
      .find({ where: { lessonId: lesson.id }, order: { field: 'ASC', start: 'ASC' } });
    return { lesson, findings, fields: sharedFields(lesson, actions) };
  }

  /** Accept a redaction or dismiss a false alarm (with a reason). Reviewers and quality leads. */
  async decide(
    ctx: RequestContext,
    findingId: string,
    decision: 'accepted' | 'dismissed',
    reason?: string,
  ): Promise<LessonFindingEntity> {
    const actor = ctx.requireActor();
    if (!actor.roles.some((r) => r === 'reviewer' || r === 'quality_lead')) {
      throw new LessonException(
        LessonErrorCode.NotAllowed,
        'Reviewers and quality leads decide on findings',
      );
    }
    if (decision === 'dismissed' && (reason?.trim().length ?? 0) < 3) {
      throw new CommonException(CommonErrorCode.BadUserInput, 'Say why this is not an identifier', {
        field: 'reason',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const finding = isUuid(findingId)
        ? await manager.findOne(LessonFindingEntity, {
            where: { id: findingId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
      if (!finding) throw new LessonException(LessonErrorCode.FindingNotFound, 'No such finding');
      const lesson = await this.lessons.lockReadable(manager, actor, finding.lessonId);
      // Four eyes, as for approval: letting text out unredacted is another person's call.
      if (decision === 'dismissed' && lesson.authorId === actor.userId) {
        throw new LessonException(
          LessonErrorCode.SelfReview,
          'You cannot dismiss findings on your own lesson: another reviewer or quality lead decides that a finding is not an identifier (you may accept a redaction)',
        );
      }
      await manager.update(
        LessonFindingEntity,
        { id: finding.id },
        {
          status: decision,
          reason: reason?.trim() || null,
          decidedBy: actor.userId,
          decidedAt: new Date(),
        },
      );
      await this.audit.record(ctx, manager, {
        action: 'lesson.finding_decided',
        subjectType: 'lesson',
        subjectId: finding.lessonId,
        details: {
          findingId: finding.id,
          field: finding.field,
          type: finding.type,
          decision,
          ...(reason ? { reason: reason.trim() } : {}),
        },
      });
      return manager.findOneByOrFail(LessonFindingEntity, { id: finding.id });
    });
  }

  async addKnownIdentifier(
    ctx: RequestContext,
    lessonId: string,
    type: FindingType,
    value: string,
  ): Promise<LessonKnownIdentifierEntity> {
    const actor = ctx.requireActor();
    return this.dataSource.transaction(async (manager) => {
      const lesson = await this.lessons.lockReadable(manager, actor, lessonId);
      if (
        !EDITABLE_STATES.includes(lesson.status) ||
        (actor.userId !== lesson.authorId && !actor.roles.includes('quality_lead'))
      ) {
        throw new LessonException(
          LessonErrorCode.NotEditable,
          'Known identifiers are added to a draft by its author or a quality lead',
        );
      }
      const saved = await manager.save(
        manager.create(LessonKnownIdentifierEntity, {
          lessonId: lesson.id,
          type,
          value: value.trim(),
        }),
      );
      // The value itself never goes into the audit trail.
      await this.audit.record(ctx, manager, {
        action: 'lesson.known_identifier_added',
        subjectType: 'lesson',
        subjectId: lesson.id,
        details: { type },
      });
      return saved;
    });
  }

  terms(ctx: RequestContext): Promise<AnonymiserTermEntity[]> {
    return listTerms(this.dataSource, ctx.requireActor().organisationId);
  }

  async addTerm(
    ctx: RequestContext,
    term: string,
    kind: 'always' | 'never',
  ): Promise<AnonymiserTermEntity> {
    const actor = ctx.requireActor();
    const normalised = term.trim().replace(/\s+/g, ' ').toLowerCase();
    if (normalised.length < 2 || normalised.length > 100) {
      throw new CommonException(CommonErrorCode.BadUserInput, 'A term is 2 to 100 characters', {
        field: 'term',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      if (
        await manager.existsBy(AnonymiserTermEntity, {
          organisationId: actor.organisationId,
          term: normalised,
        })
      ) {
        throw new CommonException(CommonErrorCode.Conflict, 'That term is already on a list');
      }
      const saved = await manager.save(
        manager.create(AnonymiserTermEntity, {
          organisationId: actor.organisationId,
          term: normalised,
          kind,
        }),
      );
      await this.audit.record(ctx, manager, {
        action: 'anonymiser.term_added',
        subjectType: 'anonymiser_term',
        subjectId: saved.id,
        details: { kind },
      });
      return saved;
    });
  }

  async removeTerm(ctx: RequestContext, id: string): Promise<void> {
    const actor = ctx.requireActor();
    await this.dataSource.transaction(async (manager) => {
      const result = isUuid(id)
        ? await manager.delete(AnonymiserTermEntity, { id, organisationId: actor.organisationId })
        : { affected: 0 };
      if (!result.affected) throw new CommonException(CommonErrorCode.NotFound, 'No such term');
      await this.audit.record(ctx, manager, {
        action: 'anonymiser.term_removed',
        subjectType: 'anonymiser_term',
        subjectId: id,
      });
    });
  }

  async knownIdentifiers(
    ctx: RequestContext,
    lessonId: string,
  ): Promise<LessonKnownIdentifierEntity[]> {
    const actor = ctx.requireActor();
    const lesson = await this.lessons.get(ctx, lessonId);
    if (
      actor.userId !== lesson.authorId &&
      !actor.roles.some((r) => r === 'reviewer' || r === 'quality_lead')
    )
      return [];
    return this.dataSource
      .getRepository(LessonKnownIdentifierEntity)
      .find({ where: { lessonId: lesson.id }, order: { createdAt: 'ASC' } });
  }

  /** What may be shared: fields with accepted findings replaced; refused until the lesson passes the gate. */
  async projection(ctx: RequestContext, lessonId: string): Promise<SharedField[]> {
    const lesson = await this.lessons.get(ctx, lessonId);
    assertMayWork(ctx.requireActor(), lesson);
    const { fields, findings } = await assertShareable(this.dataSource.manager, lesson);
    return project(fields, findings);
  }
}

/** What makes a finding the same one on the same text: its span, type and rule. */
function findingKey(f: { start: number; end: number; type: string; rule: string }): string {
  return `${f.start}:${f.end}:${f.type}:${f.rule}`;
}

/** The node's word lists. Quality leads change them; reviewers and authors read them. */
export async function listTerms(
  dataSource: DataSource,
  organisationId: string,
): Promise<AnonymiserTermEntity[]> {
  return dataSource
    .getRepository(AnonymiserTermEntity)
    .find({ where: { organisationId }, order: { kind: 'ASC', term: 'ASC' } });
}

function assertMayWork(actor: Actor, lesson: LessonEntity): void {
  const may =
    actor.userId === lesson.authorId ||
    actor.roles.some((r) => r === 'reviewer' || r === 'quality_lead');
  if (!may)
    throw new LessonException(
      LessonErrorCode.NotAllowed,
      'Only the author, reviewers and quality leads work on anonymisation',
    );
}
