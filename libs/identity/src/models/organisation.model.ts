import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { OrganisationEntity } from '../entities/organisation.entity';

@ObjectType('Organisation', { description: 'An NHS organisation known to this node.' })
export class OrganisationModel {
  @Field(() => ID, { description: 'Identifier of the organisation on this node.' })
  id!: string;

  @Field({ description: 'ODS code, e.g. RJ1.' })
  odsCode!: string;

  @Field({ description: 'Name of the organisation.' })
  name!: string;

  @Field({
    description: 'Kind of node the organisation runs: trust, commissioner, regulator or hub.',
  })
  role!: string;

  static from(entity: OrganisationEntity): OrganisationModel {
    return Object.assign(new OrganisationModel(), {
      id: entity.id,
      odsCode: entity.odsCode,
      name: entity.name,
      role: entity.role,
    });
  }
}
