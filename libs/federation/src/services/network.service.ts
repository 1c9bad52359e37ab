import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@lessons-network/audit';
import { CommonErrorCode, CommonException, type RequestContext } from '@lessons-network/common';
import { NodeConfig, NodeRole } from '@lessons-network/config';
import { DataSource, type EntityManager, In } from 'typeorm';
import { NetworkMemberEntity } from '../entities/network-member.entity';
import { NetworkStateEntity } from '../entities/network-state.entity';
import { FederationErrorCode, FederationException } from '../federation.exception';
import { mayFetchJoiningActor } from '../protocol/filter';
import { FederationRefusal, RefusalReason } from '../protocol/refusal';
import { signObject } from '../protocol/signing';
import { parseDirectory } from '../protocol/validate';
import {
  CONTEXT,
  DIRECTORY_JWS_TYPE,
  type DirectoryMember,
  type DirectoryObject,
  type NodeRoleName,
  nodeUrls,
  type PublishedKey,
} from '../protocol/vocabulary';
import { fetchJson } from './fetch-json';
import { FederationKeysService } from './federation-keys.service';
import { OutboxService } from './outbox.service';

/** How long the inbox trusts its cached copy of the directory. */
const SNAPSHOT_MS = 1000;
/** A lookup that misses reloads the directory at most this often. */
const MISS_RELOAD_MS = 100;

function toMember(row: NetworkMemberEntity): DirectoryMember {
  const keys = [...row.keys, ...row.fetchedKeys];
  // A key listed twice (directory and fetched) counts once, the stricter status winning.
  const byKid = new Map<string, PublishedKey>();
  for (const key of keys) {
    const known = byKid.get(key.kid);
    if (!known || key.status === 'revoked') byKid.set(key.kid, key);
  }
  return {
    odsCode: row.odsCode,
    name: row.name,
    role: row.role as NodeRoleName,
    actor: row.actor,
    inbox: row.inbox,
    baseUrl: row.baseUrl,
    keys: [...byKid.values()],
  };
}

/** Keys from an actor document or a JWKS, checked for shape. */
export function parseKeys(document: unknown): PublishedKey[] {
  const keys = (document as { keys?: unknown; publicKeys?: unknown } | null) ?? {};
  const list = Array.isArray(keys.keys)
    ? keys.keys
    : Array.isArray(keys.publicKeys)
      ? keys.publicKeys
      : [];
  return parseDirectory({
    id: 'http://keys.invalid/',
    type: 'Directory',
    attributedTo: 'http://keys.invalid/',
    version: 1,
    issued: '-',
    members: [
      {
        odsCode: 'X',
        name: 'X',
        role: 'trust',
        actor: 'http://keys.invalid/',
        inbox: 'http://keys.invalid/',
        baseUrl: 'http://keys.invalid',
        keys: list,
      },
    ],
  }).members[0].keys as PublishedKey[];
}

/**
 * The network directory. The hub keeps join requests and decisions and signs the directory;
 * every node keeps the newest verified directory and answers "is this a member, with which keys".
 */
