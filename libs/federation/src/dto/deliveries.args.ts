import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DeliveryStatus } from '../entities/outbox.entity';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead'];
export const MAX_DELIVERIES = 200;

/** Which outgoing deliveries to list: an unknown status or page size is refused, not answered []. */
@ArgsType()
export class DeliveriesArgs {
  @Field(() => String, {
    nullable: true,
    description: `Only deliveries in this state: ${DELIVERY_STATUSES.join(', ')}.`,
  })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, {
    message: `status must be one of ${DELIVERY_STATUSES.join(', ')}`,
  })
  status?: DeliveryStatus;

  @Field(() => Int, {
    nullable: true,
    description: `How many, 1 to ${MAX_DELIVERIES} (default 50).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DELIVERIES)
  first?: number;
}
