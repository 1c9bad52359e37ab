import { Module } from '@nestjs/common';
import { AuditModule } from '@lessons-network/audit';
import { LessonsModule } from '@lessons-network/lessons';
import { DiscoveryController } from './controllers/discovery.controller';
import { FeedController } from './controllers/feed.controller';
import { FederationRateGuard } from './controllers/federation-rate.guard';
import { InboxRateLimiter } from './controllers/inbox-rate-limiter';
import { InboxController } from './controllers/inbox.controller';
import { FederationResolver } from './resolvers/federation.resolver';
import { DeliveryWorker } from './services/delivery.worker';
import { FederationKeysService } from './services/federation-keys.service';
import { FollowsService } from './services/follows.service';
import { InboxService } from './services/inbox.service';
import { NetworkService } from './services/network.service';
import { OutboundFetcher } from './services/outbound-fetcher';
import { OutboxService } from './services/outbox.service';
import { PublisherService } from './services/publisher.service';
import { QuarantineService } from './services/quarantine.service';
import { RemoteLessonsService } from './services/remote-lessons.service';
import { SearchIndexer } from './services/search-indexer';

/**
 * Federation: keys, discovery, the network directory, follows, the outbox and its delivery worker,
 * the inbox and its verification pipeline, received lessons. Registers a share hook with the
 * lessons lib so that publishing and retracting send activities in the same transaction.
 */
@Module({
  imports: [AuditModule, LessonsModule],
  controllers: [DiscoveryController, InboxController, FeedController],
  providers: [
    FederationKeysService,
    OutboundFetcher,
    OutboxService,
    DeliveryWorker,
    NetworkService,
    FollowsService,
    RemoteLessonsService,
    SearchIndexer,
    PublisherService,
    InboxService,
    QuarantineService,
    InboxRateLimiter,
    FederationRateGuard,
    FederationResolver,
  ],
  exports: [FederationKeysService, NetworkService, OutboxService, DeliveryWorker, OutboundFetcher],
})
export class FederationModule {}
