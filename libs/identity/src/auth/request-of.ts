import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@lessons-network/common';
import type { IncomingMessage } from 'node:http';

/** The parts of an HTTP request the node relies on (pino-http sets `id`; the guard sets `actor`). */
export interface NodeRequest extends IncomingMessage {
  ip?: string;
  actor?: Actor;
}

/** The HTTP request behind a GraphQL operation or a REST route. */
export function requestOf(context: ExecutionContext): NodeRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: NodeRequest }>().req;
  }
  return context.switchToHttp().getRequest<NodeRequest>();
}
