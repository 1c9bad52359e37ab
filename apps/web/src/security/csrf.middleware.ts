import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { NODE_INFO } from '../graphql/operations';
import { WebApi } from '../graphql/web-api.service';
import { Pages } from '../render/pages.service';
import { Csrf } from './csrf.service';

/**
 * Refuses every web form POST (any method but GET, HEAD, OPTIONS) without a valid CSRF token,
 * before a controller runs, with an NHS-style page that says what to do.
 */
@Injectable()
export class CsrfMiddleware implements NestMiddleware {
  constructor(
    private readonly csrf: Csrf,
    private readonly api: WebApi,
    private readonly pages: Pages,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || this.csrf.valid(req)) return next();
    const info = await this.api.execute(req, res, NODE_INFO, {});
    this.pages.render(
      req,
      res,
      'error.njk',
      {
        organisationName: info.ok ? info.data.nodeInfo.organisationName : 'Lessons Network',
      },
      {
        title: 'Your form could not be sent',
        paragraphs: [
          'This can happen if the page was open for a long time, or was opened in another browser.',
          'Go back, reload the page and try again.',
        ],
        homeHref: '/',
        homeText: 'Go to the home page',
      },
      403,
    );
  }
}
