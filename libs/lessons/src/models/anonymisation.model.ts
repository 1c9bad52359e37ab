import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FindingType } from '@lessons-network/anonymiser';
import { IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';

registerEnumType(FindingType, {
  name: 'IdentifierType',
  description: 'What kind of identifier a finding is.',
});

export enum FindingDecision {
  ACCEPT = 'accepted',
  DISMISS = 'dismissed',
}
registerEnumType(FindingDecision, {
  name: 'FindingDecision',
  description: 'ACCEPT: redact it in what is shared. DISMISS: a false alarm (say why).',
});

@ObjectType('LessonFinding', {
  description:
    'A possible identifier in a lesson, for a reviewer to decide on. Never leaves this node.',
})
export class LessonFindingModel {
  @Field(() => ID, { description: 'Finding id.' })
  id!: string;

  @Field({
    description:
      'The field: title, summary, sections.<key>, keyLearningPoints.<n>, actions.<id>.<field>.',
  })
  field!: string;

  @Field(() => FindingType, { description: 'What kind of identifier.' })
  type!: FindingType;

  @Field({ description: 'The rule that found it.' })
  rule!: string;

  @Field(() => Float, { description: 'How sure the rule is, 0 to 1.' })
  confidence!: number;

  @Field(() => Int, { description: 'Start offset in the field (UTF-16 code units).' })
  start!: number;

  @Field(() => Int, { description: 'End offset in the field (exclusive).' })
  end!: number;

  @Field({ description: 'The text found (shown only to this node’s staff working on the lesson).' })
  text!: string;

  @Field({ description: 'open, accepted or dismissed.' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why it was dismissed.' })
  reason!: string | null;
}

@ObjectType('SharedField', {
  description: 'A field of a lesson as it may leave this node, identifiers replaced.',
})
export class SharedFieldModel {
  @Field({ description: 'The field.' })
  field!: string;

  @Field({ description: 'Its anonymised text.' })
  text!: string;
}

@ObjectType('KnownIdentifier', {
  description:
    'Something the author knows identifies a person in the lesson. Local only; erased at publication.',
})
export class KnownIdentifierModel {
  @Field(() => ID, { description: 'Id.' })
  id!: string;

  @Field(() => FindingType, { description: 'What kind.' })
  type!: FindingType;

  @Field({ description: 'The value.' })
  value!: string;
}

@InputType({ description: 'A decision on one finding.' })
export class DecideFindingInput {
  @Field(() => ID, { description: 'The finding.' })
  @IsUUID()
  id!: string;

  @Field(() => FindingDecision, { description: 'Accept the redaction or dismiss a false alarm.' })
  @IsEnum(FindingDecision)
  decision!: FindingDecision;

  @Field({ nullable: true, description: 'Why it is not an identifier (needed to dismiss).' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

@InputType({ description: 'A known identifier for a draft lesson.' })
export class AddKnownIdentifierInput {
  @Field(() => ID, { description: 'The lesson.' })
  @IsUUID()
  lessonId!: string;

  @Field(() => FindingType, { description: 'What kind (NAME, STAFF_NAME, NHS_NUMBER …).' })
  @IsEnum(FindingType)
  type!: FindingType;

  @Field({ description: 'The value, e.g. the patient’s full name.' })
  @IsString()
  @Length(2, 200)
  value!: string;
}

export enum TermKind {
  ALWAYS = 'always',
  NEVER = 'never',
}
registerEnumType(TermKind, {
  name: 'AnonymiserTermKind',
  description: 'ALWAYS redact the term, or NEVER flag it.',
});

@ObjectType('AnonymiserTerm', { description: "A term on this node's anonymiser word lists." })
export class AnonymiserTermModel {
  @Field(() => ID, { description: 'Id.' })
  id!: string;

  @Field({ description: 'The term, lower case; matched as whole words in any case.' })
  term!: string;

  @Field(() => TermKind, { description: 'Always redacted, or never flagged.' })
  kind!: TermKind;
}
