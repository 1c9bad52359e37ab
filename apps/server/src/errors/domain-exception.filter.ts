import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { DomainException } from '@lessons-network/common';
import type { Response } from 'express';

/**
 * Domain exceptions on REST routes become `{ code, message, details }` with the exception's HTTP
 * status. In GraphQL they are rethrown and shaped by formatGraphqlError.
 */
@Catch(DomainException)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(exception: DomainException, host: ArgumentsHost): void {
    if (host.getType<string>() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(exception.httpStatus)
      .type('application/json')
      .json({
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
      });
  }
}
