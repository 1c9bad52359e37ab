import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '../pagination';

/** `first` and `after` of every cursor-paginated list; list args extend it. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 20).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({
    nullable: true,
    description: 'Cursor after which the page starts (pageInfo.endCursor).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}

/** Query cost of a list: page size × the cost of one item (for the GraphQL cost limit). */
export const listCost = ({
  args,
  childComplexity,
}: {
  args: { first?: number };
  childComplexity: number;
}): number => (args.first ?? 20) * Math.max(1, childComplexity);
