import { Field, ObjectType } from '@nestjs/graphql';

/** Relay-style page information for cursor connections. */
@ObjectType({ description: 'Where a page of a list ends and whether more follows.' })
export class PageInfo {
  @Field({ description: 'Whether another page follows this one.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor to pass as `after` to get the next page.',
  })
  endCursor!: string | null;
}
