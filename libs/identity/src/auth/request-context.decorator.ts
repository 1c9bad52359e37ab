import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestContext } from '@lessons-network/common';
import { requestOf } from './request-of';

/** Builds the {@link RequestContext} of the current request: correlation id, actor, client address. */
export const Ctx = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestContext => {
    const request = requestOf(context);
    const correlationId = typeof request.id === 'string' ? request.id : randomUUID();
    return new RequestContext(correlationId, request.actor, request.ip);
  },
);
