import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@lessons-network/common';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

@ObjectType('FederationStatus', { description: "This node's place in the network." })
export class FederationStatusModel {
  @Field({ description: 'This node as an ActivityStreams actor (URL).' })
  actor!: string;

  @Field({ description: 'Where other nodes POST activities.' })
  inbox!: string;

  @Field({ description: 'trust, commissioner, regulator or hub.' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'The hub this node joined (or is).' })
  hubActor!: string | null;

  @Field({ description: 'Whether this node is listed in the directory it holds.' })
  member!: boolean;

  @Field(() => Int, { description: 'Version of the newest verified directory (0: none yet).' })
  directoryVersion!: number;

  @Field(() => [String], {
    description: 'Follow requests from members of these roles are accepted without a person.',
  })
  autoApproveRoles!: string[];
}

@ObjectType('NetworkMember', { description: 'A node of the network, or a request to join it.' })
export class NetworkMemberModel {
  @Field({ description: 'ODS code of the organisation.' })
  odsCode!: string;

  @Field({ description: 'Name of the organisation.' })
  name!: string;

  @Field({ description: 'trust, commissioner, regulator or hub.' })
  role!: string;

  @Field({ description: 'Its actor URL.' })
  actor!: string;

  @Field({ description: 'pending, approved, rejected or removed (the last three on the hub).' })
  status!: string;

  @Field({ description: 'When it asked to join (or was listed).' })
  requestedAt!: Date;
}

@ObjectType('FollowFilter', {
  description: 'What a follower wants; every criterion given must hold.',
})
export class FollowFilterModel {
  @Field(() => [String], { nullable: true, description: 'Any of these themes.' })
  themes?: string[];

  @Field(() => [String], { nullable: true, description: 'Any of these care settings.' })
  careSettings?: string[];

  @Field(() => String, { nullable: true, description: 'Physical harm at this level or worse.' })
  minimumHarm?: string;

  @Field(() => [String], { nullable: true, description: 'From these organisations (ODS codes).' })
  organisations?: string[];

  @Field(() => [String], { nullable: true, description: 'Any of these learning sources.' })
  learningSources?: string[];
}

@ObjectType('Follow', { description: 'A subscription between this node and another.' })
export class FollowModel {
  @Field(() => ID, { description: 'Follow id.' })
  id!: string;

  @Field({ description: 'IN: it follows this node. OUT: this node follows it.' })
  direction!: string;

  @Field({ description: 'ODS code of the other organisation.' })
  odsCode!: string;

  @Field({ description: 'pending, accepted or rejected.' })
  status!: string;

  @Field(() => FollowFilterModel, { description: 'What is delivered.' })
  filter!: FollowFilterModel;

  @Field({ description: 'When it was asked for.' })
  createdAt!: Date;
}

