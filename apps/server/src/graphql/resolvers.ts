import { federationResolvers } from '@lessons-network/federation';
import { identityResolvers } from '@lessons-network/identity';
import { lessonResolvers } from '@lessons-network/lessons';

/** Every resolver class of the node, for printing the schema without starting a node. */
export const NODE_RESOLVERS = [...identityResolvers, ...lessonResolvers, ...federationResolvers];
