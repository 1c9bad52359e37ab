import { DomainException } from '@lessons-network/common';

/** Every expected failure of federation operations asked for through GraphQL or the CLI. */
export enum FederationErrorCode {
  /** The operation belongs to another kind of node (a hub joining a hub, a Trust approving members). */
  NotForThisNode = 'FEDERATION_NOT_FOR_THIS_NODE',
  /** Another node could not be reached, or did not answer as a Lessons Network node. */
  PeerUnreachable = 'PEER_UNREACHABLE',
  /** No member (or join request) with this ODS code. */
  MemberNotFound = 'MEMBER_NOT_FOUND',
  /** This node is not (yet) in a network directory. */
  NotAMember = 'NOT_A_NETWORK_MEMBER',
  /** No follow with this id or organisation. */
  FollowNotFound = 'FOLLOW_NOT_FOUND',
  /** No received lesson with this id. */
  RemoteLessonNotFound = 'REMOTE_LESSON_NOT_FOUND',
}

const STATUS: Record<FederationErrorCode, number> = {
  FEDERATION_NOT_FOR_THIS_NODE: 409,
  PEER_UNREACHABLE: 502,
  MEMBER_NOT_FOUND: 404,
  NOT_A_NETWORK_MEMBER: 409,
  FOLLOW_NOT_FOUND: 404,
  REMOTE_LESSON_NOT_FOUND: 404,
};

export class FederationException extends DomainException<FederationErrorCode> {
  readonly httpStatus: number;
  constructor(code: FederationErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.httpStatus = STATUS[code];
  }
}