@InputType({ description: 'A filter for a follow; leave a criterion out to take everything.' })
export class FollowFilterInput {
  @Field(() => [String], { nullable: true, description: 'Any of these themes.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  themes?: string[];

  @Field(() => [String], { nullable: true, description: 'Any of these care settings.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  careSettings?: string[];

  @Field(() => String, { nullable: true, description: 'none, low, moderate, severe or fatal.' })
  @IsOptional()
  @IsIn(['none', 'low', 'moderate', 'severe', 'fatal'])
  minimumHarm?: string;

  @Field(() => [String], { nullable: true, description: 'ODS codes of origin organisations.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^[A-Z0-9]{3,10}$/, { each: true })
  organisations?: string[];

  @Field(() => [String], { nullable: true, description: 'Any of these learning sources.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  learningSources?: string[];
}

@InputType({ description: 'Follow a member of the network.' })
export class FollowInput {
  @Field({ description: 'ODS code of the member to follow.' })
  @Matches(/^[A-Z0-9]{3,10}$/)
  odsCode!: string;

  @Field(() => FollowFilterInput, { nullable: true, description: 'What to receive.' })
  @IsOptional()
  filter?: FollowFilterInput;
}

@InputType({ description: 'Ask a hub to let this node join the network.' })
export class JoinNetworkInput {
  @Field({ description: "The hub's base URL, e.g. https://hub.lessons.nhs.uk" })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @Length(8, 500)
  hubUrl!: string;
}

@ObjectType('SharedAction', { description: 'An action of a lesson received from another node.' })
export class SharedActionModel {
  @Field({ description: 'What will be done (anonymised).' })
  description!: string;

  @Field({ description: 'Who owns it, as a role.' })
  ownerRole!: string;

  @Field({ description: 'Strength of the action.' })
  strength!: string;

  @Field({ description: 'Status at the origin.' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Month due (YYYY-MM).' })
  dueMonth!: string | null;

  @Field(() => String, { nullable: true, description: 'Evidence of completion (anonymised).' })
  evidence!: string | null;
}

@ObjectType('SharedSection', { description: 'A section of a received lesson.' })
export class SharedSectionModel {
  @Field({ description: 'Section key of the template.' })
  key!: string;

  @Field({ description: 'Its text (anonymised at the origin).' })
  text!: string;
}

@ObjectType('NetworkLesson', {
  description: 'A lesson received from another node, verified against its origin’s key.',
})
export class NetworkLessonModel {
  @Field(() => ID, { description: 'Local id.' })
  id!: string;

  @Field({ description: 'Its id at the origin (URL).' })
  objectId!: string;

  @Field({ description: 'ODS code of the organisation that wrote it.' })
  originOdsCode!: string;

  @Field({ description: 'Name of the organisation that wrote it.' })
  originName!: string;

  @Field(() => Int, { description: 'Version at the origin; only newer versions replace it.' })
  version!: number;

  @Field({
    description: 'VERIFIED: its origin signature verified with a key of the origin organisation.',
  })
  verification!: string;

  @Field({ description: 'The key id that verified it.' })
  verifiedWith!: string;

  @Field({ description: 'Actor that delivered it (the origin, or the hub relaying it).' })
  via!: string;

  @Field({ description: 'Whether the origin retracted it (only a tombstone is left).' })
  retracted!: boolean;

  @Field(() => String, { nullable: true, description: 'Title.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: 'Summary.' })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: 'Template.' })
  template!: string | null;

  @Field(() => [SharedSectionModel], { description: 'Sections.' })
  sections!: SharedSectionModel[];

  @Field(() => [String], { description: 'Key learning points.' })
  keyLearningPoints!: string[];

  @Field(() => [String], { description: 'Themes.' })
  themes!: string[];

  @Field(() => String, { nullable: true, description: 'Care setting.' })
  careSetting!: string | null;

  @Field(() => String, { nullable: true, description: 'Physical harm.' })
  physicalHarm!: string | null;

  @Field(() => String, { nullable: true, description: 'Learning source.' })
  learningSource!: string | null;

  @Field(() => String, { nullable: true, description: 'Month it happened (YYYY-MM).' })
  occurredMonth!: string | null;

  @Field(() => [SharedActionModel], { description: 'Actions.' })
  actions!: SharedActionModel[];

  @Field({ description: 'When this node first received it.' })
  receivedAt!: Date;

  @Field({ description: 'When this node last changed it.' })
  updatedAt!: Date;
}

@ObjectType({ description: 'One received lesson in a page.' })
export class NetworkLessonEdge {
  @Field({ description: 'Cursor of this lesson in the list.' })
  cursor!: string;

  @Field(() => NetworkLessonModel, { description: 'The lesson.' })
  node!: NetworkLessonModel;
}

@ObjectType({ description: 'A page of received lessons.' })
export class NetworkLessonConnection {
  @Field(() => [NetworkLessonEdge], { description: 'The lessons on this page.' })
  edges!: NetworkLessonEdge[];

  @Field(() => PageInfo, { description: 'Where this page ends.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many match in all.' })
  totalCount!: number | Promise<number>;
}

@ObjectType('SharedLessonState', {
  description: 'What this node has shared of one of its lessons.',
})
export class SharedLessonStateModel {
  @Field(() => ID, { description: 'The local lesson id.' })
  lessonId!: string;

  @Field({ description: 'Its id on the network (URL).' })
  objectId!: string;

  @Field(() => Int, { description: 'The version last sent.' })
  version!: number;

  @Field({ description: 'When it was last sent.' })
  sharedAt!: Date;
}

@ObjectType('Delivery', { description: 'One activity on its way to one inbox.' })
export class DeliveryModel {
  @Field(() => ID, { description: 'Delivery id.' })
  id!: string;

  @Field({ description: 'The inbox.' })
  inbox!: string;

  @Field({ description: 'Activity type.' })
  type!: string;

  @Field({ description: 'pending, delivered or failed.' })
  status!: string;

  @Field(() => Int, { description: 'Attempts so far.' })
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt.' })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;
}

@ObjectType('ScreenFinding', {
  description:
    "What this node's anonymiser found in a received lesson: where and what, never the text.",
})
export class ScreenFindingModel {
  @Field({ description: 'The field: name, summary, sections.<key>, actions.<n>.description …' })
  field!: string;

  @Field({ description: 'The kind of identifier (NAME, NHS_NUMBER, DATE …).' })
  type!: string;
}

@ObjectType('QuarantinedLesson', {
  description:
    "A received lesson held back because this node's anonymiser found identifiers in it: shown to quality leads only, until one releases or rejects it.",
})
export class QuarantinedLessonModel {
  @Field(() => NetworkLessonModel, { description: 'The lesson as received.' })
  lesson!: NetworkLessonModel;

  @Field(() => [ScreenFindingModel], { description: 'What the second look found.' })
  findings!: ScreenFindingModel[];
}
