import { GraphQLError } from 'graphql';
import { CommonErrorCode, CommonException } from '@lessons-network/common';
import { formatGraphqlError } from './graphql-errors';

describe('formatGraphqlError', () => {
  const path = ['users'];

  it('passes a domain exception through with its code and details', () => {
    const error = new GraphQLError('wrapped', {
      path,
      originalError: new CommonException(CommonErrorCode.NotFound, 'No such thing', { id: 'x' }),
    });
    expect(formatGraphqlError({ message: 'wrapped', path }, error)).toEqual({
      message: 'No such thing',
      path,
      locations: undefined,
      extensions: { code: 'NOT_FOUND', details: { id: 'x' } },
    });
  });

  it('hides anything unexpected behind INTERNAL_SERVER_ERROR, with no message or stack', () => {
    const boom = new Error('connection string postgres://u:pw@db leaked');
    const error = new GraphQLError(boom.message, { path, originalError: boom });
    const formatted = formatGraphqlError(
      {
        message: boom.message,
        path,
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      error,
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path,
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('turns validation-pipe failures into BAD_USER_INPUT listing the problems', () => {
    const formatted = formatGraphqlError(
      {
        message: 'Bad Request Exception',
        path,
        extensions: {
          code: 'BAD_REQUEST',
          originalError: { statusCode: 400, message: ['email must be an e-mail address'] },
        },
      },
      new GraphQLError('Bad Request Exception', { path }),
    );
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      details: { problems: ['email must be an e-mail address'] },
    });
  });

  it('keeps protocol codes such as GRAPHQL_PARSE_FAILED', () => {
    const formatted = formatGraphqlError(
      { message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('Syntax Error'),
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });

  it('treats a variable of the wrong type as BAD_USER_INPUT', () => {
    const message = 'Variable "$input" got invalid value "KING" at "input.roles[0]"';
    const formatted = formatGraphqlError(
      { message, extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      new GraphQLError(message, { originalError: new GraphQLError('x') }),
    );
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});
