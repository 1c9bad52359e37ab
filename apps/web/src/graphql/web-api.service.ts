import type { ApolloServer, BaseContext } from '@apollo/server';
import type { ApolloDriver } from '@nestjs/apollo';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { Operation } from './operations';

/** One error of a GraphQL result, as every client of the API sees it. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

/** A GraphQL result: the data, or the errors (a typed failure, never a throw). */
export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly errors: readonly ApiError[] };

/**
 * Runs the web UI's GraphQL operations through the node's own GraphQL API, in process: Apollo
 * Server's `executeOperation` on the same server that answers `/graphql`, so every operation goes
 * through the same parsing, depth, alias and cost limits, input checks, access guard, throttler,
 * validation and error shaping as a client's POST (decision 0009). The request it builds carries
 * only what an HTTP client would send (the access token as a bearer header) and what the node
 * reads from the connection (client address, correlation id).
 */
@Injectable()
export class WebApi {
  private server?: ApolloServer<BaseContext>;

  constructor(private readonly modules: ModuleRef) {}

  async execute<TData, TVariables extends Record<string, unknown>>(
    req: Request,
    res: Response,
    op: Operation<TData, TVariables>,
    variables: TVariables,
    accessToken?: string,
  ): Promise<ApiResult<TData>> {
    const apiRequest = {
      method: 'POST',
      url: '/graphql',
      headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
      ip: req.ip,
      id: (req as Request & { id?: unknown }).id,
    };
    const response = await this.apollo().executeOperation(
      { query: op.document, operationName: op.name, variables },
      { contextValue: { req: apiRequest, res } },
    );
    if (response.body.kind !== 'single') {
      return {
        ok: false,
        errors: [{ code: 'INTERNAL_SERVER_ERROR', message: 'Unexpected reply' }],
      };
    }
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      return {
        ok: false,
        errors: errors.map((e) => ({
          code:
            typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR',
          message: e.message,
          details: e.extensions?.details as Record<string, unknown> | undefined,
        })),
      };
    }
    return { ok: true, data: data as TData };
  }

  private apollo(): ApolloServer<BaseContext> {
    this.server ??= this.modules.get<GraphQLModule<ApolloDriver>>(GraphQLModule, {
      strict: false,
    }).graphQlAdapter.instance;
    return this.server;
  }
}
