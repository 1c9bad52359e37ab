import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '@lessons-network/common';
import { Ctx, Role, Roles } from '@lessons-network/identity';
import type { FindingType } from '@lessons-network/anonymiser';
import type { LessonFindingEntity } from '../entities/lesson-finding.entity';
import {
  AnonymiserTermModel,
  TermKind,
  AddKnownIdentifierInput,
  DecideFindingInput,
  KnownIdentifierModel,
  LessonFindingModel,
  SharedFieldModel,
} from '../models/anonymisation.model';
import type { SharedField } from '../services/lesson-gate';
import { LessonAnonymisationService } from '../services/lesson-anonymisation.service';
import { WORKERS } from '../domain/role-groups';

@Resolver()
export class AnonymisationResolver {
  constructor(private readonly anonymisation: LessonAnonymisationService) {}

  @Roles(...WORKERS)
  @Query(() => [LessonFindingModel], {
    description: 'Possible identifiers found in a lesson. Its author, reviewers, quality leads.',
  })
  async lessonFindings(
    @Ctx() ctx: RequestContext,
    @Args('lessonId', { type: () => ID }) lessonId: string,
  ): Promise<LessonFindingModel[]> {
    const { findings, fields } = await this.anonymisation.findings(ctx, lessonId);
    return toModels(findings, fields);
  }

  @Roles(...WORKERS)
  @Mutation(() => [LessonFindingModel], {
    description:
      'Scan every shared field of a lesson for identifiers; decisions on findings that still stand (unchanged text, same span and type) are kept. Its author, reviewers, quality leads.',
  })
  async scanLesson(
    @Ctx() ctx: RequestContext,
    @Args('lessonId', { type: () => ID }) lessonId: string,
  ): Promise<LessonFindingModel[]> {
    await this.anonymisation.scan(ctx, lessonId);
    const { findings, fields } = await this.anonymisation.findings(ctx, lessonId);
    return toModels(findings, fields);
  }

  @Roles(Role.REVIEWER, Role.QUALITY_LEAD)
  @Mutation(() => LessonFindingModel, {
    description:
      'Accept a redaction or dismiss a false alarm with a reason. Reviewers and quality leads; never dismissing on their own lesson (SELF_REVIEW).',
  })
  async decideFinding(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DecideFindingInput,
  ): Promise<LessonFindingModel> {
    const finding = await this.anonymisation.decide(ctx, input.id, input.decision, input.reason);
    const { fields } = await this.anonymisation.findings(ctx, finding.lessonId);
    return toModels([finding], fields)[0];
  }

  @Roles(Role.AUTHOR, Role.QUALITY_LEAD)
  @Mutation(() => KnownIdentifierModel, {
    description: 'Add a known identifier to a draft. Its author or a quality lead.',
  })
  async addKnownIdentifier(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AddKnownIdentifierInput,
  ): Promise<KnownIdentifierModel> {
    const saved = await this.anonymisation.addKnownIdentifier(
      ctx,
      input.lessonId,
      input.type,
      input.value,
    );
    return { id: saved.id, type: saved.type as FindingType, value: saved.value };
  }

  @Roles(...WORKERS)
  @Query(() => [KnownIdentifierModel], {
    description: 'Known identifiers of a lesson. Its author, reviewers, quality leads.',
  })
  async lessonKnownIdentifiers(
    @Ctx() ctx: RequestContext,
    @Args('lessonId', { type: () => ID }) lessonId: string,
  ): Promise<KnownIdentifierModel[]> {
    return (await this.anonymisation.knownIdentifiers(ctx, lessonId)).map((k) => ({
      id: k.id,
      type: k.type as FindingType,
      value: k.value,
    }));
  }

  @Roles(...WORKERS)
  @Query(() => [AnonymiserTermModel], {
    description: "This node's anonymiser word lists. Authors, reviewers, quality leads.",
  })
  async anonymiserTerms(@Ctx() ctx: RequestContext): Promise<AnonymiserTermModel[]> {
    return (await this.anonymisation.terms(ctx)).map((t) => ({
      id: t.id,
      term: t.term,
      kind: t.kind as TermKind,
    }));
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => AnonymiserTermModel, {
    description:
      'Add a term the anonymiser always redacts (local ward, team or staff names) or never flags. Quality leads.',
  })
  async addAnonymiserTerm(
    @Ctx() ctx: RequestContext,
    @Args('term', { description: 'The term.' }) term: string,
    @Args('kind', { type: () => TermKind, description: 'ALWAYS or NEVER.' }) kind: TermKind,
  ): Promise<AnonymiserTermModel> {
    const saved = await this.anonymisation.addTerm(ctx, term, kind);
    return { id: saved.id, term: saved.term, kind: saved.kind as TermKind };
  }

  @Roles(Role.QUALITY_LEAD)
  @Mutation(() => Boolean, { description: 'Remove a term from the word lists. Quality leads.' })
  async removeAnonymiserTerm(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    await this.anonymisation.removeTerm(ctx, id);
    return true;
  }

  @Roles(...WORKERS)
  @Query(() => [SharedFieldModel], {
    description:
      'The lesson as it may leave this node: refused until every finding is decided on current text. Its author, reviewers, quality leads.',
  })
  async lessonProjection(
    @Ctx() ctx: RequestContext,
    @Args('lessonId', { type: () => ID }) lessonId: string,
  ): Promise<SharedFieldModel[]> {
    return this.anonymisation.projection(ctx, lessonId);
  }
}

function toModels(
  findings: readonly LessonFindingEntity[],
  fields: readonly SharedField[],
): LessonFindingModel[] {
  const texts = new Map(fields.map((f) => [f.field, f.text]));
  return findings.map((f) => ({
    id: f.id,
    field: f.field,
    type: f.type as FindingType,
    rule: f.rule,
    confidence: f.confidence,
    start: f.start,
    end: f.end,
    text: (texts.get(f.field) ?? '').slice(f.start, f.end),
    status: f.status,
    reason: f.reason,
  }));
}