@Injectable()
export class NetworkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly keys: FederationKeysService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  get isHub(): boolean {
    return this.config.role === NodeRole.Hub;
  }

  get urls() {
    return nodeUrls(this.config.baseUrl);
  }

  /** The single state row, created on first use; on a hub, the hub is itself. */
  async state(manager: EntityManager = this.dataSource.manager): Promise<NetworkStateEntity> {
    const found = await manager.findOneBy(NetworkStateEntity, { id: 1 });
    if (found) return found;
    await manager
      .createQueryBuilder()
      .insert()
      .into(NetworkStateEntity)
      .values({ id: 1, autoApproveRoles: ['hub'] })
      .orIgnore()
      .execute();
    if (this.isHub) {
      await manager.update(
        NetworkStateEntity,
        { id: 1 },
        { hubActor: this.urls.actor, hubInbox: this.urls.inbox },
      );
      await this.ensureSelfMember(manager);
    }
    return manager.findOneByOrFail(NetworkStateEntity, { id: 1 });
  }

  /** This node as a directory entry. */
  async self(manager: EntityManager = this.dataSource.manager): Promise<DirectoryMember> {
    return {
      odsCode: this.config.odsCode,
      name: this.config.organisationName,
      role: this.config.role as NodeRoleName,
      actor: this.urls.actor,
      inbox: this.urls.inbox,
      baseUrl: this.urls.base,
      keys: await this.keys.published(manager),
    };
  }

  private async ensureSelfMember(manager: EntityManager): Promise<void> {
    const self = await this.self(manager);
    await manager
      .createQueryBuilder()
      .insert()
      .into(NetworkMemberEntity)
      .values({
        odsCode: self.odsCode,
        name: self.name,
        role: self.role,
        actor: self.actor,
        inbox: self.inbox,
        baseUrl: self.baseUrl,
        keys: [...self.keys],
        status: 'approved',
        decidedAt: new Date(),
      })
      .orIgnore()
      .execute();
  }

  /**
   * The directory as the inbox reads it, cached for a second: every message asks "is the sender
   * a member, whose is this key", and a database round trip per question halved the inbox's
   * throughput. A miss is always checked against the database before a refusal, so a member
   * approved a moment ago is never refused; a removal takes effect within a second.
   */
  private snapshot?: Promise<{
    at: number;
    state: NetworkStateEntity;
    byActor: Map<string, DirectoryMember>;
    byKid: Map<string, { member: DirectoryMember; key: PublishedKey }>;
  }>;
  private snapshotAt = 0;

  private directorySnapshot(fresh = false) {
    const age = Date.now() - this.snapshotAt;
    // A miss reloads, but not more than every MISS_RELOAD_MS: a flood from non-members must not
    // turn into a flood of directory reads.
    if (this.snapshot && age < (fresh ? MISS_RELOAD_MS : SNAPSHOT_MS)) return this.snapshot;
    this.snapshotAt = Date.now();
    this.snapshot = this.loadSnapshot();
    this.snapshot.catch(() => (this.snapshot = undefined));
    return this.snapshot;
  }

  private async loadSnapshot() {
    const state = await this.state();
    const rows = await this.dataSource
      .getRepository(NetworkMemberEntity)
      .findBy({ status: 'approved' });
    const byActor = new Map(rows.map((row) => [row.actor, toMember(row)]));
    if (this.isHub) byActor.set(this.urls.actor, await this.self());
    // The hub this node joined counts before its first directory arrives: that directory comes
    // from it, signed with the keys pinned at joining.
    if (state.hubActor && state.hubInbox && !byActor.has(state.hubActor))
      byActor.set(state.hubActor, {
        odsCode: state.hubOdsCode ?? 'HUB',
        name: state.hubName ?? 'Network hub',
        role: 'hub',
        actor: state.hubActor,
        inbox: state.hubInbox,
        baseUrl: state.hubActor.replace(/\/federation\/actor$/, ''),
        keys: state.hubKeys,
      });
    const byKid = new Map<string, { member: DirectoryMember; key: PublishedKey }>();
    for (const member of byActor.values())
      for (const key of member.keys) if (!byKid.has(key.kid)) byKid.set(key.kid, { member, key });
    return { at: Date.now(), state, byActor, byKid };
  }

  /** Drops the cached directory (after this node changed it). */
  invalidate(): void {
    this.snapshot = undefined;
  }

  /** An approved member by actor URL (this node's own keys always current on the hub). */
  async member(actor: string): Promise<DirectoryMember | undefined> {
    return (
      (await this.directorySnapshot()).byActor.get(actor) ??
      (await this.directorySnapshot(true)).byActor.get(actor)
    );
  }

  async memberByOds(odsCode: string): Promise<DirectoryMember | undefined> {
    const row = await this.dataSource
      .getRepository(NetworkMemberEntity)
      .findOneBy({ odsCode, status: 'approved' });
    return row ? toMember(row) : undefined;
  }

  /** The approved member that publishes a key id, with that key. */
  async keyOwner(kid: string): Promise<{ member: DirectoryMember; key: PublishedKey } | undefined> {
    return (
      (await this.directorySnapshot()).byKid.get(kid) ??
      (await this.directorySnapshot(true)).byKid.get(kid)
    );
  }

  /** Fetches a member's JWKS again (a key rotated since the directory was signed). */
  async refetchKeys(member: DirectoryMember): Promise<void> {
    try {
      const keys = parseKeys(await fetchJson(nodeUrls(member.baseUrl).jwks));
      await this.dataSource
        .getRepository(NetworkMemberEntity)
        .update({ actor: member.actor }, { fetchedKeys: keys });
      this.invalidate();
    } catch {
      // Unreachable or malformed: the kid stays unknown and the message is refused.
    }
  }

  /** Fetches the joined hub's keys again and pins them (a hub key rotation). */
  async refetchHubKeys(): Promise<void> {
    const state = await this.state();
    if (this.isHub || !state.hubActor) return;
    try {
      const keys = parseKeys(
        await fetchJson(nodeUrls(state.hubActor.replace(/\/federation\/actor$/, '')).jwks),
      );
      await this.dataSource.getRepository(NetworkStateEntity).update({ id: 1 }, { hubKeys: keys });
      this.invalidate();
    } catch {
      // Unreachable or malformed: the directory stays unverified and is refused.
    }
  }

  /** The keys a not-yet-member publishes in its own actor document (for its Join). */
  async actorKeys(actor: string): Promise<PublishedKey[]> {
    if (!mayFetchJoiningActor(actor, this.config.federationJoinAllow))
      throw new FederationRefusal(
        RefusalReason.NOT_ACCEPTED_HERE,
        'this hub does not take requests to join from that address',
      );
    try {
      return parseKeys(await fetchJson(actor));
    } catch {
      return [];
    }
  }

  async hubKeys(): Promise<PublishedKey[]> {
    const { state, byActor } = await this.directorySnapshot();
    if (this.isHub) return [...(byActor.get(this.urls.actor)?.keys ?? [])];
    return state.hubKeys;
  }

  async hubActor(): Promise<string | undefined> {
    return (await this.directorySnapshot()).state.hubActor ?? undefined;
  }

  /** Approved members, or on the hub every request when asked. */
  async members(
    statuses: readonly string[] = ['approved'],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<NetworkMemberEntity[]> {
    await this.state(manager);
    return manager
      .getRepository(NetworkMemberEntity)
      .find({ where: { status: In([...statuses]) }, order: { odsCode: 'ASC' } });
  }

  // ----- joining (any node) -----

  /**
   * Asks a hub to let this node join: fetches the hub's actor document, pins its keys, and sends a
   * Join. The hub's quality lead approves; the signed directory then arrives here.
   */
  async join(ctx: RequestContext, hubUrl: string): Promise<NetworkStateEntity> {
    if (this.isHub)
      throw new FederationException(
        FederationErrorCode.NotForThisNode,
        'A hub does not join a hub',
      );
    const hub = nodeUrls(hubUrl);
    let document: unknown;
    try {
      document = await fetchJson(hub.actor);
    } catch (error) {
      throw new FederationException(
        FederationErrorCode.PeerUnreachable,
        `Could not read the hub's actor document at ${hub.actor}: ${(error as Error).message}`,
      );
    }
    const actor = document as {
      id?: unknown;
      inbox?: unknown;
      type?: unknown;
      preferredUsername?: unknown;
      name?: unknown;
    };
    const hubKeys = parseKeys(document).filter((k) => k.status !== 'revoked');
    if (actor.id !== hub.actor || typeof actor.inbox !== 'string' || hubKeys.length === 0)
      throw new FederationException(
        FederationErrorCode.PeerUnreachable,
        `${hub.actor} is not a Lessons Network hub (no id, inbox or keys)`,
      );
    const self = await this.self();
    await this.dataSource.transaction(async (manager) => {
      await this.state(manager);
      await manager.update(
        NetworkStateEntity,
        { id: 1 },
        {
          hubActor: hub.actor,
          hubInbox: actor.inbox as string,
          hubOdsCode:
            typeof actor.preferredUsername === 'string'
              ? actor.preferredUsername.slice(0, 10)
              : null,
          hubName: typeof actor.name === 'string' ? actor.name.slice(0, 200) : null,
          hubKeys,
          joinRequestedAt: new Date(),
        },
      );
      await this.outbox.enqueue(
        manager,
        {
          type: 'Join',
          object: hub.actor,
          member: { odsCode: self.odsCode, name: self.name, role: self.role },
        },
        [actor.inbox as string],
      );
      await this.audit.record(ctx, manager, {
        action: 'federation.join_requested',
        subjectType: 'network',
        subjectId: ctx.requireActor().organisationId,
        details: { hub: hub.actor },
      });
    });
    this.invalidate();
    this.outbox.kick();
    return this.state();
  }

  /** At the hub: a Join arrived (verified with the requester's own keys). */
  async receiveJoin(
    manager: EntityManager,
    actor: string,
    member: { odsCode: string; name: string; role: string },
  ): Promise<void> {
    if (!this.isHub)
      throw new FederationException(FederationErrorCode.NotForThisNode, 'only a hub takes Join');
    const urls = nodeUrls(actor.replace(/\/federation\/actor$/, ''));
    if (urls.actor !== actor)
      throw new FederationException(
        FederationErrorCode.NotForThisNode,
        'the actor must be <base>/federation/actor',
      );
    const keys = await this.actorKeys(actor);
    const existing = await manager.findOneBy(NetworkMemberEntity, { actor });
    if (existing?.status === 'approved') return;
    const values = {
      odsCode: member.odsCode,
      name: member.name,
      role: member.role,
      actor,
      inbox: urls.inbox,
      baseUrl: urls.base,
      keys: keys,
      status: 'pending' as const,
      decidedAt: null,
      decidedBy: null,
    };
    if (existing) await manager.update(NetworkMemberEntity, { id: existing.id }, values);
    else {
      const clash = await manager.findOneBy(NetworkMemberEntity, { odsCode: member.odsCode });
      if (clash)
        throw new FederationException(
          FederationErrorCode.NotForThisNode,
          `ODS code ${member.odsCode} is already in the network at another address`,
        );
      await manager.insert(NetworkMemberEntity, values);
    }
  }

  // ----- the hub's decisions -----

  /** The hub's quality lead approves or rejects a join request; the directory goes out again. */
  async decide(
    ctx: RequestContext,
    odsCode: string,
    approve: boolean,
    afterApproval?: (manager: EntityManager, member: DirectoryMember) => Promise<void>,
  ): Promise<NetworkMemberEntity> {
    this.assertHub();
    const actor = ctx.requireActor();
    const row = await this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(NetworkMemberEntity, {
        where: { odsCode },
        lock: { mode: 'pessimistic_write' },
      });
      if (!member || member.actor === this.urls.actor)
        throw new FederationException(
          FederationErrorCode.MemberNotFound,
          `No request from ${odsCode}`,
        );
      if (member.status !== 'pending')
        throw new CommonException(
          CommonErrorCode.BadUserInput,
          `The request from ${odsCode} is ${member.status}, not pending`,
        );
      await manager.update(
        NetworkMemberEntity,
        { id: member.id },
        {
          status: approve ? 'approved' : 'rejected',
          decidedAt: new Date(),
          decidedBy: actor.userId,
        },
      );
      await this.audit.record(ctx, manager, {
        action: approve ? 'federation.member_approved' : 'federation.member_rejected',
        subjectType: 'network_member',
        subjectId: member.id,
        details: { odsCode },
      });
      if (approve) {
        await this.publishDirectory(manager, []);
        if (afterApproval)
          await afterApproval(manager, toMember({ ...member, status: 'approved' }));
      }
      return manager.findOneByOrFail(NetworkMemberEntity, { id: member.id });
    });
    this.invalidate();
    this.outbox.kick();
    return row;
  }

  /** Removes a member; every node learns it from the next directory (the removed one too). */
  async remove(ctx: RequestContext, odsCode: string): Promise<NetworkMemberEntity> {
    this.assertHub();
    const row = await this.dataSource.transaction(async (manager) => {
      const member = await manager.findOne(NetworkMemberEntity, {
        where: { odsCode, status: 'approved' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!member || member.actor === this.urls.actor)
        throw new FederationException(
          FederationErrorCode.MemberNotFound,
          `${odsCode} is not a member`,
        );
      await manager.update(
        NetworkMemberEntity,
        { id: member.id },
        { status: 'removed', decidedAt: new Date(), decidedBy: ctx.requireActor().userId },
      );
      await this.audit.record(ctx, manager, {
        action: 'federation.member_removed',
        subjectType: 'network_member',
        subjectId: member.id,
        details: { odsCode },
      });
      await this.publishDirectory(manager, [member.inbox]);
      return manager.findOneByOrFail(NetworkMemberEntity, { id: member.id });
    });
    this.invalidate();
    this.outbox.kick();
    return row;
  }

  /** Signs a new directory version and sends it to every member (and to `alsoTo`). */
  async publishDirectory(
    manager: EntityManager,
    alsoTo: readonly string[],
  ): Promise<DirectoryObject> {
    await this.state(manager);
    // One directory version at a time: concurrent approvals must not both sign version n + 1.
    const state = await manager.findOneOrFail(NetworkStateEntity, {
      where: { id: 1 },
      lock: { mode: 'pessimistic_write' },
    });
    const rows = await manager.find(NetworkMemberEntity, {
      where: { status: 'approved' },
      order: { odsCode: 'ASC' },
    });
    const self = await this.self(manager);
    const members = rows.map((row) => (row.actor === self.actor ? self : toMember(row)));
    const directory: DirectoryObject = {
      '@context': CONTEXT,
      id: this.urls.directory,
      type: 'Directory',
      attributedTo: this.urls.actor,
      version: state.directoryVersion + 1,
      issued: new Date().toISOString(),
      members,
    };
    const jws = await signObject(
      directory,
      await this.keys.signingKey(manager),
      DIRECTORY_JWS_TYPE,
    );
    await manager.update(
      NetworkStateEntity,
      { id: 1 },
      { directoryJws: jws, directoryVersion: directory.version },
    );
    await this.outbox.enqueue(
      manager,
      { type: 'Update', object: directory.id, signedObject: jws },
      [...members.map((m) => m.inbox), ...alsoTo],
    );
    return directory;
  }

  /** A member applies a verified directory newer than the one it holds. */
  async applyDirectory(
    manager: EntityManager,
    directory: DirectoryObject,
    jws: string,
  ): Promise<void> {
    await this.state(manager);
    // Directories arriving together are applied one after the other, the newest last.
    const state = await manager.findOneOrFail(NetworkStateEntity, {
      where: { id: 1 },
      lock: { mode: 'pessimistic_write' },
    });
    if (directory.version <= state.directoryVersion) return;
    await manager.createQueryBuilder().delete().from(NetworkMemberEntity).execute();
    if (directory.members.length > 0)
      await manager.insert(
        NetworkMemberEntity,
        directory.members.map((m) => ({
          odsCode: m.odsCode,
          name: m.name,
          role: m.role,
          actor: m.actor,
          inbox: m.inbox,
          baseUrl: m.baseUrl,
          keys: [...m.keys],
          status: 'approved' as const,
          decidedAt: new Date(),
        })),
      );
    // The hub's keys as the directory lists them (a rotation vouched for by a pinned key).
    const hub = directory.members.find((m) => m.actor === directory.attributedTo);
    await manager.update(
      NetworkStateEntity,
      { id: 1 },
      {
        directoryJws: jws,
        directoryVersion: directory.version,
        ...(hub ? { hubKeys: [...hub.keys] } : {}),
      },
    );
    this.invalidate();
  }

  /** Whether this node is listed in the directory it holds (a hub always is). */
  async isMember(): Promise<boolean> {
    if (this.isHub) return true;
    const me = await this.dataSource
      .getRepository(NetworkMemberEntity)
      .findOneBy({ actor: this.urls.actor, status: 'approved' });
    return me !== null;
  }

  async setAutoApproveRoles(
    ctx: RequestContext,
    roles: readonly string[],
  ): Promise<NetworkStateEntity> {
    await this.dataSource.transaction(async (manager) => {
      await this.state(manager);
      await manager.update(NetworkStateEntity, { id: 1 }, { autoApproveRoles: [...roles] });
      await this.audit.record(ctx, manager, {
        action: 'federation.auto_approve_roles',
        subjectType: 'network',
        subjectId: ctx.requireActor().organisationId,
        details: { roles },
      });
    });
    this.invalidate();
    return this.state();
  }

  private assertHub(): void {
    if (!this.isHub)
      throw new FederationException(
        FederationErrorCode.NotForThisNode,
        'Only the hub decides who is in the network',
      );
  }
}
