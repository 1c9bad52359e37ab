import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NodeConfig, PLACEHOLDER_ODS } from '@lessons-network/config';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from '../entities/organisation.entity';

/** The organisation that runs this node, kept in step with the configuration. */
@Injectable()
export class OrganisationService {
  private local?: OrganisationEntity;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
  ) {}

  /**
   * Returns this node's organisation, creating it on first start and updating its name, code and
   * role when the configuration changed. A configuration without ODS_CODE never overwrites the
   * organisation stored by `admin:create` ({@link claimIdentity}).
   */
  async localOrganisation(): Promise<OrganisationEntity> {
    if (this.local) return this.local;
    this.local = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['local_organisation']);
      const existing = await manager.findOneBy(OrganisationEntity, { isLocal: true });
      const values =
        existing && this.config.usingPlaceholderIdentity
          ? { odsCode: existing.odsCode, name: existing.name, role: this.config.role }
          : {
              odsCode: this.config.odsCode,
              name: this.config.organisationName,
              role: this.config.role,
            };
      if (!existing) {
        return manager.save(
          OrganisationEntity,
          manager.create(OrganisationEntity, { ...values, isLocal: true }),
        );
      }
      if (
        existing.odsCode !== values.odsCode ||
        existing.name !== values.name ||
        existing.role !== values.role
      ) {
        await manager.update(OrganisationEntity, { id: existing.id }, values);
        return manager.findOneByOrFail(OrganisationEntity, { id: existing.id });
      }
      return existing;
    });
    return this.local;
  }

  /**
   * Names this node's organisation, once, on a node whose configuration does not (no ODS_CODE):
   * `admin:create` asks for it with the first quality lead. Returns false when the node already has
   * an organisation (from the configuration or an earlier claim) with another code or name.
   */
  async claimIdentity(odsCode: string, name: string): Promise<boolean> {
    const claimed = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['local_organisation']);
      const existing = await manager.findOneBy(OrganisationEntity, { isLocal: true });
      if (!existing) {
        await manager.save(
          OrganisationEntity,
          manager.create(OrganisationEntity, {
            odsCode,
            name,
            role: this.config.role,
            isLocal: true,
          }),
        );
        return true;
      }
      if (existing.odsCode !== PLACEHOLDER_ODS)
        return existing.odsCode === odsCode && existing.name === name;
      await manager.update(OrganisationEntity, { id: existing.id }, { odsCode, name });
      return true;
    });
    this.local = undefined;
    return claimed;
  }

  findById(id: string): Promise<OrganisationEntity | null> {
    return this.dataSource.getRepository(OrganisationEntity).findOneBy({ id });
  }
}
