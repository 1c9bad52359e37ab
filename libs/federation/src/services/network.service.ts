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
import { parseKeys } from '../protocol/validate';
import { actorBase, type JoiningActor } from '../protocol/pipeline';
import { buildWire, directoryObjectSchema, MEMBER_ROLES, ODS_CODE } from '../protocol/schemas';
import {
  CONTEXT,
  DIRECTORY_JWS_TYPE,
  type DirectoryMember,
  type DirectoryObject,
  type NodeRoleName,
  nodeUrls,
  type PublishedKey,
} from '../protocol/vocabulary';
import { OutboundFetcher } from './outbound-fetcher';
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
    private readonly fetcher: OutboundFetcher,
  ) {}

  /** When each member's keys were last fetched again, and the fetch in flight. */
  private readonly keyFetches = new Map<string, { at: number; pending: Promise<void> }>();

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

  /**
   * Fetches a member's JWKS again (a key rotated since the directory was signed), at most once per
   * `FEDERATION_KEY_REFETCH_SECONDS` per member: concurrent callers share the fetch in flight, and
   * a flood of unknown key ids under one member's name costs that member one fetch.
   */
  async refetchKeys(member: DirectoryMember): Promise<void> {
    const last = this.keyFetches.get(member.actor);
    if (last && Date.now() - last.at < this.config.federationKeyRefetchSeconds * 1000)
      return last.pending;
    const pending = this.fetchKeys(member);
    this.keyFetches.set(member.actor, { at: Date.now(), pending });
    if (this.keyFetches.size > 10_000) this.keyFetches.clear();
    return pending;
  }

  private async fetchKeys(member: DirectoryMember): Promise<void> {
    try {
      const keys = parseKeys(await this.fetcher.json(nodeUrls(member.baseUrl).jwks));
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
        await this.fetcher.json(nodeUrls(actorBase(state.hubActor) ?? state.hubActor).jwks),
      );
      await this.dataSource.getRepository(NetworkStateEntity).update({ id: 1 }, { hubKeys: keys });
      this.invalidate();
    } catch {
      // Unreachable or malformed: the directory stays unverified and is refused.
    }
  }

  /**
   * What a not-yet-member says of itself in its actor document, fetched once per Join (through
   * the guarded fetcher). Its ODS code and name come from here, never from the Join message.
   */
  async joiningActor(actor: string): Promise<JoiningActor> {
    if (!mayFetchJoiningActor(actor, this.config.federationJoinAllow))
      throw new FederationRefusal(
        RefusalReason.NOT_ACCEPTED_HERE,
        'this hub does not take requests to join from that address',
      );
    let document: unknown;
    try {
      document = await this.fetcher.json(actor);
    } catch (error) {
      throw new FederationRefusal(
        RefusalReason.UNKNOWN_KEY,
        `could not read the actor document of ${actor}: ${(error as Error).message}`,
      );
    }
    const doc = (document ?? {}) as {
      id?: unknown;
      preferredUsername?: unknown;
      name?: unknown;
      role?: unknown;
    };
    let keys: PublishedKey[] = [];
    try {
      keys = parseKeys(document);
    } catch {
      // Malformed keys: refused below as having none.
    }
    if (doc.id !== actor)
      throw new FederationRefusal(
        RefusalReason.NOT_ACCEPTED_HERE,
        'the actor document does not name itself',
      );
    if (typeof doc.preferredUsername !== 'string' || !ODS_CODE.test(doc.preferredUsername))
      throw new FederationRefusal(
        RefusalReason.NOT_ACCEPTED_HERE,
        'the actor document has no ODS code (preferredUsername)',
      );
    if (typeof doc.name !== 'string' || doc.name.trim() === '' || doc.name.length > 200)
      throw new FederationRefusal(
        RefusalReason.NOT_ACCEPTED_HERE,
        'the actor document has no organisation name',
      );
    if (keys.length === 0)
      throw new FederationRefusal(RefusalReason.UNKNOWN_KEY, `${actor} publishes no keys`);
    return {
      actor,
      odsCode: doc.preferredUsername,
      name: doc.name.trim(),
      role: typeof doc.role === 'string' ? doc.role.slice(0, 20) : 'trust',
      keys,
    };
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
      document = await this.fetcher.json(hub.actor);
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

  /**
   * At the hub: a Join arrived, verified with the keys of the requester's actor document. The
   * request is stored pending with what that document says (ODS code, name, the role it asks
   * for); the hub's quality lead decides, and chooses the role. A member never re-joins (the
   * pipeline refuses it), and an ODS code is one member's only.
   */
  async receiveJoin(manager: EntityManager, joining: JoiningActor): Promise<void> {
    if (!this.isHub)
      throw new FederationRefusal(RefusalReason.NOT_ACCEPTED_HERE, 'only a hub takes Join');
    const urls = nodeUrls(actorBase(joining.actor)!);
    const existing = await manager.findOneBy(NetworkMemberEntity, { actor: joining.actor });
    if (existing?.status === 'approved')
      throw new FederationRefusal(RefusalReason.NOT_ACCEPTED_HERE, 'a member already');
    const clash = await manager.findOneBy(NetworkMemberEntity, { odsCode: joining.odsCode });
    if (clash && clash.actor !== joining.actor)
      throw new FederationRefusal(
        RefusalReason.ODS_CODE_IN_USE,
        `ODS code ${joining.odsCode} is already in the network at another address`,
      );
    const values = {
      odsCode: joining.odsCode,
      name: joining.name,
      role: joining.role,
      actor: joining.actor,
      inbox: urls.inbox,
      baseUrl: urls.base,
      keys: [...joining.keys],
      status: 'pending' as const,
      decidedAt: null,
      decidedBy: null,
    };
    if (existing) await manager.update(NetworkMemberEntity, { id: existing.id }, values);
    else await manager.insert(NetworkMemberEntity, values);
  }

  // ----- the hub's decisions -----

  /** The hub's quality lead approves or rejects a join request; the directory goes out again. */
  async decide(
    ctx: RequestContext,
    odsCode: string,
    approve: boolean,
    afterApproval?: (manager: EntityManager, member: DirectoryMember) => Promise<void>,
    role?: NodeRoleName,
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
      // The role is the quality lead's decision: the one asked for if it is a member's role.
      const given = role ?? member.role;
      if (approve && !(MEMBER_ROLES as readonly string[]).includes(given))
        throw new CommonException(
          CommonErrorCode.BadUserInput,
          role
            ? `A member's role is one of ${MEMBER_ROLES.join(', ')}: only this hub is the hub`
            : `${odsCode} asks for the role "${member.role}": choose one of ${MEMBER_ROLES.join(', ')}`,
        );
      await manager.update(
        NetworkMemberEntity,
        { id: member.id },
        {
          status: approve ? 'approved' : 'rejected',
          ...(approve ? { role: given } : {}),
          decidedAt: new Date(),
          decidedBy: actor.userId,
        },
      );
      await this.audit.record(ctx, manager, {
        action: approve ? 'federation.member_approved' : 'federation.member_rejected',
        subjectType: 'network_member',
        subjectId: member.id,
        details: { odsCode, ...(approve ? { role: given } : {}) },
      });
      if (approve) {
        await this.publishDirectory(manager, []);
        if (afterApproval)
          await afterApproval(manager, toMember({ ...member, role: given, status: 'approved' }));
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
    const directory: DirectoryObject = buildWire(
      directoryObjectSchema,
      {
        '@context': CONTEXT,
        id: this.urls.directory,
        type: 'Directory',
        attributedTo: this.urls.actor,
        version: state.directoryVersion + 1,
        issued: new Date().toISOString(),
        members,
      },
      'directory',
    );
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

  /**
   * On a hub: the directory it serves, signing version 1 (the hub alone) if it has none yet, so
   * that the hub lists itself from the start as the protocol says.
   */
  async ensureDirectory(): Promise<NetworkStateEntity> {
    const state = await this.state();
    if (!this.isHub || state.directoryJws) return state;
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(NetworkStateEntity, {
        where: { id: 1 },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked.directoryJws) await this.publishDirectory(manager, []);
    });
    return this.state();
  }

  /**
   * A member applies a verified directory newer than the one it holds; returns false (and changes
   * nothing) for a version it holds already or an older one.
   */
  async applyDirectory(
    manager: EntityManager,
    directory: DirectoryObject,
    jws: string,
  ): Promise<boolean> {
    await this.state(manager);
    // Directories arriving together are applied one after the other, the newest last.
    const state = await manager.findOneOrFail(NetworkStateEntity, {
      where: { id: 1 },
      lock: { mode: 'pessimistic_write' },
    });
    if (directory.version <= state.directoryVersion) return false;
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
    return true;
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
