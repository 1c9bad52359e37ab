import { Controller, Get, Header, NotFoundException, Query, Res, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig } from '@lessons-network/config';
import { Public } from '@lessons-network/identity';
import type { Response } from 'express';
import { DataSource, IsNull } from 'typeorm';
import { OutboxActivityEntity } from '../entities/outbox.entity';
import { SharedLessonEntity } from '../entities/remote-lesson.entity';
import { ACTIVITY_CONTENT_TYPE, CONTEXT } from '../protocol/vocabulary';
import { FederationKeysService } from '../services/federation-keys.service';
import { NetworkService } from '../services/network.service';
import { FederationRateGuard } from './federation-rate.guard';

const SOFTWARE_VERSION = '0.1.0';

/**
 * How other nodes find this one: its actor document (an Organization), its keys, the directory it
 * holds, WebFinger and NodeInfo, and an outbox of public lessons. Public: they reveal only what
 * every member must know.
 */
@Controller()
@UseGuards(FederationRateGuard)
export class DiscoveryController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly network: NetworkService,
    private readonly keys: FederationKeysService,
  ) {}

  @Public()
  @Get('federation/actor')
  @Header('content-type', `${ACTIVITY_CONTENT_TYPE}; charset=utf-8`)
  async actor() {
    const urls = this.network.urls;
    return {
      '@context': CONTEXT,
      id: urls.actor,
      type: 'Organization',
      preferredUsername: this.config.odsCode,
      name: this.config.organisationName,
      role: this.config.role,
      inbox: urls.inbox,
      outbox: urls.outbox,
      endpoints: { sharedInbox: urls.inbox },
      jwks: urls.jwks,
      directory: urls.directory,
      publicKeys: await this.keys.published(),
    };
  }

  @Public()
  @Get('federation/jwks.json')
  async jwks() {
    return { keys: await this.keys.published() };
  }

  /** The newest signed directory this node holds (the hub's own on a hub), as a compact JWS. */
  @Public()
  @Get('federation/directory')
  async directory(@Res() res: Response): Promise<void> {
    // A hub lists itself from the start: before its first approval it signs version 1.
    const state = this.network.isHub
      ? await this.network.ensureDirectory()
      : await this.network.state();
    if (!state.directoryJws) {
      res.status(404).json({ error: 'NO_DIRECTORY', message: 'This node holds no directory yet' });
      return;
    }
    res.type('application/jose').send(state.directoryJws);
  }

  /** Public lessons only: network lessons go to followers, never to anyone who asks. */
  @Public()
  @Get('federation/outbox')
  @Header('content-type', `${ACTIVITY_CONTENT_TYPE}; charset=utf-8`)
  async outbox() {
    const shared = await this.dataSource
      .getRepository(SharedLessonEntity)
      .find({ where: { audience: 'public' }, order: { sharedAt: 'DESC' }, take: 20 });
    const activities = shared.length
      ? await this.dataSource
          .getRepository(OutboxActivityEntity)
          .createQueryBuilder('o')
          .where('o.object_id IN (:...ids)', { ids: shared.map((s) => s.objectId) })
          .andWhere("o.type IN ('Create', 'Update', 'Delete')")
          .orderBy('o.created_at', 'DESC')
          .limit(20)
          .getMany()
      : [];
    return {
      '@context': CONTEXT,
      id: this.network.urls.outbox,
      type: 'OrderedCollection',
      totalItems: activities.length,
      orderedItems: activities.map((a) => JSON.parse(a.body) as unknown),
    };
  }

  /**
   * WebFinger (RFC 7033): acct:<ODS code>@<host> → the actor. The host may be given with or
   * without the port (an account names an organisation, and one node answers for one ODS code);
   * ODS code and host are compared without regard to case.
   */
  @Public()
  @Get('.well-known/webfinger')
  @Header('content-type', 'application/jrd+json; charset=utf-8')
  webfinger(@Query('resource') resource?: string) {
    const { host, hostname } = new URL(this.network.urls.base);
    const accepted = [host, hostname].map((h) => `acct:${this.config.odsCode}@${h}`.toLowerCase());
    const asked = typeof resource === 'string' ? resource.toLowerCase() : '';
    if (!accepted.includes(asked) && resource !== this.network.urls.actor)
      throw new NotFoundException(`Unknown resource; this node is ${accepted[0]}`);
    return {
      subject: `acct:${this.config.odsCode}@${host}`,
      aliases: [this.network.urls.actor],
      links: [{ rel: 'self', type: ACTIVITY_CONTENT_TYPE, href: this.network.urls.actor }],
    };
  }

  @Public()
  @Get('.well-known/nodeinfo')
  nodeinfoLinks() {
    return {
      links: [
        {
          rel: 'http://nodeinfo.diaspora.software/ns/schema/2.1',
          href: `${this.network.urls.base}/nodeinfo/2.1`,
        },
      ],
    };
  }

  @Public()
  @Get('nodeinfo/2.1')
  @Header(
    'content-type',
    'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"',
  )
  async nodeinfo() {
    const shared = await this.dataSource
      .getRepository(SharedLessonEntity)
      .count({ where: { retractedAt: IsNull() } });
    return {
      version: '2.1',
      software: {
        name: 'lessons-network',
        version: SOFTWARE_VERSION,
        homepage: 'https://lessons-network.nhs.uk/',
      },
      protocols: ['activitypub'],
      services: { inbound: [], outbound: ['atom1.0'] },
      openRegistrations: false,
      usage: { users: {}, localPosts: shared },
      metadata: {
        odsCode: this.config.odsCode,
        organisationName: this.config.organisationName,
        role: this.config.role,
      },
    };
  }
}
