import { FederationKeyEntity } from './entities/federation-key.entity';
import { FollowEntity } from './entities/follow.entity';
import { NetworkMemberEntity } from './entities/network-member.entity';
import { NetworkStateEntity } from './entities/network-state.entity';
import { CircuitEntity, DeliveryEntity, OutboxActivityEntity } from './entities/outbox.entity';
import { HopTokenEntity, ReceiptEntity } from './entities/receipt.entity';
import { RemoteLessonEntity, SharedLessonEntity } from './entities/remote-lesson.entity';
import { FederationResolver } from './resolvers/federation.resolver';

export * from './protocol';
export { FederationModule } from './federation.module';
export { FederationKeysService } from './services/federation-keys.service';
export { NetworkService } from './services/network.service';
export { DeliveryWorker } from './services/delivery.worker';
export { RETRY_POLICY, backoffSeconds, circuitOpenSeconds } from './services/retry-policy';
export { FederationException, FederationErrorCode } from './federation.exception';

/** The entities this lib adds to the node's schema. */
export const federationEntities = [
  FederationKeyEntity,
  NetworkStateEntity,
  NetworkMemberEntity,
  FollowEntity,
  OutboxActivityEntity,
  DeliveryEntity,
  CircuitEntity,
  ReceiptEntity,
  HopTokenEntity,
  RemoteLessonEntity,
  SharedLessonEntity,
];

/** The GraphQL resolvers this lib contributes. */
export const federationResolvers = [FederationResolver];
